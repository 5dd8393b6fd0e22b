/// Summary of per-frame latencies: percentiles by the nearest-rank method, and the mean.
///
///     LatencyStatistics([4, 1, 3, 2]).p50  // 2
public struct LatencyStatistics: Sendable, Equatable {
  /// Every latency in seconds, sorted, for percentiles and histograms.
  public let sorted: [Double]

  /// Summarises `latencies` (seconds); every statistic is 0 when empty.
  public init(_ latencies: [Double]) {
    sorted = latencies.sorted()
  }

  /// Frames measured.
  public var count: Int { sorted.count }
  /// The median.
  public var p50: Double { percentile(0.5) }
  /// The 99th percentile.
  public var p99: Double { percentile(0.99) }
  /// The 99.9th percentile.
  public var p999: Double { percentile(0.999) }
  /// The largest.
  public var max: Double { sorted.last ?? 0 }
  /// The mean.
  public var mean: Double { sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count) }

  /// The smallest latency at least a fraction `q` of the frames do not exceed.
  public func percentile(_ q: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    let index = Int((q * Double(sorted.count)).rounded(.up)) - 1
    return sorted[Swift.min(Swift.max(index, 0), sorted.count - 1)]
  }
}
