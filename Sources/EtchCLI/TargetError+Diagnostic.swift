import Targets

/// Target-catalogue errors print as `targets/parts/x.json: error: field 'resources.dsp' ...`,
/// like model-file errors; an unknown name has no file and prints as `etch: error: ...`.
extension TargetError: Diagnostic {
  /// The part, detector or families file at fault, if any.
  public var location: String? {
    switch self {
    case .unreadableFile(let file, _), .invalidJSON(let file, _), .missingField(let file, _),
      .wrongType(let file, _, _, _), .outOfRange(let file, _, _, _),
      .unknownField(let file, _, _), .unsupportedFormat(let file, _, _, _),
      .unknownFamily(let file, _, _), .budgetMismatch(let file, _, _),
      .nameMismatch(let file, _, _):
      file
    case .unknownName:
      nil
    }
  }

  /// The sentence after the file (`description` is `file: sentence`).
  public var message: String {
    guard let file = location, description.hasPrefix(file + ": ") else { return description }
    return String(description.dropFirst(file.count + 2))
  }
}
