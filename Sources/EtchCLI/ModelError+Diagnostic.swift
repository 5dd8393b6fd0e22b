import ModelFormat

/// Model errors print as `models/x.json: error: node 'fc2' (dense): param 'weight' ...`:
/// the file the problem is in, then the sentence that locates it inside the file
/// (`ModelError.message`).
extension ModelError: Diagnostic {
  /// The model document or weights file the error is about.
  public var location: String? { file }
}
