/// The shape rule of each operator, applied to one node: checks its inputs, parameters and
/// attributes against each other and gives its output shape.
///
/// Attributes are re-checked here (stride ≥ 1, padding ≥ 0, ...) because an `Op` can be
/// built in code as well as read from a file, and a zero stride must be an error, not a trap.
/// All sizes are first checked against `ModelLimits`, which keeps every sum and product
/// below within `Int`.
struct ShapeRule {
  let file: String
  let node: Node
  let inputs: [[Int]]
  let params: [String: [Int]]

  private var op: String { node.op.name }
  private var x: [Int] { inputs[0] }

  func output() throws(ModelError) -> [Int] {
    for (index, shape) in inputs.enumerated()
    where shape.isEmpty || shape.contains(where: { $0 < 1 }) || ModelLimits.violation(shape) != nil
    {
      throw inputError(
        index, expected: "a non-empty shape of positive dimensions within the limits")
    }
    for (role, shape) in params.sorted(by: { $0.key < $1.key })
    where ModelLimits.violation(shape) != nil || shape.contains(where: { $0 < 1 }) {
      throw paramError(role, expected: "a shape of positive dimensions within the limits")
    }
    switch node.op {
    case .dense: return try dense()
    case .conv1d(let c):
      let stride = try check("stride", c.stride, minimum: 1)
      let dilation = try check("dilation", c.dilation, minimum: 1)
      let padLeft = try check("padding", c.padLeft, minimum: 0)
      let padRight = try check("padding", c.padRight, minimum: 0)
      let groups = try check("groups", c.groups, minimum: 1)
      let w = try convolutionWeight(rank: 3, groups: groups, layout: "[out, in/groups, k]")
      let length = try window(
        x[1], kernel: w[2], dilation: dilation, padding: padLeft + padRight, stride: stride,
        axis: "length")
      return [w[0], length]
    case .conv2d(let c):
      let stride = Pair(
        try check("stride", c.stride.h, minimum: 1), try check("stride", c.stride.w, minimum: 1))
      let dilation = Pair(
        try check("dilation", c.dilation.h, minimum: 1),
        try check("dilation", c.dilation.w, minimum: 1))
      let p = c.padding
      for side in [p.top, p.left, p.bottom, p.right] { _ = try check("padding", side, minimum: 0) }
      let groups = try check("groups", c.groups, minimum: 1)
      let w = try convolutionWeight(rank: 4, groups: groups, layout: "[out, in/groups, kh, kw]")
      let height = try window(
        x[1], kernel: w[2], dilation: dilation.h, padding: p.top + p.bottom, stride: stride.h,
        axis: "height")
      let width = try window(
        x[2], kernel: w[3], dilation: dilation.w, padding: p.left + p.right, stride: stride.w,
        axis: "width")
      return [w[0], height, width]
    case .batchnorm(let eps):
      guard eps.isFinite, eps >= 0 else {
        throw attributeError("eps", expected: "a finite number >= 0", found: "\(eps)")
      }
      try requireRank(1...3, layout: "[C], [C, L] or [C, H, W]")
      for role in node.op.requiredParams where params[role] != [x[0]] {
        throw paramError(role, expected: "[\(x[0])] (one value per channel of the input)")
      }
      return x
    case .leakyRelu(let alpha):
      guard alpha.isFinite else {
        throw attributeError("alpha", expected: "a finite number", found: "\(alpha)")
      }
      return x
    case .relu, .sigmoid, .tanh, .dropout, .identity: return x
    case .softmax(let axis):
      _ = try normalized(axis: axis, attribute: "axis")
      return x
    case .maxpool2d(let pooling), .avgpool2d(let pooling): return try pool(pooling)
    case .globalAvgpool2d:
      try requireRank(3...3, layout: "[C, H, W]")
      return [x[0]]
    case .upsample2d(let scale, _):
      try requireRank(3...3, layout: "[C, H, W]")
      let h = try check("scale", scale.h, minimum: 1)
      let w = try check("scale", scale.w, minimum: 1)
      return [x[0], x[1] * h, x[2] * w]
    case .flatten: return [x.reduce(1, *)]
    case .reshape(let shape): return try reshape(shape)
    case .add, .mul:
      guard inputs[1] == x else {
        throw inputError(1, expected: "\(render(x)), the shape of input '\(node.inputs[0])'")
      }
      return x
    case .concat(let axis): return try concat(axis)
    case .matmul: return try matmul()
    case .transpose(let perm): return try transpose(perm)
    }
  }

