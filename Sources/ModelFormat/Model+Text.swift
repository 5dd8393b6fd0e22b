/// The printable text form of a graph, for `etch inspect --ir` and for compiler tests.
///
/// One line per graph input and per node, every attribute written out (defaults included,
/// so that a reader never has to remember them), params with their tensors' shapes, and the
/// inferred output shape after ` : `. The text is deterministic, so a test can state "this
/// graph in, that graph out" as two strings.
///
///     model tiny
///     %x = input : [16]
///     %fc1 = dense(%x) weight=fc1.weight[8,16] bias=fc1.bias[8] : [8]
///     %act = leaky_relu(%fc1) alpha=0.01 : [8]
///     return %act
extension Model {
  /// The text form with inferred shapes; lines of nodes whose shape cannot be inferred (an
  /// invalid model) end without ` : shape`.
  public var textForm: String {
    textForm(shapes: (try? ShapeInference.shapes(of: self)) ?? partialShapes())
  }

  /// The text form with the given shapes (for instance after a pass has changed the graph);
  /// tensors missing from `shapes` print without a shape.
  public func textForm(shapes: [String: [Int]]) -> String {
    var lines = ["model \(name)"]
    for input in inputs {
      lines.append("%\(input.name) = input : \(Model.text(input.shape))")
    }
    for node in nodes {
      lines.append(node.textForm(weights: weights, shape: shapes[node.name]))
    }
    for key in quant.keys.sorted() {
      lines.append("quant \(key) = \(quant[key] ?? "")")
    }
    lines.append("return " + outputs.map { "%\($0)" }.joined(separator: ", "))
    return lines.joined(separator: "\n") + "\n"
  }

  /// The shapes of the nodes up to the first one that fails, for printing broken models.
  private func partialShapes() -> [String: [Int]] {
    var shapes = Dictionary(inputs.map { ($0.name, $0.shape) }, uniquingKeysWith: { a, _ in a })
    for node in nodes {
      let inputShapes = node.inputs.compactMap { shapes[$0] }
      var params: [String: [Int]] = [:]
      for (role, tensor) in node.params { params[role] = weights[tensor]?.shape }
      guard
        let shape = try? ShapeInference.outputShape(
          of: node, inputShapes: inputShapes, paramShapes: params)
      else { break }
      shapes[node.name] = shape
    }
    return shapes
  }

  /// `[a,b,c]`, the shape spelling of the text form.
  static func text(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ",") + "]"
  }
}

extension Node {
  /// The node's line of the text form: `%name = op(%inputs) attributes params : shape`.
  ///
  /// Params print as `role=tensor[shape]` (`[?]` when `weights` lacks the tensor); a nil
  /// `shape` leaves out the ` : shape` suffix.
  public func textForm(weights: [String: Tensor], shape: [Int]?) -> String {
    var parts = ["%\(name) = \(op.name)(" + inputs.map { "%\($0)" }.joined(separator: ", ") + ")"]
    parts += op.attributeText
    for (role, tensor) in orderedParams {
      parts.append("\(role)=\(tensor)" + (weights[tensor].map { Model.text($0.shape) } ?? "[?]"))
    }
    return parts.joined(separator: " ") + (shape.map { " : " + Model.text($0) } ?? "")
  }
}

extension Op {
  /// Every attribute of the operator as `name=value`, defaults included, in schema order.
  ///
  ///     Op.maxpool2d(Pooling2D(kernel: Pair(2, 2))).attributeText
  ///     // ["kernel=[2,2]", "stride=[2,2]", "padding=[0,0]"]
  public var attributeText: [String] {
    func pair(_ p: Pair) -> String { "[\(p.h),\(p.w)]" }
    switch self {
    case .conv1d(let c):
      return [
        "stride=\(c.stride)", "padding=[\(c.padLeft),\(c.padRight)]",
        "dilation=\(c.dilation)", "groups=\(c.groups)",
      ]
    case .conv2d(let c):
      let p = c.padding
      return [
        "stride=\(pair(c.stride))", "padding=[\(p.top),\(p.left),\(p.bottom),\(p.right)]",
        "dilation=\(pair(c.dilation))", "groups=\(c.groups)",
      ]
    case .batchnorm(let eps): return ["eps=\(eps)"]
    case .leakyRelu(let alpha): return ["alpha=\(alpha)"]
    case .softmax(let axis), .concat(let axis): return ["axis=\(axis)"]
    case .maxpool2d(let p), .avgpool2d(let p):
      return ["kernel=\(pair(p.kernel))", "stride=\(pair(p.stride))", "padding=\(pair(p.padding))"]
    case .upsample2d(let scale, let mode): return ["scale=\(pair(scale))", "mode=\(mode.rawValue)"]
    case .reshape(let shape): return ["shape=\(Model.text(shape))"]
    case .transpose(let perm): return ["perm=\(Model.text(perm))"]
    case .dense, .relu, .sigmoid, .tanh, .globalAvgpool2d, .flatten, .add, .mul, .matmul,
      .dropout, .identity:
      return []
    }
  }
}
