/// A failure of the compiler's passes, carrying the pass, node and tensor it concerns.
///
/// Errors are values, raised where a pass notices the problem and rendered elsewhere (the
/// command line prints `path: error: [pass-name] message`), so each case carries what a user
/// needs to act: which pass, which node, which tensor, what was expected.
///
///     let error = CompilerError.unknownPass(name: "fold-bn", valid: ["drop-identity"])
///     error.rendered(path: "models/net.json")
///     // models/net.json: error: unknown pass 'fold-bn'; valid passes: drop-identity
public enum CompilerError: Error, CustomStringConvertible {
  /// A pass name (in `--print-ir-after`, say) that no pass of the pipeline has.
  case unknownPass(name: String, valid: [String])
  /// A pass threw; `underlying` says why, and the rendering prefixes the pass name.
  case passFailed(pass: String, underlying: any Error)
  /// The model did not verify after a pass: the pass broke an invariant of the graph.
  case verificationFailed(pass: String, underlying: any Error)
  /// A parameter holds values the pass cannot use (a negative variance, say).
  case invalidParameter(node: String, role: String, reason: String)
  /// Calibration frames whose shape is not the model input's shape behind a batch axis.
  case calibrationShape(input: String, expected: [Int], found: [Int])
  /// Calibration given no frames at all, so no statistic can be computed.
  case noCalibrationFrames
  /// Calibration given one batch per graph input, but a different number of batches.
  case calibrationInputCount(expected: Int, found: Int)
  /// A calibration option outside its range (a percentile above 100, a zero chunk size).
  case invalidCalibrationOption(name: String, reason: String)

  /// The pass an error belongs to, shown in brackets by `rendered(path:)`.
  public var pass: String? {
    switch self {
    case .passFailed(let pass, _), .verificationFailed(let pass, _): pass
    default: nil
    }
  }

  /// The message without location or pass: one sentence saying what is wrong and what to do.
  public var message: String {
    switch self {
    case .unknownPass(let name, let valid):
      "unknown pass '\(name)'; valid passes: \(valid.joined(separator: ", "))"
    case .passFailed(_, let underlying):
      Self.describe(underlying)
    case .verificationFailed(_, let underlying):
      "the graph is invalid after this pass (a compiler bug, please report it with the model): "
        + Self.describe(underlying)
    case .invalidParameter(let node, let role, let reason):
      "node '\(node)': parameter '\(role)' \(reason)"
    case .calibrationShape(let input, let expected, let found):
      "calibration frames for input '\(input)' have shape \(found), expected [N] + \(expected); "
        + "pass frames of the model's input shape behind a batch axis"
    case .noCalibrationFrames:
      "no calibration frames were given; pass at least one frame"
    case .calibrationInputCount(let expected, let found):
      "calibration was given \(found) batches for a model with \(expected) inputs; "
        + "pass one batch per graph input, in input order"
    case .invalidCalibrationOption(let name, let reason):
      "calibration option '\(name)' \(reason)"
    }
  }

  /// `message`, prefixed with `[pass-name]` when the error belongs to a pass.
  public var description: String {
    pass.map { "[\($0)] \(message)" } ?? message
  }

  /// The diagnostic line printed for a model file: `path: error: [pass-name] message`.
  ///
  ///     CompilerError.passFailed(pass: "fold-batchnorm", underlying: cause)
  ///       .rendered(path: "net.json")
  ///     // net.json: error: [fold-batchnorm] node 'bn1': parameter 'running_var' ...
  public func rendered(path: String) -> String {
    "\(path): error: \(description)"
  }

  private static func describe(_ error: any Error) -> String {
    if let error = error as? CompilerError { return error.message }
    return String(describing: error)
  }
}
