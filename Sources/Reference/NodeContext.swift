import ModelFormat

/// One node seen while planning: its input shapes and access to its parameters.
///
/// Kernels resolve themselves against a context, so that every check (parameter present,
/// parameter shape, attribute range, input rank) reads the same way and raises a
/// `ReferenceError` naming the node.
struct NodeContext {
  /// The node being planned.
  let node: Node
  /// The model, for the node's weights.
  let model: Model
  /// The per-frame shape of each of the node's inputs, in order.
  let inputShapes: [[Int]]

  /// The per-frame shape of the node's first input.
  var shape: [Int] { inputShapes.first ?? [] }

  /// The scalars of parameter `role`, which must exist and have shape `expected`.
  func parameter(_ role: String, shape expected: [Int]) throws(ReferenceError) -> [Float] {
    guard let tensor = try tensor(role) else {
      throw .missingParameter(node: node.name, role: role, tensor: nil)
    }
    guard tensor.shape == expected else {
      throw .parameterShape(node: node.name, role: role, expected: expected, actual: tensor.shape)
    }
    return tensor.scalars
  }

  /// The scalars of optional parameter `role` with shape `expected`, or nil when absent.
  func optionalParameter(_ role: String, shape expected: [Int]) throws(ReferenceError)
    -> [Float]?
  {
    guard node.params[role] != nil else { return nil }
    return try parameter(role, shape: expected)
  }

  /// The tensor bound to `role`; nil when the node binds none, an error when the binding
  /// names a weight the model lacks.
  func tensor(_ role: String) throws(ReferenceError) -> Tensor? {
    guard let name = node.params[role] else { return nil }
    guard let tensor = model.weights[name] else {
      throw .missingParameter(node: node.name, role: role, tensor: name)
    }
    return tensor
  }

  /// The tensor bound to required parameter `role`, of any shape.
  func requiredTensor(_ role: String) throws(ReferenceError) -> Tensor {
    guard let tensor = try tensor(role) else {
      throw .missingParameter(node: node.name, role: role, tensor: nil)
    }
    return tensor
  }

  /// An error saying that the node's input of `shape` does not fit, for `reason`.
  func mismatch(_ reason: String, shape: [Int]? = nil) -> ReferenceError {
    .shapeMismatch(node: node.name, op: node.op.name, shape: shape ?? self.shape, reason: reason)
  }

  /// An error saying that `attribute` has an unusable value, for `reason`.
  func invalid(_ attribute: String, _ reason: String) -> ReferenceError {
    .invalidAttribute(node: node.name, attribute: attribute, reason: reason)
  }

  /// Requires the first input to have exactly `rank` dimensions, described as `layout`.
  func requireRank(_ rank: Int, layout: String) throws(ReferenceError) {
    guard shape.count == rank else {
      throw mismatch("\(node.op.name) needs \(rank) dimensions (\(layout))")
    }
  }

  /// `axis` resolved against `rank` dimensions: negative counts from the end.
  func axis(_ axis: Int, rank: Int, attribute: String = "axis") throws(ReferenceError) -> Int {
    let resolved = axis < 0 ? axis + rank : axis
    guard (0..<rank).contains(resolved) else {
      throw invalid(attribute, "is \(axis), outside the \(rank) non-batch dimensions")
    }
    return resolved
  }
}
