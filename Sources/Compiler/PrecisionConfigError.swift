/// A problem with a precision config file: each case names the file and the key, and
/// renders as one sentence saying what to change.
///
///     PrecisionConfigError.unknownName(file: "p.json", key: "nodes.fc9", kind: "node",
///                                      suggestion: "fc1").description
///     // p.json: key 'nodes.fc9' names no node of the model; did you mean 'fc1'?
public enum PrecisionConfigError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read.
  case unreadable(file: String, reason: String)
  /// The file is not valid JSON.
  case malformed(file: String, reason: String)
  /// A key the config format does not have at that place.
  case unknownKey(file: String, key: String, valid: [String])
  /// A value of the wrong JSON type.
  case wrongType(file: String, key: String, expected: String)
  /// A format string that does not parse.
  case badFormat(file: String, key: String, value: String, reason: String)
  /// A value of the right type outside its range.
  case badValue(file: String, key: String, reason: String)
  /// A node or tensor name that the model does not have.
  case unknownName(file: String, key: String, kind: String, suggestion: String?)
  /// A node key that the node's op does not have (`weight` on a relu, say).
  case keyNotForOp(file: String, key: String, op: String, valid: [String])
  /// A `reuse.layers` entry naming a node that has no multipliers to reuse (a relu, say).
  case reuseNotForOp(file: String, key: String, op: String)
  /// A name that existed in the model but was removed by simplification.
  case removedBySimplification(file: String, key: String, advice: String)

  /// The file the error is about.
  public var file: String {
    switch self {
    case .unreadable(let file, _), .malformed(let file, _), .unknownKey(let file, _, _),
      .wrongType(let file, _, _), .badFormat(let file, _, _, _), .badValue(let file, _, _),
      .unknownName(let file, _, _, _), .keyNotForOp(let file, _, _, _),
      .reuseNotForOp(let file, _, _),
      .removedBySimplification(let file, _, _):
      file
    }
  }

  /// `file: message`, one sentence.
  public var description: String {
    "\(file): \(message)"
  }

  private var message: String {
    switch self {
    case .unreadable(_, let reason):
      "cannot read the precision config (\(reason)); check the path given to --config"
    case .malformed(_, let reason):
      "is not valid JSON: \(reason)"
    case .unknownKey(_, let key, let valid):
      "unknown key '\(key)'; valid keys here: \(valid.joined(separator: ", "))"
    case .wrongType(_, let key, let expected):
      "key '\(key)' must be \(expected)"
    case .badFormat(_, let key, let value, let reason):
      "key '\(key)': '\(value)' is not a valid format: \(reason)"
    case .badValue(_, let key, let reason):
      "key '\(key)' \(reason)"
    case .unknownName(_, let key, let kind, let suggestion):
      "key '\(key)' names no \(kind) of the model"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .keyNotForOp(_, let key, let op, let valid):
      "key '\(key)' does not apply to a \(op) node; \(op) takes: "
        + valid.joined(separator: ", ")
    case .reuseNotForOp(_, let key, let op):
      "key '\(key)' names a \(op) node, which has no multipliers to reuse; reuse factors "
        + "apply to dense, conv1d, conv2d and matmul nodes"
    case .removedBySimplification(_, let key, let advice):
      "key '\(key)' names something that simplification removed; \(advice)"
    }
  }
}
