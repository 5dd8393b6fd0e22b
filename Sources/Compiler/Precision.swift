import FixedPoint

/// How the `quantize` pass chooses formats: one user format everywhere, or formats derived
/// from calibrated ranges and weight magnitudes.
///
/// `uniform` reproduces hls4ml's default configuration, so results can be compared with
/// what its users know; `calibrated` (the default) sizes every tensor from data and every
/// accumulator by proof (docs/quantization.md).
///
///     let hls4ml = try Precision(parsing: "ap_fixed<16,6>")  // .uniform(ap_fixed<16,6>)
///     let etch = try Precision(parsing: "calibrated")        // .calibrated
public enum Precision: Sendable, Equatable, CustomStringConvertible {
  /// Integer bits from calibration and weight magnitudes, fractional bits from a width
  /// budget, accumulators that cannot overflow (`CalibratedSettings` holds the defaults).
  case calibrated
  /// Every tensor, weight, bias, constant, table entry and accumulator in this one format,
  /// modes included (an accumulator of this format wraps or saturates at every step).
  case uniform(FixedFormat)

  /// Reads `calibrated` or an HLS format string such as `ap_fixed<16,6>`.
  ///
  /// - Throws: the `FixedPointError` of the format parser, whose message names the problem.
  public init(parsing text: String) throws {
    if text.filter({ !$0.isWhitespace }) == "calibrated" {
      self = .calibrated
    } else {
      self = .uniform(try FixedFormat(parsing: text))
    }
  }

  /// `calibrated`, or the uniform format's HLS spelling.
  public var description: String {
    switch self {
    case .calibrated: "calibrated"
    case .uniform(let format): format.description
    }
  }
}

/// The defaults of the `calibrated` precision: widths, the range margin and the modes.
///
/// Every number here is documented in docs/quantization.md with the reason for its value;
/// a precision config file (`PrecisionConfig`) overrides individual tensors and nodes.
///
///     var settings = CalibratedSettings()
///     settings.weightWidth = 8  // 8-bit weights, everything else as documented
public struct CalibratedSettings: Sendable, Equatable {
  /// Width `W` of activations (graph inputs and node results).
  public var activationWidth: Int
  /// Width budget of weights, biases and other constants (biases never get more fractional
  /// bits than the accumulator holds).
  public var weightWidth: Int
  /// Width of table entries (sigmoid, tanh, softmax's exponent and reciprocal).
  public var tableWidth: Int
  /// An activation's format holds at least `margin ×` its calibrated range.
  public var margin: Double
  /// The percentile of `|x|` taken as a tensor's calibrated range (100: the largest seen).
  public var percentile: Double
  /// Quantisation mode of results, weights, constants and table entries.
  public var rounding: QuantizationMode
  /// Overflow mode of results, weights, constants and table entries.
  public var overflow: OverflowMode

  /// The documented defaults: 16-bit activations and weights, 18-bit table entries, a 2×
  /// margin on the largest calibrated `|x|`, round to nearest even and saturate.
  public init(
    activationWidth: Int = 16, weightWidth: Int = 16, tableWidth: Int = 18, margin: Double = 2,
    percentile: Double = 100, rounding: QuantizationMode = .roundHalfToEven,
    overflow: OverflowMode = .saturate
  ) {
    self.activationWidth = activationWidth
    self.weightWidth = weightWidth
    self.tableWidth = tableWidth
    self.margin = margin
    self.percentile = percentile
    self.rounding = rounding
    self.overflow = overflow
  }
}
