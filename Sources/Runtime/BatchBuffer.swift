/// One batch in flight: its frames' inputs, outputs and arrival times, allocated once.
///
/// A class because buffers circulate by identity between the free list, the work queue,
/// a worker and the sequencer; exactly one of them holds a buffer at any time, which is
/// why the unchecked `Sendable` is sound.
final class BatchBuffer: @unchecked Sendable {
  let input: UnsafeMutablePointer<Float>
  let output: UnsafeMutablePointer<Float>
  var arrivals: [ContinuousClock.Instant]
  var finished = ContinuousClock.now
  /// The batch's place in the stream, its first frame, and its frame count.
  var sequence = 0
  var first = 0
  var count = 0

  init(frames: Int, inputCount: Int, outputCount: Int) {
    input = .allocate(capacity: max(frames * inputCount, 1))
    input.initialize(repeating: 0, count: max(frames * inputCount, 1))
    output = .allocate(capacity: max(frames * outputCount, 1))
    output.initialize(repeating: 0, count: max(frames * outputCount, 1))
    arrivals = Array(repeating: ContinuousClock.now, count: frames)
  }

  deinit {
    input.deallocate()
    output.deallocate()
  }

  func prepare(sequence: Int, first: Int, count: Int) {
    self.sequence = sequence
    self.first = first
    self.count = count
  }
}
