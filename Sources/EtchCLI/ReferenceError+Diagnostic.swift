import ModelFormat
import Reference

/// Reference engine errors print like the model errors they wrap (`x.json: error: ...`);
/// the engine's own run errors have no file and print as `etch: error: ...`.
extension ReferenceError: Diagnostic {
  /// The model file for an invalid model; `nil` otherwise.
  public var location: String? {
    if case .invalidModel(let error) = self { return error.location }
    return nil
  }

  /// The sentence after the location.
  public var message: String {
    if case .invalidModel(let error) = self { return error.message }
    return description
  }
}
