/// One operation of a model's graph: an operator applied to named inputs and parameters.
///
/// A node's output tensor carries the node's name, so `inputs` name either graph inputs or
/// earlier nodes. Parameters are referenced by role (`weight`, `bias`, `running_mean`, ...)
/// and resolved against the model's weights, which keeps the graph readable and lets two
/// nodes share a tensor.
///
///     Node(name: "fc1", op: .dense, inputs: ["x"],
///          params: ["weight": "fc1.weight", "bias": "fc1.bias"])
public struct Node: Sendable, Equatable {
  /// The node's unique name, which is also the name of its output tensor.
  public var name: String
  /// The operator and its attributes.
  public var op: Op
  /// The tensors the operator reads, in operator order.
  public var inputs: [String]
  /// Parameter role → tensor name in the model's weights.
  public var params: [String: String]

  /// Creates a node; validity is checked by the model verifier, not here.
  public init(name: String, op: Op, inputs: [String], params: [String: String] = [:]) {
    self.name = name
    self.op = op
    self.inputs = inputs
    self.params = params
  }
}
