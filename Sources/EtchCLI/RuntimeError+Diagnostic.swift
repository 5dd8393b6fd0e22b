import Runtime

/// Runtime errors name their file or model in the sentence itself.
extension RuntimeError: Diagnostic {
  /// The sentence carries the location.
  public var location: String? { nil }
  /// The runtime's sentence.
  public var message: String { description }
}
