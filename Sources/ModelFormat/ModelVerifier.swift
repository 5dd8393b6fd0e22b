/// Checks that a model's parts fit together.
public struct ModelVerifier: Sendable {
  /// The model document's path, for messages.
  public var file: String
  /// The weights file's path, for messages about weight values.
  public var weightsFile: String?

  /// Creates a verifier whose errors name `file` (and `weightsFile` for weight values).
  public init(file: String, weightsFile: String? = nil) {
    self.file = file
    self.weightsFile = weightsFile
  }

  /// Throws the first problem found.
  public func verify(_ model: Model) throws(ModelError) {
    if model.nodes.isEmpty { throw .emptyGraph(file: file) }
  }
}
