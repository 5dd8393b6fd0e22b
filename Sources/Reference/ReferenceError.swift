import ModelFormat

/// Why the Reference engine cannot plan a model or run it on a batch.
///
/// Planning verifies the model with `ModelVerifier` (names, order, parameters, shapes,
/// finite weights), so every problem with the graph is a `ModelError` naming the node and
/// field; running checks only that the batch fits the graph inputs. Each case renders as
/// one sentence a user can act on:
///
///     ReferenceError.inputShapeMismatch(input: "patch", expected: [1, 11, 11],
///                                       actual: [8, 1, 12, 12]).description
///     // "input 'patch' has shape [8, 1, 12, 12] but the model expects
///     //  [N, 1, 11, 11] (a batch of frames of shape [1, 11, 11])"
public enum ReferenceError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The model does not verify; the engine runs only models that do.
  case invalidModel(ModelError)
  /// A run was given no tensor for a graph input.
  case missingInput(input: String)
  /// A run was given a tensor whose name is not a graph input.
  case unknownInput(input: String, known: [String])
  /// A run was given a single unnamed batch for a model with several inputs.
  case ambiguousInput(inputs: [String])
  /// An input tensor's shape is not `[N] + frame shape`.
  case inputShapeMismatch(input: String, expected: [Int], actual: [Int])
  /// Two inputs of one run have different batch sizes.
  case batchSizeMismatch(input: String, expected: Int, actual: Int)

  /// One sentence naming where the problem is and what was expected.
  public var description: String {
    switch self {
    case .invalidModel(let error):
      error.description
    case .missingInput(let input):
      "no tensor was given for input '\(input)'"
    case .unknownInput(let input, let known):
      "'\(input)' is not an input of the model (its inputs are \(Self.list(known)))"
    case .ambiguousInput(let inputs):
      "the model has \(inputs.count) inputs (\(Self.list(inputs))); pass them by name"
    case .inputShapeMismatch(let input, let expected, let actual):
      "input '\(input)' has shape \(actual) but the model expects "
        + "\(Self.batched(expected)) (a batch of frames of shape \(expected))"
    case .batchSizeMismatch(let input, let expected, let actual):
      "input '\(input)' holds \(actual) frames but the other inputs hold \(expected)"
    }
  }

  private static func list(_ names: [String]) -> String {
    names.map { "'\($0)'" }.joined(separator: ", ")
  }

  private static func batched(_ shape: [Int]) -> String {
    "[" + (["N"] + shape.map(String.init)).joined(separator: ", ") + "]"
  }
}
