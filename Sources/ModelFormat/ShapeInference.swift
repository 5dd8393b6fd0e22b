/// The shape of every tensor of a model, computed as PyTorch computes it, batch left out.
///
/// Shapes are what every later stage sizes its buffers, loops and HLS arrays with, so they
/// are computed once, here, with checked arithmetic, and every mismatch between an operator,
/// its inputs and its parameters is an error that names the node and says what fits.
/// Convolution and pooling lengths follow PyTorch exactly:
/// `floor((L + padBefore + padAfter − dilation·(k − 1) − 1) / stride) + 1`.
///
///     let shapes = try ShapeInference.shapes(of: model)
///     shapes["conv1"]  // [64, 9, 9] for BraggNN's first convolution on [1, 11, 11]
public enum ShapeInference {
  /// The shape of every graph input and every node output, by name.
  ///
  /// Nodes are visited in list order, so each node's inputs must be defined before it (the
  /// verifier reports cycles and ordering problems more precisely; call it first).
  /// - Parameter file: the model document's path, for error messages.
  public static func shapes(of model: Model, file: String? = nil) throws(ModelError) -> [String:
    [Int]]
  {
    let file = file ?? "\(model.name).json"
    var shapes: [String: [Int]] = [:]
    for input in model.inputs {
      shapes[input.name] = input.shape
    }
    for node in model.nodes {
      var inputShapes: [[Int]] = []
      for input in node.inputs {
        guard let shape = shapes[input] else {
          throw .undefinedInput(file: file, node: node.name, input: input)
        }
        inputShapes.append(shape)
      }
      let params = try paramShapes(of: node, in: model, file: file)
      shapes[node.name] = try outputShape(
        of: node, inputShapes: inputShapes, paramShapes: params, file: file)
    }
    return shapes
  }

  /// The shapes of `node`'s parameters by role, checking that required roles are present,
  /// that no unknown role is, and that each names a tensor of the model.
  static func paramShapes(
    of node: Node, in model: Model, file: String
  ) throws(ModelError) -> [String: [Int]] {
    let op = node.op
    let accepted = op.requiredParams + op.optionalParams
    if let unknown = node.params.keys.sorted().first(where: { !accepted.contains($0) }) {
      throw .unknownParam(
        file: file, node: node.name, op: op.name, role: unknown, accepted: accepted)
    }
    var shapes: [String: [Int]] = [:]
    for role in accepted {
      guard let tensorName = node.params[role] else {
        if op.requiredParams.contains(role) {
          throw .missingParam(file: file, node: node.name, op: op.name, role: role)
        }
        continue
      }
      guard let tensor = model.weights[tensorName] else {
        throw .missingTensor(
          file: file, node: node.name, role: role, tensor: tensorName,
          suggestion: closest(to: tensorName, among: model.weights.keys))
      }
      shapes[role] = tensor.shape
    }
    return shapes
  }

  /// The output shape of `node` given the shapes of its inputs (in order) and of its
  /// parameters (by role).
  ///
  /// For the compiler and the engines, which re-derive one node's shape after rewriting it.
  ///
  ///     try ShapeInference.outputShape(
  ///       of: Node(name: "fc", op: .dense, inputs: ["x"], params: ["weight": "w"]),
  ///       inputShapes: [[16]], paramShapes: ["weight": [8, 16]])  // [8]
  public static func outputShape(
    of node: Node, inputShapes: [[Int]], paramShapes: [String: [Int]], file: String = "model.json"
  ) throws(ModelError) -> [Int] {
    let rule = ShapeRule(file: file, node: node, inputs: inputShapes, params: paramShapes)
    let arity = node.op.arity
    guard arity.contains(inputShapes.count), node.inputs.count == inputShapes.count else {
      throw .wrongInputCount(
        file: file, node: node.name, op: node.op.name, expected: arity, found: node.inputs.count)
    }
    let shape = try rule.output()
    if let (found, limit) = ModelLimits.violation(shape) {
      throw .dimensionTooLarge(
        file: file, at: .node(node.name, op: node.op.name), field: "output shape",
        found: found, limit: limit)
    }
    return shape
  }

  /// The name among `names` closest to `name` by edit distance, if close enough to be a
  /// likely misspelling (at most a third of its length, and at least 1).
  static func closest(to name: String, among names: some Sequence<String>) -> String? {
    let limit = max(1, name.count / 3)
    var best: (name: String, distance: Int)?
    for candidate in names.sorted() {
      let distance = editDistance(Array(name.unicodeScalars), Array(candidate.unicodeScalars))
      if distance <= limit, distance < (best?.distance ?? Int.max) {
        best = (candidate, distance)
      }
    }
    return best?.name
  }

  private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
      }
      previous = current
    }
    return previous[b.count]
  }
}
