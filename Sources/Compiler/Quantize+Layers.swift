import FixedIR
import FixedPoint
import ModelFormat

/// The formats inside layers, batchnorms and table-driven functions.
extension Planner {
  /// A dense or convolution layer: weight, bias, the accumulator by proof, and the result
  /// (of the fused activation, when there is one).
  mutating func planLayer(_ node: Node) throws {
    let (weightName, weight) = try parameter(node, "weight")
    guard let input = node.inputs.first.flatMap({ tensors[$0] }), let outputs = weight.shape.first
    else { return }
    let weightFormat =
      try explicitParameter(node.name, \.weight, tensor: weightName)
      ?? uniform
      ?? make(node.name, "weight") { try rules.weight(largest: Self.largest(weight)) }
    try requireInt64(weightFormat, node.name, "weight")
    let weightRaws = weight.scalars.map { weightFormat.quantize(Double($0)) }

    var biasFormat: FixedFormat?
    var biasRaws: [Int64]?
    if node.params["bias"] != nil {
      let (biasName, bias) = try parameter(node, "bias")
      let productBits = input.fractionBits + weightFormat.fractionBits
      let format =
        try explicitParameter(node.name, \.bias, tensor: biasName)
        ?? uniform
        ?? make(node.name, "bias") {
          try rules.bias(largest: Self.largest(bias), productBits: productBits)
        }
      try requireInt64(format, node.name, "bias")
      biasFormat = format
      biasRaws = bias.scalars.map { format.quantize(Double($0)) }
    }

    guard
      let bound = AccumulatorBound(
        weights: weightRaws, outputs: outputs, weightFormat: weightFormat, bias: biasRaws,
        biasFormat: biasFormat, input: input)
    else { throw QuantizationError.accumulatorTooWide(node: node.name) }
    let accumulator =
      try config?.nodes[node.name]?.accumulator
      ?? uniform
      ?? make(node.name, "accumulator") { try bound.format() }
    nodes[node.name] = NodeQuantization(
      weight: weightFormat, bias: biasFormat, accumulator: accumulator, bound: bound)

    guard let activationName = fused[node.name], let activation = model.node(named: activationName)
    else {
      tensors[node.name] = try explicitTensor(node.name) ?? activation(node.name)
      return
    }
    if case .leakyRelu(let alpha) = activation.op {
      nodes[activationName] = NodeQuantization(
        constant: try constant(
          activationName, "alpha", alpha, override: config?.nodes[activationName]?.alpha))
    }
    tensors[activationName] = try explicitTensor(activationName) ?? self.activation(activationName)
  }

  /// A matmul: the accumulator by proof over its two operands' formats.
  mutating func planMatmul(_ node: Node) throws {
    guard node.inputs.count == 2, let lhs = tensors[node.inputs[0]],
      let rhs = tensors[node.inputs[1]], let depth = shapes[node.inputs[0]]?.last
    else { return }
    guard let bound = AccumulatorBound(lhs: lhs, rhs: rhs, depth: depth) else {
      throw QuantizationError.accumulatorTooWide(node: node.name)
    }
    let accumulator =
      try config?.nodes[node.name]?.accumulator
      ?? uniform
      ?? make(node.name, "accumulator") { try bound.format() }
    nodes[node.name] = NodeQuantization(accumulator: accumulator, bound: bound)
  }

  /// An unfolded batchnorm: the formats of its per-channel scale and shift.
  mutating func planBatchNorm(_ node: Node, eps: Double) throws {
    let (scale, shift) = try BatchNormAffine.values(of: node, eps: eps, in: model)
    let overrides = config?.nodes[node.name]
    let largestScale = scale.map(\.magnitude).max() ?? 0
    let largestShift = shift.map(\.magnitude).max() ?? 0
    nodes[node.name] = NodeQuantization(
      scale: try overrides?.scale ?? uniform
        ?? make(node.name, "scale") { try rules.weight(largest: largestScale) },
      shift: try overrides?.shift ?? uniform
        ?? make(node.name, "shift") { try rules.weight(largest: largestShift) })
  }

