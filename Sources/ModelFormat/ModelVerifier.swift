/// Checks that a model's parts fit together, and reports the first problem precisely.
///
/// Everything after loading (the Reference engine, the compiler passes, the emitter) relies
/// on a verified model: unique names, inputs defined before use, no cycles, the right number
/// of inputs and params per operator, params that exist with the shapes the operator needs,
/// shapes within `ModelLimits`, finite weights, outputs that name something, and `quant`
/// entries that are format strings. The checks run in that order, so the first error is the
/// most fundamental one.
///
///     try ModelVerifier(file: "models/x.json").verify(model)
///     // x.json: node 'fc2' (dense): param 'weight' (fc2.weight) has shape [8, 17]; ...
public struct ModelVerifier: Sendable {
  /// The model document's path, named by every error.
  public var file: String
  /// The weights file's path, named by errors about weight values; `file` when nil.
  public var weightsFile: String?

  /// Creates a verifier whose errors name `file` (and `weightsFile` for weight values).
  public init(file: String, weightsFile: String? = nil) {
    self.file = file
    self.weightsFile = weightsFile
  }

  /// Throws the first problem found; returns the inferred shapes of all tensors when the
  /// model is sound, so that callers need not infer them twice.
  @discardableResult
  public func verify(_ model: Model) throws(ModelError) -> [String: [Int]] {
    guard !model.nodes.isEmpty else { throw .emptyGraph(file: file) }
    guard !model.outputs.isEmpty else { throw .noOutputs(file: file) }
    try checkNames(model)
    try checkOrder(model)
    let shapes = try ShapeInference.shapes(of: model, file: file)
    try checkOutputs(model)
    try checkWeights(model)
    try checkQuant(model)
    return shapes
  }

  /// Non-empty, unique names; graph input shapes within the limits.
  private func checkNames(_ model: Model) throws(ModelError) {
    var seen: Set<String> = []
    for (index, input) in model.inputs.enumerated() {
      guard !input.name.isEmpty else {
        throw .wrongType(
          file: file, at: .graphInputIndex(index), field: "name", expected: "a non-empty string",
          found: "\"\"")
      }
      guard seen.insert(input.name).inserted else {
        throw .duplicateName(file: file, name: input.name)
      }
      let at = ModelError.Location.graphInput(input.name)
      if let (found, limit) = ModelLimits.violation(input.shape) {
        throw .dimensionTooLarge(file: file, at: at, field: "shape", found: found, limit: limit)
      }
      guard !input.shape.isEmpty, !input.shape.contains(where: { $0 < 1 }) else {
        throw .wrongType(
          file: file, at: at, field: "shape", expected: "a non-empty array of positive integers",
          found: ModelLimits.render(input.shape))
      }
    }
    for (index, node) in model.nodes.enumerated() {
      guard !node.name.isEmpty else {
        throw .wrongType(
          file: file, at: .nodeIndex(index), field: "name", expected: "a non-empty string",
          found: "\"\"")
      }
      guard seen.insert(node.name).inserted else {
        throw .duplicateName(file: file, name: node.name)
      }
    }
  }

  /// Arity, and every input defined before use; a later definition that leads back to the
  /// node is reported as a cycle.
  private func checkOrder(_ model: Model) throws(ModelError) {
    var defined = Set(model.inputs.map(\.name))
    var nodeIndex: [String: Int] = [:]
    for (index, node) in model.nodes.enumerated() { nodeIndex[node.name] = index }
    for node in model.nodes {
      guard node.op.arity.contains(node.inputs.count) else {
        throw .wrongInputCount(
          file: file, node: node.name, op: node.op.name, expected: node.op.arity,
          found: node.inputs.count)
      }
      for input in node.inputs where !defined.contains(input) {
        guard nodeIndex[input] != nil else {
          throw .undefinedInput(file: file, node: node.name, input: input)
        }
        if let path = pathBack(from: input, to: node.name, in: model, index: nodeIndex) {
          throw .cycle(file: file, node: node.name, path: [node.name] + path)
        }
        throw .inputUsedBeforeDefinition(file: file, node: node.name, input: input)
      }
      defined.insert(node.name)
    }
  }

  /// The chain of reads from `start` that reaches `target` (`[start, ..., target]`), if any.
  private func pathBack(
    from start: String, to target: String, in model: Model, index: [String: Int]
  ) -> [String]? {
    var visited: Set<String> = []
    var stack: [(name: String, path: [String])] = [(start, [start])]
    while let (name, path) = stack.popLast() {
      if name == target { return path }
      guard visited.insert(name).inserted, let i = index[name] else { continue }
      for input in model.nodes[i].inputs.reversed() {
        stack.append((input, path + [input]))
      }
    }
    return nil
  }

  /// Every output names a node or graph input, once.
  private func checkOutputs(_ model: Model) throws(ModelError) {
    let names = Set(model.inputs.map(\.name) + model.nodes.map(\.name))
    var seen: Set<String> = []
    for output in model.outputs {
      guard names.contains(output) else { throw .unknownOutput(file: file, output: output) }
      guard seen.insert(output).inserted else {
        throw .duplicateOutput(file: file, output: output)
      }
    }
  }

  /// Every weight is finite; the error names the first node that reads the tensor.
  private func checkWeights(_ model: Model) throws(ModelError) {
    for name in model.weights.keys.sorted() {
      guard let tensor = model.weights[name],
        let index = tensor.scalars.firstIndex(where: { !$0.isFinite })
      else { continue }
      let reader = model.nodes.first { $0.params.values.contains(name) }
      throw .nonFiniteWeight(
        file: weightsFile ?? file, tensor: name, node: reader?.name, index: index,
        value: tensor.scalars[index])
    }
  }

  /// Every `quant` key names a weight, node or input, and every value is a format string.
  private func checkQuant(_ model: Model) throws(ModelError) {
    let names = Set(model.inputs.map(\.name) + model.nodes.map(\.name))
    for key in model.quant.keys.sorted() {
      guard names.contains(key) || model.weights[key] != nil else {
        throw .unknownQuantTarget(file: file, key: key)
      }
      let format = model.quant[key] ?? ""
      if let reason = QuantFormatSyntax.problem(in: format) {
        throw .invalidQuantFormat(file: file, key: key, format: format, reason: reason)
      }
    }
  }
}
