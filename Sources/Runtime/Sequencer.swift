import Foundation

/// Puts finished batches back in frame order and writes them to the sink.
///
/// Workers finish batches out of order; each hands its batch here, and whichever thread
/// completes the next batch in sequence writes it and every consecutive one already
/// waiting, under one lock, then returns their buffers to the free list. Writing while
/// holding the lock is deliberate: a slow sink then holds up the workers, whose full queue
/// holds up the reader, which is the back-pressure throughput mode relies on.
final class Sequencer<Sink: FrameSink>: @unchecked Sendable {
  /// What the sequencer accumulated, handed back when the stream ends.
  struct State {
    var sink: Sink
    var framesOut = 0
    var dropped = 0
    var missed = 0
    var latencies: [Double] = []
    var error: RuntimeError?
  }

  private enum Entry {
    case done(BatchBuffer)
    case dropped(Int)
  }

  private let lock = NSLock()
  private var state: State
  private var waiting: [Int: Entry] = [:]
  private var next = 0
  private let outputCount: Int
  private let deadline: Double?
  private let free: BoundedQueue<BatchBuffer>
  private let progress: ((Int) -> Void)?

  init(
    sink: Sink, outputCount: Int, deadline: Double?, free: BoundedQueue<BatchBuffer>,
    expectedFrames: Int?, progress: ((Int) -> Void)?
  ) {
    state = State(sink: sink)
    state.latencies.reserveCapacity(expectedFrames ?? 1 << 16)
    self.outputCount = outputCount
    self.deadline = deadline
    self.free = free
    self.progress = progress
  }

  /// A worker finished `buffer`.
  func complete(_ buffer: BatchBuffer) {
    deliver(buffer.sequence, .done(buffer))
  }

  /// The reader dropped batch `sequence` of `count` frames.
  func drop(sequence: Int, count: Int) {
    deliver(sequence, .dropped(count))
  }

  /// The reader queued `batches` batches in all (the count is implied by the entries; kept
  /// for symmetry with the reader's loop and as a check in debug builds).
  func expect(batches: Int) {
    lock.lock()
    defer { lock.unlock() }
    assert(next <= batches)
  }

  /// The accumulated state, once every worker has stopped.
  func finish() -> State {
    lock.lock()
    defer { lock.unlock() }
    return state
  }

  private func deliver(_ sequence: Int, _ entry: Entry) {
    lock.lock()
    waiting[sequence] = entry
    var completed = 0
    while let ready = waiting.removeValue(forKey: next) {
      switch ready {
      case .done(let buffer):
        write(buffer)
        completed += buffer.count
        free.push(buffer)
      case .dropped(let count):
        if state.error == nil {
          do throws(RuntimeError) {
            try state.sink.skip(frames: count)
          } catch {
            state.error = error
          }
        }
        state.dropped += count
        completed += count
      }
      next += 1
    }
    lock.unlock()
    if completed > 0 { progress?(completed) }
  }

  private func write(_ buffer: BatchBuffer) {
    if state.error == nil {
      do throws(RuntimeError) {
        try state.sink.write(frames: buffer.count, outputs: buffer.output)
      } catch {
        state.error = error
      }
    }
    let written = ContinuousClock.now
    for i in 0..<buffer.count {
      let latency = Pipeline.seconds(written - buffer.arrivals[i])
      state.latencies.append(latency)
      if let deadline, latency > deadline { state.missed += 1 }
    }
    state.framesOut += buffer.count
  }
}