  /// Sigmoid or tanh: a table whose entries are in the result format.
  mutating func planTable(_ node: Node) throws {
    let function: LookupTable.Function = node.op == .sigmoid ? .sigmoid : .tanh
    let result =
      try explicitTensor(node.name) ?? uniform
      ?? make(node.name, "result") { try rules.bounded(width: settings.activationWidth) }
    tensors[node.name] = result
    nodes[node.name] = NodeQuantization(table: tableParameters(node.name, function, result))
  }

  /// Softmax: the exponent table over `x − max`, the exact sum, the reciprocal table over
  /// the sum's range, and the result.
  mutating func planSoftmax(_ node: Node, axis: Int) throws {
    guard let inputName = node.inputs.first, let input = tensors[inputName],
      let shape = shapes[inputName]
    else { return }
    let overrides = config?.nodes[node.name]
    let difference = try make(node.name, "x - max") {
      try FixedFormat.difference(input, input)
    }
    let expFormat =
      try overrides?.exp ?? uniform
      ?? make(node.name, "exp") { try rules.bounded(width: settings.tableWidth) }
    try requireInt64(expFormat, node.name, "exp table")
    let expParameters = tableParameters(node.name, .exp, expFormat)
    let expTable = TableBuilder.build(.exp, expParameters, input: difference)

    // The row's maximum reads the entry at d = 0; every other entry adds at least 0.
    let length = shape[axis < 0 ? axis + shape.count : axis]
    let atZero = max(expTable.entries[expTable.index(0)], 1)
    let largest = Int128(max(expTable.entries.max() ?? 0, atZero)) * Int128(length)
    let sumWidth = max(AccumulatorBound.signedBits(largest), 2)
    let sum = try make(node.name, "sum") {
      try FixedFormat(width: sumWidth, integerBits: sumWidth - expFormat.fractionBits)
    }
    let lowest = expFormat.toDouble(atZero)
    let reciprocalFormat =
      try overrides?.reciprocal ?? uniform
      ?? make(node.name, "reciprocal") {
        try rules.format(width: settings.tableWidth, magnitude: 1 / lowest)
      }
    let reciprocal = TableParameters(
      format: reciprocalFormat,
      maxEntries: overrides?.reciprocalEntries ?? config?.tables[.reciprocal]?.entries
        ?? TableBuilder.defaults(.reciprocal).entries,
      lower: lowest, upper: sum.toDouble(largest) + sum.resolution)
    nodes[node.name] = NodeQuantization(table: expParameters, sum: sum, reciprocal: reciprocal)
    tensors[node.name] =
      try explicitTensor(node.name) ?? uniform
      ?? make(node.name, "result") { try rules.bounded(width: settings.activationWidth) }
  }

  /// The table size and range of `function` for `node`: the node's config, the config's
  /// `tables` entry, else the built-in default.
  func tableParameters(_ node: String, _ function: LookupTable.Function, _ format: FixedFormat)
    -> TableParameters
  {
    let defaults = TableBuilder.defaults(function)
    let range =
      config?.nodes[node]?.tableRange ?? config?.tables[function]?.range
      ?? defaults.range
    return TableParameters(
      format: format,
      maxEntries: config?.nodes[node]?.tableEntries ?? config?.tables[function]?.entries
        ?? defaults.entries,
      lower: range.lowerBound, upper: range.upperBound)
  }

  /// The tensor name and value of `node`'s parameter `role`.
  func parameter(_ node: Node, _ role: String) throws -> (String, Tensor) {
    guard let name = node.params[role], let tensor = model.weights[name] else {
      throw CompilerError.invalidParameter(
        node: node.name, role: role, reason: "is missing from the weights")
    }
    return (name, tensor)
  }

  /// Throws `wideFormat` unless raws of `format` fit 64 bits (constants are `Int64`).
  func requireInt64(_ format: FixedFormat, _ node: String, _ role: String) throws {
    guard format.fitsInt64 else {
      throw QuantizationError.wideFormat(node: node, role: role, format: "\(format)")
    }
  }

  /// The largest magnitude of a tensor's elements.
  static func largest(_ tensor: Tensor) -> Double {
    Double(tensor.scalars.map(\.magnitude).max() ?? 0)
  }
}
