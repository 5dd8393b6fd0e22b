/// How a stream runs: workers, batch, queue, and throughput or real-time pacing.
public struct PipelineOptions: Sendable {
  /// How frames enter the pipeline.
  public enum Mode: Sendable, Equatable {
    /// As fast as the workers take them; a full queue makes the reader wait, so no frame is
    /// ever dropped.
    case throughput
    /// Frame `i` arrives at `i / rateHz` seconds, as from a detector; a frame that finds
    /// every buffer busy is dropped and counted, never waited for.
    case realTime(rateHz: Double)
  }

  /// Worker threads, each with its own engine memory.
  public var threads = 1
  /// Frames per batch handed to a worker.
  public var batch = 1
  /// Batches waiting for a worker, at most.
  public var queueDepth = 4
  /// Throughput or real time.
  public var mode = Mode.throughput
  /// The latency a frame may take from arrival to output before it counts as missed; by
  /// default, in real time, one batch's worth of frame periods.
  public var deadlineSeconds: Double?

  /// The default options: one worker, batch 1, throughput.
  public init() {}

  /// The deadline in effect: the given one, else `batch / rate` in real time, else none.
  public var effectiveDeadline: Double? {
    if let deadlineSeconds { return deadlineSeconds }
    if case .realTime(let rate) = mode { return Double(batch) / rate }
    return nil
  }

  /// Checks every setting.
  ///
  /// - Throws: `RuntimeError.invalidSetting` naming the first one out of range.
  public func validate() throws(RuntimeError) {
    guard threads >= 1 else {
      throw .invalidSetting(name: "threads", value: "\(threads)", expected: "an integer ≥ 1")
    }
    guard batch >= 1 else {
      throw .invalidSetting(name: "batch", value: "\(batch)", expected: "an integer ≥ 1")
    }
    guard queueDepth >= 1 else {
      throw .invalidSetting(name: "queue depth", value: "\(queueDepth)", expected: "≥ 1")
    }
    if case .realTime(let rate) = mode, !(rate > 0 && rate.isFinite) {
      throw .invalidSetting(name: "rate", value: "\(rate)", expected: "a frame rate > 0 Hz")
    }
  }
}
