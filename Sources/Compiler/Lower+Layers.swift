import FixedIR
import FixedPoint
import ModelFormat

/// Lowering of the ops that carry constants or tables.
extension Lowerer {
  /// A dense or convolution layer with its quantized weight and bias, its accumulator and
  /// the activation the plan fuses into it.
  mutating func lowerLayer(_ node: Node) throws {
    let formats = try formats(of: node.name)
    guard let weightFormat = formats.weight, let accumulator = formats.accumulator else {
      throw QuantizationError.missingFormat(node: node.name, role: "weight or accumulator")
    }
    let weight = try parameter(node, "weight")
    let weightName = constant(
      weight.name, shape: weight.tensor.shape, format: weightFormat,
      raw: weight.tensor.scalars.map { weightFormat.quantize(Double($0)) })
    var biasName: String?
    if node.params["bias"] != nil {
      guard let biasFormat = formats.bias else {
        throw QuantizationError.missingFormat(node: node.name, role: "bias")
      }
      let bias = try parameter(node, "bias")
      biasName = constant(
        bias.name, shape: bias.tensor.shape, format: biasFormat,
        raw: bias.tensor.scalars.map { biasFormat.quantize(Double($0)) })
    }

    var activation = FusedActivation.none
    var outputName = node.name
    if let fused = plan.fusedActivations[node.name], let fusedNode = model.node(named: fused) {
      outputName = fused
      if case .leakyRelu(let alpha) = fusedNode.op {
        activation = .leakyRelu(alpha: try alphaConstant(fused, alpha))
      } else {
        activation = .relu
      }
    }
    let kind: FixedOpKind
    switch node.op {
    case .conv1d(let attributes):
      kind = .conv1d(
        attributes, weight: weightName, bias: biasName, accumulator: accumulator,
        activation: activation)
    case .conv2d(let attributes):
      kind = .conv2d(
        attributes, weight: weightName, bias: biasName, accumulator: accumulator,
        activation: activation)
    default:
      kind = .dense(
        weight: weightName, bias: biasName, accumulator: accumulator, activation: activation)
    }
    ops.append(
      FixedOp(output: try output(node, name: outputName), inputs: node.inputs, kind: kind))
  }

  /// The scalar constant α of the leaky ReLU `node`.
  mutating func alphaConstant(_ node: String, _ alpha: Double) throws -> String {
    guard let format = try formats(of: node).constant else {
      throw QuantizationError.missingFormat(node: node, role: "alpha")
    }
    return scalar("\(node).alpha", alpha, format)
  }

  /// The scalar constant `1 / window` of the pooling `node`.
  mutating func reciprocalConstant(_ node: String, _ window: Double) throws -> String {
    guard let format = try formats(of: node).constant else {
      throw QuantizationError.missingFormat(node: node, role: "reciprocal")
    }
    return scalar("\(node).reciprocal", 1 / window, format)
  }

  /// The sigmoid or tanh table of `node`, indexed by its input's raws.
  func table(_ node: Node) throws -> LookupTable {
    guard let parameters = try formats(of: node.name).table, let input = node.inputs.first
    else { throw QuantizationError.missingFormat(node: node.name, role: "table") }
    let function: LookupTable.Function = node.op == .sigmoid ? .sigmoid : .tanh
    return TableBuilder.build(function, parameters, input: try format(of: input))
  }

  /// Softmax along a non-negative axis, with its exponent and reciprocal tables.
  func softmax(_ node: Node, axis: Int) throws -> FixedOpKind {
    let formats = try formats(of: node.name)
    guard let expParameters = formats.table, let sum = formats.sum,
      let reciprocal = formats.reciprocal, let input = node.inputs.first
    else { throw QuantizationError.missingFormat(node: node.name, role: "softmax table") }
    let x = try format(of: input)
    let difference = try FixedFormat.difference(x, x)
    let rank = shapes[input]?.count ?? 0
    return .softmax(
      axis: axis < 0 ? axis + rank : axis,
      exp: TableBuilder.build(.exp, expParameters, input: difference), sum: sum,
      reciprocal: TableBuilder.build(.reciprocal, reciprocal, input: sum))
  }

  /// An unfolded batchnorm as `x·scale[c] + shift[c]`.
  mutating func affine(_ node: Node, eps: Double) throws -> FixedOpKind {
    let formats = try formats(of: node.name)
    guard let scaleFormat = formats.scale, let shiftFormat = formats.shift else {
      throw QuantizationError.missingFormat(node: node.name, role: "scale or shift")
    }
    let (scale, shift) = try BatchNormAffine.values(of: node, eps: eps, in: model)
    let scaleName = constant(
      "\(node.name).scale", shape: [scale.count], format: scaleFormat,
      raw: scale.map { scaleFormat.quantize($0) })
    let shiftName = constant(
      "\(node.name).shift", shape: [shift.count], format: shiftFormat,
      raw: shift.map { shiftFormat.quantize($0) })
    return .affine(scale: scaleName, shift: shiftName)
  }

  /// The tensor name and value of `node`'s parameter `role`.
  func parameter(_ node: Node, _ role: String) throws -> (name: String, tensor: Tensor) {
    guard let name = node.params[role], let tensor = model.weights[name] else {
      throw CompilerError.invalidParameter(
        node: node.name, role: role, reason: "is missing from the weights")
    }
    return (name, tensor)
  }
}
