import ModelFormat

/// Model errors print as `models/x.json: error: node 'fc2' (dense): param 'weight' ...`:
/// the file the problem is in, then the sentence that locates it inside the file.
extension ModelError: Diagnostic {
  /// The model document or weights file the error is about.
  public var location: String? { file }

  /// The sentence after the file: where in the file, what was found and what was expected.
  public var message: String {
    // `description` is "FILE: MESSAGE" (ModelError+Description.swift); only the file is
    // dropped, so the two renderings can never disagree.
    let prefix = file + ": "
    return description.hasPrefix(prefix) ? String(description.dropFirst(prefix.count)) : description
  }
}
