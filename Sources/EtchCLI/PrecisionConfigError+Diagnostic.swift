import Compiler

/// Precision config errors print as `p.json: error: key 'nodes.fc9' names no node ...`.
extension PrecisionConfigError: Diagnostic {
  /// The config file.
  public var location: String? { file }
  /// The sentence after the file: `description` is `file: sentence`, and only the sentence
  /// is wanted after the location.
  public var message: String {
    let prefix = file + ": "
    return description.hasPrefix(prefix) ? String(description.dropFirst(prefix.count)) : description
  }
}
