/// How the HLS emitter lays a model out in hardware, which the cost model prices.
///
/// - `parallel`: each layer is a pipelined function over whole arrays (hls4ml's
///   `io_parallel`). A layer with reuse factor `R` instantiates `1/R` of its multiplications
///   and reuses each multiplier `R` times, so its initiation interval is `R` cycles.
/// - `stream`: layers exchange `hls::stream`s pixel by pixel under `DATAFLOW` (hls4ml's
///   `io_stream`); convolutions keep line buffers and accept one input pixel every `R`
///   cycles; dense and matmul layers run on whole frames as in `parallel`.
///
/// Reuse factors apply to the multiply-accumulate ops (dense, conv1d, conv2d, matmul), as
/// the emitter's kernels apply them; the other ops ignore them.
///
///     .parallel(reuse: 1)                         // fully unrolled
///     .parallel(reuse: 4, overrides: ["fc1": 16]) // R = 16 on fc1, 4 elsewhere
///     .stream()                                   // streamed, R = 1
public enum Architecture: Sendable, Equatable {
  /// Whole arrays per layer; `reuse` is the default reuse factor, `overrides` per op output.
  case parallel(reuse: Int = 1, overrides: [String: Int] = [:])
  /// Pixel streams with `DATAFLOW`; `reuse` and `overrides` as in `parallel`.
  case stream(reuse: Int = 1, overrides: [String: Int] = [:])

  /// The reuse factor of the op writing `name`.
  func reuse(for name: String) -> Int {
    switch self {
    case .parallel(let reuse, let overrides), .stream(let reuse, let overrides):
      overrides[name] ?? reuse
    }
  }

  /// Whether this is the `stream` architecture.
  public var isStream: Bool {
    if case .stream = self { return true }
    return false
  }

  /// The same architecture with the default reuse factor `reuse` and `overrides`.
  public func with(reuse: Int, overrides: [String: Int]) -> Architecture {
    isStream
      ? .stream(reuse: reuse, overrides: overrides)
      : .parallel(reuse: reuse, overrides: overrides)
  }

  /// `parallel (R=4)`, `stream`, `stream (R=1, 3 overrides)`, for reports.
  public var name: String {
    switch self {
    case .parallel(let reuse, let overrides):
      "parallel (R=\(reuse)" + (overrides.isEmpty ? ")" : ", \(overrides.count) overrides)")
    case .stream(let reuse, let overrides):
      reuse == 1 && overrides.isEmpty
        ? "stream"
        : "stream (R=\(reuse)" + (overrides.isEmpty ? ")" : ", \(overrides.count) overrides)")
    }
  }
}
