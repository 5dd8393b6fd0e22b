import FixedIR
import FixedPoint
import ModelFormat

/// Plans the kernel of one verified op: its formats' exact intermediates, its constants in
/// their lanes, its accumulation path.
struct KernelBuilder {
  let op: FixedOp
  /// The tensors the op reads, in operand order, and their arena slots.
  let operands: [FixedTensor]
  let slots: [TensorSlot]
  let output: TensorSlot
  let constants: [String: FixedConstant]
  let strategy: AccumulationStrategy

  private var out: FixedFormat { op.output.format }
  private var x: FixedTensor { operands[0] }

  /// The kernel, and whether it counts its accumulator overflows.
  func make() throws -> (any FrameKernel, Bool) {
    switch op.kind {
    case .dense(let weight, let bias, let acc, let activation):
      let w = try constant(weight)
      let features = x.shape[x.shape.count - 1]
      let plan = try accumulation(
        weights: w, outputs: w.shape[0], depth: features, accumulator: acc, bias: bias,
        activation: activation)
      let kernel = DenseKernel(
        input: slots[0], output: output, rows: x.count / features, features: features,
        outputs: w.shape[0], plan: plan, weights: packed(w, plan, transposed: true))
      return (kernel, plan.countsAccumulatorSteps)
    case .conv1d(let c, let weight, let bias, let acc, let activation):
      let geometry = ConvolutionGeometry(
        channels: x.shape[0], height: 1, width: x.shape[1], outputChannels: op.output.shape[0],
        outputHeight: 1, outputWidth: op.output.shape[1],
        kernel: Pair(1, try constant(weight).shape[2]),
        stride: Pair(1, c.stride), padTop: 0, padLeft: c.padLeft, dilation: Pair(1, c.dilation),
        groups: c.groups)
      return try convolution(geometry, weight, bias, acc, activation)
    case .conv2d(let c, let weight, let bias, let acc, let activation):
      let w = try constant(weight)
      let geometry = ConvolutionGeometry(
        channels: x.shape[0], height: x.shape[1], width: x.shape[2],
        outputChannels: op.output.shape[0], outputHeight: op.output.shape[1],
        outputWidth: op.output.shape[2], kernel: Pair(w.shape[2], w.shape[3]), stride: c.stride,
        padTop: c.padding.top, padLeft: c.padding.left, dilation: c.dilation, groups: c.groups)
      return try convolution(geometry, weight, bias, acc, activation)
    case .matmul(let acc):
      let (a, b) = (x.shape, operands[1].shape)
      let (m, k, n) = (a[a.count - 2], a[a.count - 1], b[b.count - 1])
      let plan = try AccumulationPlan(
        op: op.name, lhs: x.format, rhs: operands[1].format, weights: nil, outputs: n, depth: k,
        accumulator: acc, bias: nil,
        result: ActivationWriter(
          op: op.name, source: acc, output: out, activation: .none, alpha: nil),
        strategy: strategy)
      let kernel = MatmulKernel(
        lhs: slots[0], rhs: slots[1], output: output, batches: x.count / (m * k), m: m, k: k,
        n: n, plan: plan)
      return (kernel, plan.countsAccumulatorSteps)
    case .relu, .leakyRelu, .cast:
      let activation: FusedActivation
      switch op.kind {
      case .relu: activation = .relu
      case .leakyRelu(let alpha): activation = .leakyRelu(alpha: alpha)
      default: activation = .none
      }
      let writer = try ActivationWriter(
        op: op.name, source: x.format, output: out, activation: activation,
        alpha: try alpha(of: activation))
      return (ActivationKernel(input: slots[0], output: output, writer: writer), true)
    case .table(let table):
      return (TableKernel(input: slots[0], output: output, table: table), true)
    case .softmax(let axis, let exp, let sum, let reciprocal):
      let step = try FixedOperation(.add, sum, exp.format)
      let product = try FixedFormat.product(exp.format, reciprocal.format)
      let kernel = SoftmaxKernel(
        input: slots[0], output: output, outer: x.shape[..<axis].reduce(1, *),
        length: x.shape[axis], inner: x.shape[(axis + 1)...].reduce(1, *), exp: exp,
        reciprocal: reciprocal, sumStep: step, sumWriter: try RawWriter(from: step.result, to: sum),
        writer: try RawWriter(from: product, to: out), wide: product.storageWidth > 64)
      return (kernel, true)
    case .add, .mul:
      let operation = try FixedOperation(
        op.kind == .add ? .add : .multiply, x.format, operands[1].format)
      let kernel = BinaryKernel(
        lhs: slots[0], rhs: slots[1], output: output, operation: operation,
        writer: try RawWriter(from: operation.result, to: out))
      return (kernel, true)
    case .affine(let scale, let shift):
      let (s, t) = (try constant(scale), try constant(shift))
      let product = try FixedOperation(.multiply, x.format, s.format)
      let sum = try FixedOperation(.add, product.result, t.format)
      let kernel = AffineKernel(
        input: slots[0], output: output, channels: x.shape[0], scale: s.raw, shift: t.raw,
        product: product, sum: sum, writer: try RawWriter(from: sum.result, to: out))
      return (kernel, true)
    case .maxpool2d(let p):
      return (try pooling(p, reduction: .maximum, writer: RawWriter(from: x.format, to: out)), true)
    case .avgpool2d(let p, let reciprocal):
      return (try average(p, count: p.kernel.h * p.kernel.w, reciprocal: reciprocal), true)
    case .globalAvgpool2d(let reciprocal):
      let window = Pair(x.shape[1], x.shape[2])
      let p = Pooling2D(kernel: window, stride: window, padding: Pair(0, 0))
      return (try average(p, count: window.h * window.w, reciprocal: reciprocal), true)
    case .reshape:
      return (ReshapeKernel(input: slots[0], output: output), true)
    case .transpose(let perm):
      let kernel = TransposeKernel(
        input: slots[0], output: output, inputShape: x.shape, perm: perm)
      return (kernel, true)
    case .upsample2d(let scale):
      let kernel = UpsampleKernel(
        input: slots[0], output: output, channels: x.shape[0], height: x.shape[1],
        width: x.shape[2], scale: scale)
      return (kernel, true)
    case .concat(let axis):
      let kernel = ConcatKernel(
        inputs: slots, output: output, outer: op.output.shape[..<axis].reduce(1, *),
        blocks: operands.map { $0.shape[axis...].reduce(1, *) },
        writers: try operands.map { try RawWriter(from: $0.format, to: out) })
      return (kernel, true)
    }
  }

