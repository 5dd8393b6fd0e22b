import ModelFormat

/// One node of a verified model seen while planning: its input and output shapes, and its
/// parameters.
///
/// Shapes come from `ModelVerifier` (shape inference), so kernels take sizes from here
/// rather than re-deriving them: one implementation of every shape rule, in ModelFormat.
struct NodeContext {
  /// The node being planned.
  let node: Node
  /// The model, for the node's weights.
  let model: Model
  /// The name that errors give the model's document.
  let file: String
  /// The per-frame shape of each of the node's inputs, in order.
  let inputShapes: [[Int]]
  /// The per-frame shape of the node's output.
  let outputShape: [Int]

  /// The per-frame shape of the node's first input.
  var shape: [Int] { inputShapes.first ?? [] }

  /// The tensor bound to parameter `role`; verification guarantees that it exists.
  func parameter(_ role: String) throws(ReferenceError) -> Tensor {
    guard let tensor = try optionalParameter(role) else {
      throw .invalidModel(
        .missingParam(file: file, node: node.name, op: node.op.name, role: role))
    }
    return tensor
  }

  /// The tensor bound to optional parameter `role`, or nil when the node binds none.
  func optionalParameter(_ role: String) throws(ReferenceError) -> Tensor? {
    guard let name = node.params[role] else { return nil }
    guard let tensor = model.weights[name] else {
      throw .invalidModel(
        .missingTensor(file: file, node: node.name, role: role, tensor: name, suggestion: nil))
    }
    return tensor
  }

  /// `axis` of the first input made non-negative (verification checked its range).
  func resolve(axis: Int) -> Int {
    axis < 0 ? axis + shape.count : axis
  }
}
