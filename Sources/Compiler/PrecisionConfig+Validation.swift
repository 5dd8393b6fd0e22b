import ModelFormat

extension PrecisionConfig {
  /// Checks every name and node key of the config against `model`, the graph it applies to.
  ///
  /// `original`, the model as loaded, tells a name that simplification removed (a dropout,
  /// a batchnorm folded into its layer) from a name that never existed, so the error can say
  /// which.
  ///
  /// - Throws: `PrecisionConfigError.unknownName`, `.removedBySimplification`,
  ///   `.keyNotForOp` or `.reuseNotForOp`, naming the file and the key.
  public func check(against model: Model, original: Model? = nil) throws {
    let tensorNames = Self.tensorNames(of: model)
    for name in tensors.keys.sorted() where !tensorNames.contains(name) {
      throw missing(name, key: "tensors.\(name)", kind: "tensor", among: tensorNames, original)
    }
    let nodeNames = Set(model.nodes.map(\.name))
    for name in nodes.keys.sorted() {
      guard let node = model.node(named: name) else {
        throw missing(name, key: "nodes.\(name)", kind: "node", among: nodeNames, original)
      }
      let allowed = Self.keys(of: node)
      if let key = nodes[name]?.keys.first(where: { !allowed.contains($0) }) {
        throw PrecisionConfigError.keyNotForOp(
          file: file, key: "nodes.\(name).\(key)", op: node.op.name, valid: allowed)
      }
    }
    for name in reuse.layers.keys.sorted() {
      let key = "reuse.layers.\(name)"
      guard let node = model.node(named: name) else {
        throw missing(name, key: key, kind: "node", among: nodeNames, original)
      }
      switch node.op {
      case .dense, .conv1d, .conv2d, .matmul: break
      default: throw PrecisionConfigError.reuseNotForOp(file: file, key: key, op: node.op.name)
      }
    }
  }

  /// The node keys that apply to `node`, in the documented order.
  static func keys(of node: Node) -> [String] {
    switch node.op {
    case .dense, .conv1d, .conv2d:
      ["result", "weight"] + (node.params["bias"] == nil ? [] : ["bias"]) + ["accumulator"]
    case .matmul: ["result", "accumulator"]
    case .leakyRelu: ["result", "alpha"]
    case .avgpool2d, .globalAvgpool2d: ["result", "reciprocal"]
    case .batchnorm: ["result", "scale", "shift"]
    case .sigmoid, .tanh: ["result", "table_entries", "table_range"]
    case .softmax:
      ["result", "exp", "reciprocal", "table_entries", "table_range", "reciprocal_entries"]
    default: ["result"]
    }
  }

  /// Graph inputs, node outputs and the weight tensors that nodes read.
  private static func tensorNames(of model: Model) -> Set<String> {
    Set(model.inputs.map(\.name) + model.nodes.map(\.name) + model.nodes.flatMap(\.params.values))
  }

  private func missing(
    _ name: String, key: String, kind: String, among names: Set<String>, _ original: Model?
  ) -> PrecisionConfigError {
    if let original, Self.tensorNames(of: original).contains(name) {
      return .removedBySimplification(
        file: file, key: key,
        advice: "dropout and identity nodes are dropped, batchnorms folded into the layer "
          + "before them (with new weight tensors) and unread nodes removed, so configure "
          + "the node that now computes the value, or pin '\(name)' in the model's quant "
          + "section to keep it")
    }
    // Sorted first, so that names at the same distance always suggest the same one.
    let suggestion = names.sorted().min { distance(name, $0) < distance(name, $1) }
      .flatMap { distance(name, $0) <= max(2, name.count / 3) ? $0 : nil }
    return .unknownName(file: file, key: key, kind: kind, suggestion: suggestion)
  }

  /// Levenshtein distance between two names, for "did you mean".
  private func distance(_ a: String, _ b: String) -> Int {
    let (a, b) = (Array(a), Array(b))
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
}