  private func constant(_ name: String) throws -> FixedConstant {
    guard let constant = constants[name] else {
      throw SimulatorError.unsupported(op: op.name, reason: "constant '\(name)' is missing")
    }
    return constant
  }

  private func alpha(of activation: FusedActivation) throws -> (raw: Int64, format: FixedFormat)? {
    guard case .leakyRelu(let name) = activation else { return nil }
    let alpha = try constant(name)
    return (alpha.raw[0], alpha.format)
  }

  private func accumulation(
    weights: FixedConstant, outputs: Int, depth: Int, accumulator: FixedFormat, bias: String?,
    activation: FusedActivation
  ) throws -> AccumulationPlan {
    let biasConstant = try bias.map { try constant($0) }
    return try AccumulationPlan(
      op: op.name, lhs: x.format, rhs: weights.format, weights: weights.raw, outputs: outputs,
      depth: depth, accumulator: accumulator,
      bias: biasConstant.map { ($0.raw, $0.format) },
      result: ActivationWriter(
        op: op.name, source: accumulator, output: out, activation: activation,
        alpha: try alpha(of: activation)),
      strategy: strategy)
  }

  private func convolution(
    _ geometry: ConvolutionGeometry, _ weight: String, _ bias: String?,
    _ accumulator: FixedFormat, _ activation: FusedActivation
  ) throws -> (any FrameKernel, Bool) {
    let w = try constant(weight)
    let plan = try accumulation(
      weights: w, outputs: geometry.outputChannels, depth: geometry.depth,
      accumulator: accumulator, bias: bias, activation: activation)
    let kernel = ConvolutionKernel(
      input: slots[0], output: output, geometry: geometry, plan: plan,
      weights: packed(w, plan, transposed: false))
    return (kernel, plan.countsAccumulatorSteps)
  }

  /// A weight constant `[outputs, ...]` in the plan's lane; on the `exactFloat64` path as
  /// doubles scaled by `2^k`, and for a dense layer transposed (`[features, outputs]`, a
  /// matrix product's B).
  private func packed(_ w: FixedConstant, _ plan: AccumulationPlan, transposed: Bool)
    -> PackedOperands
  {
    guard plan.path == .exactFloat64 else { return PackedOperands(w.raw, lane: plan.lane) }
    guard transposed else { return PackedOperands(float64: w.raw, scale: plan.float64Scale) }
    let outputs = w.shape[0]
    let depth = w.raw.count / max(outputs, 1)
    var raws = [Int64](repeating: 0, count: w.raw.count)
    for o in 0..<outputs {
      for i in 0..<depth { raws[i * outputs + o] = w.raw[o * depth + i] }
    }
    return PackedOperands(float64: raws, scale: plan.float64Scale)
  }

  private func average(_ p: Pooling2D, count: Int, reciprocal: String) throws -> any FrameKernel {
    let k = try constant(reciprocal)
    let product = try FixedFormat.product(x.format.windowSumFormat(count: count), k.format)
    return try pooling(
      p, reduction: .average(reciprocal: k.raw[0], wide: product.storageWidth > 64),
      writer: RawWriter(from: product, to: out))
  }

  private func pooling(
    _ p: Pooling2D, reduction: PoolingKernel.Reduction, writer: RawWriter
  ) throws -> any FrameKernel {
    PoolingKernel(
      input: slots[0], output: output, channels: x.shape[0], height: x.shape[1],
      width: x.shape[2], outputHeight: op.output.count / (x.shape[0] * outputWidth),
      outputWidth: outputWidth, kernel: p.kernel, stride: p.stride, padding: p.padding,
      reduction: reduction, writer: writer,
      passesThrough: reduction.isMaximum && x.format == out && !out.saturatesSymmetrically)
  }

  /// The output's last dimension for pooling (1 for a global average, whose output is `[C]`).
  private var outputWidth: Int {
    op.output.shape.count == 3 ? op.output.shape[2] : 1
  }
}
