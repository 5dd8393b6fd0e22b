/// Why a program could not be priced: a reuse factor out of range or a program whose parts
/// do not fit together (which `FixedProgramVerifier` would also reject).
public enum CostModelError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A reuse factor below 1.
  case invalidReuse(op: String, reuse: Int)
  /// An op names a constant the program does not hold.
  case missingConstant(op: String, constant: String)
  /// An op reads a tensor no input or earlier op defines.
  case missingTensor(op: String, tensor: String)
  /// An op's tensors or constants have shapes the cost rule cannot read.
  case unexpectedShape(op: String, detail: String)

  /// One sentence naming the op.
  public var description: String {
    switch self {
    case .invalidReuse(let op, let reuse):
      "op '\(op)': reuse factor must be a positive integer, found \(reuse)"
    case .missingConstant(let op, let constant):
      "op '\(op)': constant '\(constant)' is not in the program"
    case .missingTensor(let op, let tensor):
      "op '\(op)': input '\(tensor)' is not defined before it"
    case .unexpectedShape(let op, let detail):
      "op '\(op)': \(detail)"
    }
  }
}
