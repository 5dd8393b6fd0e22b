/// What a stream did: frames in, out and dropped, time, CPU, and latencies.
public struct PipelineReport: Sendable {
  /// Frames read from the source.
  public var framesIn = 0
  /// Frames whose outputs reached the sink.
  public var framesOut = 0
  /// Frames real-time mode dropped because every buffer was busy.
  public var dropped = 0
  /// Frames whose latency exceeded the deadline (real time, or a given deadline).
  public var missedDeadline = 0
  /// Wall-clock seconds from the first read to the last write.
  public var seconds = 0.0
  /// CPU seconds of the whole process (user + system) over the same span.
  public var cpuSeconds = 0.0
  /// Per-frame latency from arrival to output.
  public var latency = LatencyStatistics([])
  /// The deadline used, in seconds, if any.
  public var deadline: Double?

  /// Whether every frame read is accounted for: in = out + dropped.
  public var isBalanced: Bool { framesIn == framesOut + dropped }
  /// Output frames per wall-clock second.
  public var framesPerSecond: Double { seconds > 0 ? Double(framesOut) / seconds : 0 }
  /// CPU microseconds per output frame, all threads together.
  public var cpuMicrosecondsPerFrame: Double {
    framesOut > 0 ? cpuSeconds * 1e6 / Double(framesOut) : 0
  }
}
