/// Why the Reference engine cannot plan a model or run it on a batch.
///
/// Planning checks the whole graph once (every tensor named, every parameter present and of
/// the right shape, every operator given inputs it can take), so that running never fails
/// halfway through a batch. Each case carries the node, input or parameter it concerns and
/// renders as one sentence a user can act on:
///
///     ReferenceError.inputShapeMismatch(input: "patch", expected: [1, 11, 11],
///                                       actual: [8, 1, 12, 12]).description
///     // "input 'patch' has shape [8, 1, 12, 12] but the model expects
///     //  [N, 1, 11, 11] (a batch of frames of shape [1, 11, 11])"
public enum ReferenceError: Error, Equatable, Sendable, CustomStringConvertible {
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
  /// A graph input declares a dimension smaller than 1.
  case invalidInputShape(input: String, shape: [Int])
  /// A node reads a tensor that no graph input or earlier node defines.
  case undefinedTensor(node: String, tensor: String)
  /// A model output names a tensor that no graph input or node defines.
  case undefinedOutput(output: String)
  /// Two graph inputs or nodes define the same tensor name.
  case duplicateTensor(name: String)
  /// A node has the wrong number of inputs for its operator.
  case inputCount(node: String, op: String, expected: ClosedRange<Int>, actual: Int)
  /// A node lacks a required parameter, or names a weight the model does not hold.
  case missingParameter(node: String, role: String, tensor: String?)
  /// A parameter's shape does not fit the node.
  case parameterShape(node: String, role: String, expected: [Int], actual: [Int])
  /// An attribute has a value the operator cannot use.
  case invalidAttribute(node: String, attribute: String, reason: String)
  /// An input of a node has a shape the operator cannot take.
  case shapeMismatch(node: String, op: String, shape: [Int], reason: String)

  /// One sentence naming where the problem is and what was expected.
  public var description: String {
    switch self {
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
    case .invalidInputShape(let input, let shape):
      "input '\(input)' declares shape \(shape), but every dimension must be at least 1"
    case .undefinedTensor(let node, let tensor):
      "node '\(node)' reads '\(tensor)', which no input or earlier node defines"
    case .undefinedOutput(let output):
      "model output '\(output)' is not defined by any input or node"
    case .duplicateTensor(let name):
      "tensor '\(name)' is defined twice"
    case .inputCount(let node, let op, let expected, let actual):
      "node '\(node)' (\(op)) has \(actual) inputs but \(op) takes \(Self.range(expected))"
    case .missingParameter(let node, let role, let tensor?):
      "node '\(node)' parameter '\(role)' names '\(tensor)', which is not in the weights"
    case .missingParameter(let node, let role, nil):
      "node '\(node)' lacks its required parameter '\(role)'"
    case .parameterShape(let node, let role, let expected, let actual):
      "node '\(node)' parameter '\(role)' has shape \(actual) but the node needs \(expected)"
    case .invalidAttribute(let node, let attribute, let reason):
      "node '\(node)' attribute '\(attribute)' \(reason)"
    case .shapeMismatch(let node, let op, let shape, let reason):
      "node '\(node)' (\(op)) cannot take an input of shape \(shape): \(reason)"
    }
  }

  private static func list(_ names: [String]) -> String {
    names.map { "'\($0)'" }.joined(separator: ", ")
  }

  private static func batched(_ shape: [Int]) -> String {
    "[" + (["N"] + shape.map(String.init)).joined(separator: ", ") + "]"
  }

  private static func range(_ range: ClosedRange<Int>) -> String {
    if range.lowerBound == range.upperBound { return "\(range.lowerBound)" }
    if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
    return "\(range.lowerBound) to \(range.upperBound)"
  }
}