  // MARK: Errors

  private func render(_ shape: [Int]) -> String { ModelLimits.render(shape) }

  private func inputError(_ index: Int, expected: String) -> ModelError {
    .inputShape(
      file: file, node: node.name, op: op, input: node.inputs[index], found: inputs[index],
      expected: expected)
  }

  private func paramError(_ role: String, expected: String) -> ModelError {
    .paramShape(
      file: file, node: node.name, op: op, role: role, tensor: node.params[role] ?? role,
      found: params[role] ?? [], expected: expected)
  }

  private func attributeError(_ name: String, expected: String, found: String) -> ModelError {
    .invalidAttribute(
      file: file, node: node.name, op: op, attribute: name, expected: expected, found: found)
  }

  // MARK: Checks

  private func check(_ attribute: String, _ value: Int, minimum: Int) throws(ModelError) -> Int {
    guard value >= minimum, value <= ModelLimits.maximumDimension else {
      throw attributeError(
        attribute, expected: minimum > 0 ? "a positive integer" : "a non-negative integer",
        found: "\(value)")
    }
    return value
  }

  private func requireRank(_ ranks: ClosedRange<Int>, layout: String) throws(ModelError) {
    guard ranks.contains(x.count) else { throw inputError(0, expected: layout) }
  }

  /// `axis` made non-negative for the first input's rank.
  private func normalized(axis: Int, attribute: String) throws(ModelError) -> Int {
    let rank = x.count
    guard axis >= -rank, axis < rank else {
      throw attributeError(
        attribute, expected: "an axis of the rank-\(rank) input, \(-rank) to \(rank - 1)",
        found: "\(axis)")
    }
    return axis < 0 ? axis + rank : axis
  }

  /// The output extent of a convolution or pooling window along one axis, PyTorch's formula.
  private func window(
    _ size: Int, kernel: Int, dilation: Int, padding: Int, stride: Int, axis: String
  ) throws(ModelError) -> Int {
    let span = dilation * (kernel - 1) + 1
    guard size + padding >= span else {
      throw inputError(
        0,
        expected: "a \(axis) of at least \(span) after padding (\(padding) added), "
          + "the extent of the \(dilation > 1 ? "dilated " : "")kernel")
    }
    return (size + padding - span) / stride + 1
  }

  // MARK: Operators with parameters

  private func dense() throws(ModelError) -> [Int] {
    let features = x[x.count - 1]
    guard let weight = params["weight"], weight.count == 2, weight[1] == features else {
      throw paramError(
        "weight",
        expected: "[out, \(features)] (input '\(node.inputs[0])' has \(features) features)")
    }
    try checkBias(weight[0])
    return Array(x.dropLast()) + [weight[0]]
  }

  private func checkBias(_ out: Int) throws(ModelError) {
    if let bias = params["bias"], bias != [out] {
      throw paramError("bias", expected: "[\(out)] (one value per output)")
    }
  }

  /// Checks a conv weight `[out, in/groups, k...]` against the input `[C, ...]` and groups.
  private func convolutionWeight(
    rank: Int, groups: Int, layout: String
  ) throws(ModelError) -> [Int] {
    let spatial = rank == 3 ? "[C, L]" : "[C, H, W]"
    try requireRank((rank - 1)...(rank - 1), layout: spatial)
    let channels = x[0]
    guard channels % groups == 0 else {
      throw attributeError(
        "groups", expected: "a divisor of the input's channel count, \(channels)",
        found: "\(groups)")
    }
    let perGroup = channels / groups
    guard let weight = params["weight"], weight.count == rank, weight[1] == perGroup else {
      let kernel = rank == 3 ? "k" : "kh, kw"
      throw paramError(
        "weight",
        expected: "\(layout) = [out, \(perGroup), \(kernel)] (input '\(node.inputs[0])' has "
          + "\(channels) channel\(channels == 1 ? "" : "s"), groups \(groups))")
    }
    guard weight[0] % groups == 0 else {
      throw paramError("weight", expected: "out channels divisible by groups \(groups)")
    }
    try checkBias(weight[0])
    return weight
  }

