import FixedIR
import FixedPoint
import ModelFormat

/// The `lower` pass: turns a simplified float graph and its `QuantizationPlan` into a
/// `FixedProgram`, whose every step is integer arithmetic (docs/fixed-ir.md).
///
/// Weights, biases and other constants are quantized once, here, as `ap_fixed`'s
/// constructor converts a `double` (`FixedFormat.quantize`); sigmoid, tanh and softmax's
/// exponent and reciprocal become tables computed here; a `relu` or `leaky_relu` that the
/// plan fuses is executed on its layer's accumulator; a batchnorm left unfolded becomes a
/// per-channel `affine`; pooling divisors and leaky ReLU's α become scalar constants. Ops
/// keep the graph's order and its tensor names, so the Simulator's trace lines up with the
/// Reference engine's.
///
/// Before and after (formats abbreviated):
///
///     %x = input : [4]
///     %fc1 = dense(%x) weight=fc1.weight[3,4] bias=fc1.bias[3] : [3]
///     %relu1 = relu(%fc1) : [3]
///     %probs = softmax(%relu1) axis=-1 : [3]
///
///     input x : [4] ap_fixed<16,3>
///     %relu1 = dense(%x) weight=fc1.weight bias=fc1.bias acc=ap_fixed<33,5> act=relu
///       : [3] ap_fixed<16,4>
///     %probs = softmax(%relu1) axis=0 exp=table[1024] sum=ap_fixed<20,3>
///       reciprocal=table[...] : [3] ap_fixed<16,2>
public enum Lower {
  /// The pass's name in `--print-ir-after` and diagnostics.
  public static let passName = "lower"

  /// The fixed-point program of `model` under `plan`.
  ///
  /// - Throws: `QuantizationError.missingFormat` when the plan was made for another model,
  ///   and `CompilerError.invalidParameter` for a parameter the graph lacks.
  public static func program(for model: Model, plan: QuantizationPlan) throws -> FixedProgram {
    var lowerer = try Lowerer(model: model, plan: plan)
    return try lowerer.run()
  }
}

/// The state of one lowering: the constants and ops emitted so far.
struct Lowerer {
  let model: Model
  let plan: QuantizationPlan
  let shapes: [String: [Int]]
  var constants: [String: FixedConstant] = [:]
  var ops: [FixedOp] = []
  /// Every name taken by a tensor or a constant, so that new names never collide.
  var taken: Set<String>

  init(model: Model, plan: QuantizationPlan) throws {
    self.model = model
    self.plan = plan
    self.shapes = try ShapeInference.shapes(of: model)
    self.taken = Set(model.inputs.map(\.name) + model.nodes.map(\.name))
  }

  mutating func run() throws -> FixedProgram {
    let inputs = try model.inputs.map { input in
      FixedTensor(name: input.name, shape: input.shape, format: try format(of: input.name))
    }
    let fused = Set(plan.fusedActivations.values)
    for node in model.nodes where !fused.contains(node.name) {
      try lower(node)
    }
    return FixedProgram(
      name: model.name, inputs: inputs, constants: constants, ops: ops, outputs: model.outputs)
  }

  /// The planned format of tensor `name`.
  func format(of name: String) throws -> FixedFormat {
    guard let format = plan.tensors[name] else {
      throw QuantizationError.missingFormat(node: name, role: "result")
    }
    return format
  }

  /// The planned formats inside node `name`.
  func formats(of name: String) throws -> NodeQuantization {
    guard let formats = plan.nodes[name] else {
      throw QuantizationError.missingFormat(node: name, role: "parameter")
    }
    return formats
  }

  /// The output tensor of `node` (named `name`, normally the node's own name).
  func output(_ node: Node, name: String? = nil) throws -> FixedTensor {
    let name = name ?? node.name
    return FixedTensor(
      name: name, shape: shapes[node.name] ?? [], format: try format(of: name))
  }

