/// A failure of the `quantize` or `lower` pass, naming the node, tensor or pin concerned.
///
/// The compiler wraps these in `CompilerError.passFailed`, so the command line prints
/// `path: error: [quantize] message`.
///
///     QuantizationError.noCalibration.description
///     // calibrated precision needs calibration frames: pass --calibration X.npy with frames
///     // of the model's input, or choose a uniform precision such as --precision
///     // 'ap_fixed<16,6>'
public enum QuantizationError: Error, Equatable, CustomStringConvertible {
  /// Calibrated precision without calibration frames or a calibration table.
  case noCalibration
  /// The calibration table has no statistics for a tensor the plan needs.
  case missingStatistics(tensor: String)
  /// The calibration table did not record the percentile the settings ask for.
  case missingPercentile(tensor: String, percentile: Double, recorded: [Double])
  /// A `quant` pin whose format string does not parse.
  case invalidPin(key: String, format: String, reason: String)
  /// A format the plan needs cannot exist (`I` beyond ±512, more than 128 bits).
  case formatOutOfRange(node: String, role: String, reason: String)
  /// A tensor, constant or table format wider than the 64-bit raws of the FixedIR.
  case wideFormat(node: String, role: String, format: String)
  /// An accumulator bound that needs more than 127 bits.
  case accumulatorTooWide(node: String)
  /// A calibrated setting outside its range (a zero width, a margin below 1).
  case invalidSetting(name: String, reason: String)
  /// The plan lacks a format that lowering needs: it was made for another model.
  case missingFormat(node: String, role: String)

  /// One sentence saying what is wrong and what to do.
  public var description: String {
    switch self {
    case .noCalibration:
      "calibrated precision needs calibration frames: pass --calibration X.npy with frames of "
        + "the model's input, or choose a uniform precision such as --precision "
        + "'ap_fixed<16,6>'"
    case .missingStatistics(let tensor):
      "the calibration table has no statistics for tensor '\(tensor)'; calibrate the "
        + "simplified model again with the same frames"
    case .missingPercentile(let tensor, let percentile, let recorded):
      "the calibration of tensor '\(tensor)' did not record the \(percentile)th percentile "
        + "(it has \(recorded.map { "\($0)" }.joined(separator: ", "))); calibrate again "
        + "recording it"
    case .invalidPin(let key, let format, let reason):
      "quant pin '\(key)': '\(format)' cannot be used: \(reason)"
    case .formatOutOfRange(let node, let role, let reason):
      "node '\(node)': no \(role) format fits (\(reason)); pin a format for it in --config"
    case .wideFormat(let node, let role, let format):
      "node '\(node)': the \(role) format \(format) needs more than 64 bits; choose a "
        + "format of at most 64 bits for it in --config"
    case .accumulatorTooWide(let node):
      "node '\(node)': the exact accumulator would need more than 127 bits; give narrower "
        + "input or weight formats in --config"
    case .invalidSetting(let name, let reason):
      "calibrated setting '\(name)' \(reason)"
    case .missingFormat(let node, let role):
      "node '\(node)': the quantization plan has no \(role) format; lower the same "
        + "simplified model that was quantized"
    }
  }
}