  // MARK: Other operators

  private func pool(_ p: Pooling2D) throws(ModelError) -> [Int] {
    try requireRank(3...3, layout: "[C, H, W]")
    let kernel = Pair(
      try check("kernel", p.kernel.h, minimum: 1), try check("kernel", p.kernel.w, minimum: 1))
    let stride = Pair(
      try check("stride", p.stride.h, minimum: 1), try check("stride", p.stride.w, minimum: 1))
    let padding = Pair(
      try check("padding", p.padding.h, minimum: 0), try check("padding", p.padding.w, minimum: 0))
    guard padding.h * 2 <= kernel.h, padding.w * 2 <= kernel.w else {
      throw attributeError(
        "padding", expected: "at most half the kernel, [\(kernel.h / 2), \(kernel.w / 2)]",
        found: padding.description)
    }
    let height = try window(
      x[1], kernel: kernel.h, dilation: 1, padding: 2 * padding.h, stride: stride.h, axis: "height")
    let width = try window(
      x[2], kernel: kernel.w, dilation: 1, padding: 2 * padding.w, stride: stride.w, axis: "width")
    return [x[0], height, width]
  }

  private func reshape(_ shape: [Int]) throws(ModelError) -> [Int] {
    let count = x.reduce(1, *)
    let unknowns = shape.filter { $0 == -1 }.count
    guard !shape.isEmpty, unknowns <= 1, !shape.contains(where: { $0 == 0 || $0 < -1 }) else {
      throw attributeError(
        "shape", expected: "positive integers with at most one -1", found: render(shape))
    }
    guard let known = ModelLimits.checkedCount(shape.map { max($0, 1) }) else {
      throw ModelError.dimensionTooLarge(
        file: file, at: .node(node.name, op: op), field: "shape",
        found: ModelLimits.violation(shape.map { max($0, 1) })?.found ?? render(shape),
        limit: "\(ModelLimits.maximumElements) elements")
    }
    let fits = unknowns == 1 ? count % known == 0 : count == known
    guard fits else {
      throw inputError(
        0,
        expected: "\(known)\(unknowns == 1 ? " times a whole number of" : "") elements "
          + "for shape \(render(shape)), found \(count)")
    }
    return shape.map { $0 == -1 ? count / known : $0 }
  }

  private func concat(_ axis: Int) throws(ModelError) -> [Int] {
    let a = try normalized(axis: axis, attribute: "axis")
    var total = 0
    for (index, shape) in inputs.enumerated() {
      var expected = x
      expected[a] = -1
      var found = shape
      if found.count == x.count { found[a] = -1 }
      guard found == expected else {
        let pattern = expected.map { $0 == -1 ? "any" : "\($0)" }.joined(separator: ", ")
        throw inputError(index, expected: "[\(pattern)] (all but axis \(axis) as the first input)")
      }
      total += shape[a]
    }
    var out = x
    out[a] = total
    return out
  }

  private func matmul() throws(ModelError) -> [Int] {
    let (a, b) = (x, inputs[1])
    guard a.count >= 2 else { throw inputError(0, expected: "[M, K] (rank 2 or more)") }
    let k = a[a.count - 1]
    guard b.count == a.count, b.dropLast(2) == a.dropLast(2), b[b.count - 2] == k else {
      let batch = a.dropLast(2).map { "\($0), " }.joined()
      throw inputError(1, expected: "[\(batch)\(k), N] (K = \(k) from input '\(node.inputs[0])')")
    }
    return Array(a.dropLast()) + [b[b.count - 1]]
  }

  private func transpose(_ perm: [Int]) throws(ModelError) -> [Int] {
    let rank = x.count
    let axes = perm.map { $0 < 0 ? $0 + rank : $0 }
    guard axes.count == rank, axes.sorted() == Array(0..<rank) else {
      throw attributeError(
        "perm", expected: "a permutation of the \(rank) axes 0...\(rank - 1)",
        found: render(perm))
    }
    return axes.map { x[$0] }
  }
}
