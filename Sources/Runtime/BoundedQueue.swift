import Foundation

/// A first-in, first-out queue of at most `capacity` elements shared between threads.
///
/// Pushing into a full queue waits, which is how the pipeline passes back-pressure from
/// slow workers to the reader; `tryPush` and `tryPop` never wait, which is how real-time
/// mode drops rather than falls behind. `close` wakes every waiter: pops then drain what
/// is left and return `nil`.
///
///     let queue = BoundedQueue<Int>(capacity: 2)
///     queue.push(1)
///     queue.pop()  // 1
public final class BoundedQueue<Element>: @unchecked Sendable {
  /// The most elements the queue holds.
  public let capacity: Int
  private var elements: [Element?]
  private var head = 0
  private var count = 0
  private var closed = false
  private let condition = NSCondition()

  /// Creates an empty queue for `capacity` (at least 1) elements.
  public init(capacity: Int) {
    self.capacity = max(1, capacity)
    elements = Array(repeating: nil, count: max(1, capacity))
  }

  /// Appends `element`, waiting while the queue is full; `false` if the queue was closed.
  @discardableResult
  public func push(_ element: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while count == capacity && !closed { condition.wait() }
    guard !closed else { return false }
    append(element)
    return true
  }

  /// Appends `element` if there is room now; `false` (nothing added) if full or closed.
  public func tryPush(_ element: Element) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    guard count < capacity, !closed else { return false }
    append(element)
    return true
  }

  /// Removes the oldest element, waiting while the queue is empty; `nil` once it is closed
  /// and empty.
  public func pop() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    while count == 0 && !closed { condition.wait() }
    return removeFirst()
  }

  /// Removes the oldest element if there is one now.
  public func tryPop() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    return removeFirst()
  }

  /// Refuses further pushes and wakes every waiting thread.
  public func close() {
    condition.lock()
    closed = true
    condition.broadcast()
    condition.unlock()
  }

  private func append(_ element: Element) {
    elements[(head + count) % capacity] = element
    count += 1
    condition.broadcast()
  }

  private func removeFirst() -> Element? {
    guard count > 0 else { return nil }
    let element = elements[head]
    elements[head] = nil
    head = (head + 1) % capacity
    count -= 1
    condition.broadcast()
    return element
  }
}
