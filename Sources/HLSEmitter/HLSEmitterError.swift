import FixedIR

/// Why a project could not be emitted or written; each case renders as one sentence that
/// names what to change.
///
///     HLSEmitterError.invalidOption(name: "reuseFactor", value: "0", reason: "must be ≥ 1")
///     // option 'reuseFactor' = 0: must be ≥ 1
public enum HLSEmitterError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The program does not pass `FixedProgramVerifier`.
  case invalidProgram(FixedProgramError)
  /// An option is out of range.
  case invalidOption(name: String, value: String, reason: String)
  /// An op has a form the kernels do not implement (say, a transpose of rank 7).
  case unsupported(op: String, reason: String)
  /// The sample inputs do not fit the program's inputs.
  case sampleInputs(reason: String)
  /// A file could not be written.
  case writeFailed(path: String, reason: String)

  /// The sentence.
  public var description: String {
    switch self {
    case .invalidProgram(let error):
      "the fixed-point program is invalid: \(error)"
    case .invalidOption(let name, let value, let reason):
      "option '\(name)' = \(value): \(reason)"
    case .unsupported(let op, let reason):
      "op '\(op)' cannot be emitted: \(reason)"
    case .sampleInputs(let reason):
      "sample inputs: \(reason)"
    case .writeFailed(let path, let reason):
      "\(path): cannot write: \(reason)"
    }
  }
}
