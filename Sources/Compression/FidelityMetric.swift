/// How far a fixed-point program's output may be from the float model's: the end-to-end
/// metrics of `etch validate`, each with the direction in which it is good.
///
/// Pruning and precision search both stop where this metric crosses the user's bound, so
/// the bound reads as it does in a validation report: a mean peak distance in pixels, an
/// argmax agreement, a relative error.
///
///     let metric = FidelityMetric.meanDistance(scale: 11)  // BraggNN: pixels
///     metric.isWithin(0.03, bound: 0.05)                    // true
public enum FidelityMetric: Sendable, Equatable, CustomStringConvertible {
  /// The mean over frames of the Euclidean distance between fixed and float outputs, times
  /// `scale` (11 for BraggNN: the mean peak distance in pixels). Lower is better.
  case meanDistance(scale: Double)
  /// The fraction of frames whose argmax agrees. Higher is better.
  case argmaxAgreement
  /// The largest `|fixed − float|` divided by the largest `|float|`. Lower is better.
  case maxRelativeError

  /// The names accepted by `--metric`.
  public static let names = ["mean-distance", "argmax", "max-relative"]

  /// Reads `mean-distance`, `argmax` or `max-relative`; `scale` applies to `mean-distance`.
  public init?(name: String, scale: Double = 1) {
    switch name {
    case "mean-distance": self = .meanDistance(scale: scale)
    case "argmax": self = .argmaxAgreement
    case "max-relative": self = .maxRelativeError
    default: return nil
    }
  }

  /// The name `--metric` takes.
  public var name: String {
    switch self {
    case .meanDistance: "mean-distance"
    case .argmaxAgreement: "argmax"
    case .maxRelativeError: "max-relative"
    }
  }

  /// `mean distance ×11`, `argmax agreement`, `max relative error`.
  public var description: String {
    switch self {
    case .meanDistance(let scale): scale == 1 ? "mean distance" : "mean distance ×\(scale)"
    case .argmaxAgreement: "argmax agreement"
    case .maxRelativeError: "max relative error"
    }
  }

  /// The metric of `fixed` against `float`, both frame-major with `perFrame` values a frame.
  public func measure(fixed: [Double], float: [Double], perFrame: Int) -> Double {
    switch self {
    case .meanDistance(let scale):
      scale
        * ValidationMetrics.meanDistance(fixed, float, elementsPerFrame: perFrame)
    case .argmaxAgreement:
      ValidationMetrics.agreement(
        ValidationMetrics.argmax(fixed, classes: perFrame),
        ValidationMetrics.argmax(float, classes: perFrame))
    case .maxRelativeError:
      ValidationMetrics.maxError(fixed, float)
        / max(float.reduce(0.0) { max($0, $1.magnitude) }, .leastNormalMagnitude)
    }
  }

  /// Whether `value` meets `bound`: at most it, or at least it for argmax agreement.
  public func isWithin(_ value: Double, bound: Double) -> Bool {
    switch self {
    case .argmaxAgreement: value >= bound
    case .meanDistance, .maxRelativeError: value <= bound
    }
  }
}
