/// How the HLS emitter lays a model out in hardware, which the cost model prices.
///
/// - `parallel`: each layer is a pipelined function over whole arrays (hls4ml's
///   `io_parallel`). A layer with reuse factor `R` instantiates `1/R` of its multiplications
///   and reuses each multiplier `R` times, so its initiation interval is `R` cycles.
/// - `stream`: layers exchange `hls::stream`s pixel by pixel under `DATAFLOW` (hls4ml's
///   `io_stream`); convolutions keep line buffers and accept one input pixel per cycle.
///
///     .parallel(reuse: 1)                         // fully unrolled
///     .parallel(reuse: 4, overrides: ["fc1": 16]) // R = 16 on fc1, 4 elsewhere
public enum Architecture: Sendable, Equatable {
  /// Whole arrays per layer; `reuse` is the default reuse factor, `overrides` per op output.
  case parallel(reuse: Int = 1, overrides: [String: Int] = [:])
  /// Pixel streams with `DATAFLOW`, one input pixel per cycle per layer.
  case stream

  /// The reuse factor of the op writing `name` (1 in stream mode).
  func reuse(for name: String) -> Int {
    switch self {
    case .parallel(let reuse, let overrides): overrides[name] ?? reuse
    case .stream: 1
    }
  }

  /// `parallel` or `stream`, for reports.
  public var name: String {
    switch self {
    case .parallel(let reuse, let overrides):
      "parallel (R=\(reuse)" + (overrides.isEmpty ? ")" : ", \(overrides.count) overrides)")
    case .stream: "stream"
    }
  }
}