  /// A name not yet taken: `base`, else `base.1`, `base.2`, ...
  mutating func unusedName(_ base: String) -> String {
    var name = base
    var suffix = 1
    while taken.contains(name) {
      name = "\(base).\(suffix)"
      suffix += 1
    }
    taken.insert(name)
    return name
  }

  /// Adds a constant, reusing an equal one of the same preferred name (a shared weight),
  /// and returns its name.
  mutating func constant(_ base: String, shape: [Int], format: FixedFormat, raw: [Int64])
    -> String
  {
    var name = base
    var suffix = 1
    while let existing = constants[name] {
      if existing.shape == shape && existing.format == format && existing.raw == raw {
        return name
      }
      name = "\(base).\(suffix)"
      suffix += 1
    }
    if taken.contains(name) { name = unusedName(name) }
    taken.insert(name)
    constants[name] = FixedConstant(name: name, shape: shape, format: format, raw: raw)
    return name
  }

  /// A scalar constant holding `value` in `format`.
  mutating func scalar(_ base: String, _ value: Double, _ format: FixedFormat) -> String {
    constant(base, shape: [], format: format, raw: [format.quantize(value)])
  }

  /// The input names of `node`, cast first into `target` where a format differs (for ops
  /// that move raws without arithmetic and require equal formats).
  mutating func inputs(of node: Node, castTo target: FixedFormat) throws -> [String] {
    var names: [String] = []
    for input in node.inputs {
      let source = try format(of: input)
      guard source != target else {
        names.append(input)
        continue
      }
      let cast = FixedTensor(
        name: unusedName("\(input).\(node.name)"), shape: shapes[input] ?? [], format: target)
      ops.append(FixedOp(output: cast, inputs: [input], kind: .cast))
      names.append(cast.name)
    }
    return names
  }

  private mutating func lower(_ node: Node) throws {
    let kind: FixedOpKind
    var inputs = node.inputs
    switch node.op {
    case .dense, .conv1d, .conv2d:
      try lowerLayer(node)
      return
    case .matmul:
      guard let accumulator = try formats(of: node.name).accumulator else {
        throw QuantizationError.missingFormat(node: node.name, role: "accumulator")
      }
      kind = .matmul(accumulator: accumulator)
    case .relu:
      kind = .relu
    case .leakyRelu(let alpha):
      kind = .leakyRelu(alpha: try alphaConstant(node.name, alpha))
    case .sigmoid, .tanh:
      kind = .table(try table(node))
    case .softmax(let axis):
      kind = try softmax(node, axis: axis)
    case .add:
      kind = .add
    case .mul:
      kind = .mul
    case .batchnorm(let eps):
      kind = try affine(node, eps: eps)
    case .maxpool2d(let pool):
      inputs = try self.inputs(of: node, castTo: try format(of: node.name))
      kind = .maxpool2d(pool)
    case .avgpool2d(let pool):
      let window = Double(pool.kernel.h * pool.kernel.w)
      kind = .avgpool2d(pool, reciprocal: try reciprocalConstant(node.name, window))
    case .globalAvgpool2d:
      let window = Double(node.inputs.first.flatMap { shapes[$0] }?.dropFirst().reduce(1, *) ?? 1)
      kind = .globalAvgpool2d(reciprocal: try reciprocalConstant(node.name, window))
    case .flatten, .reshape:
      inputs = try self.inputs(of: node, castTo: try format(of: node.name))
      kind = .reshape
    case .transpose(let perm):
      inputs = try self.inputs(of: node, castTo: try format(of: node.name))
      let rank = perm.count
      kind = .transpose(perm: perm.map { $0 < 0 ? $0 + rank : $0 })
    case .upsample2d(let scale, _):
      inputs = try self.inputs(of: node, castTo: try format(of: node.name))
      kind = .upsample2d(scale: scale)
    case .concat(let axis):
      let rank = shapes[node.name]?.count ?? 0
      kind = .concat(axis: axis < 0 ? axis + rank : axis)
    case .identity, .dropout:
      kind = .cast
    }
    ops.append(FixedOp(output: try output(node), inputs: inputs, kind: kind))
  }
}
