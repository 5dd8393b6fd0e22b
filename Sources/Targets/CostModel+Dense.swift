import FixedIR
import FixedPoint

extension CostModel {
  /// `dense`: per output `nnz` products and an adder tree over them and the bias; at reuse
  /// `R > 1`, `ceil(in·out/R)` multipliers fed from a weight ROM, accumulating over `R`
  /// cycles. II = R.
  func dense(
    _ ctx: OpContext, weight: String, bias: String?, accumulator: FixedFormat,
    activation: FusedActivation
  ) throws(CostModelError) -> CostRow {
    let w = try ctx.constant(weight)
    let x = try ctx.input()
    guard w.shape.count == 2, w.shape[1] > 0, x.count % w.shape[1] == 0 else {
      throw .unexpectedShape(
        op: ctx.name, detail: "dense weight \(w.shape) does not fit input \(x.shape)")
    }
    let rows = x.count / w.shape[1]
    let nonZero = Self.nonZeroPerOutput(w)
    var b = RowBuilder(constants)
    b.products = rows * nonZero.reduce(0, +)
    var depth = linearCore(
      &b, nonZero: nonZero, bias: try bias.map(ctx.constant), weightsPerOutput: w.shape[1],
      copies: rows, multiplier: part.family.multiplier(x.format, w.format),
      accumulatorBits: accumulator.storageWidth, reuse: ctx.reuse,
      romBits: w.raw.count * w.format.storageWidth)
    depth += try fused(
      &b, activation, count: ctx.op.output.count, accumulator: accumulator, ctx: ctx)
    b.outputRegisters(ctx.op.output.count, bits: ctx.op.output.format.storageWidth)
    return b.row(name: ctx.name, op: ctx.op.kind.name, latency: depth, ii: ctx.reuse)
  }

  /// `matmul` `[M, K] × [K, N]`: `M·N·K` products of two run-time operands (no pruning).
  func matmul(_ ctx: OpContext, accumulator: FixedFormat) throws(CostModelError) -> CostRow {
    let a = try ctx.input(0)
    let bTensor = try ctx.input(1)
    guard a.shape.count == 2, bTensor.shape.count == 2, a.shape[1] == bTensor.shape[0] else {
      throw .unexpectedShape(
        op: ctx.name, detail: "matmul of \(a.shape) and \(bTensor.shape)")
    }
    let k = a.shape[1]
    let outputs = a.shape[0] * bTensor.shape[1]
    var b = RowBuilder(constants)
    b.products = outputs * k
    let depth = linearCore(
      &b, nonZero: Array(repeating: k, count: outputs), bias: nil, weightsPerOutput: k,
      copies: 1, multiplier: part.family.multiplier(a.format, bTensor.format),
      accumulatorBits: accumulator.storageWidth, reuse: ctx.reuse, romBits: nil)
    b.outputRegisters(outputs, bits: ctx.op.output.format.storageWidth)
    return b.row(name: ctx.name, op: ctx.op.kind.name, latency: depth, ii: ctx.reuse)
  }

  /// The multiply-accumulate core shared by dense, convolution and matmul; returns its
  /// pipeline depth in cycles.
  ///
  /// `R = 1`: one multiplier per non-zero weight (times `copies`), a balanced adder tree of
  /// `nnz + bias − 1` adders per output; depth = multiply + `ceil(levels / levels-per-cycle)`
  /// + overhead. `R > 1`: `ceil(copies · outputs · taps / R)` multipliers and as many
  /// adders, accumulators per output, weights (`romBits`) in a ROM; depth = `R − 1` +
  /// multiply + tree over `ceil(taps / R)` + 1 (accumulate) + overhead.
  func linearCore(
    _ b: inout RowBuilder, nonZero: [Int], bias: FixedConstant?, weightsPerOutput: Int,
    copies: Int, multiplier m: MultiplierCost, accumulatorBits: Int, reuse: Int, romBits: Int?
  ) -> Int {
    let c = constants
    let outputs = nonZero.count
    if reuse == 1 {
      let terms = nonZero.indices.map { o in
        nonZero[o] + ((bias.map { o < $0.raw.count && $0.raw[o] != 0 } ?? false) ? 1 : 0)
      }
      let products = nonZero.reduce(0, +)
      b.multipliers(copies * products, m)
      b.adders(copies * terms.reduce(0) { $0 + max($1 - 1, 0) }, bits: accumulatorBits)
      return (products > 0 ? m.cycles : 0) + adderCycles(terms.max() ?? 0)
        + c.layerOverheadCycles
    }
    let count = ceilDiv(copies * outputs * weightsPerOutput, reuse)
    b.multipliers(count, m)
    b.adders(count, bits: accumulatorBits)
    b.outputRegisters(copies * outputs, bits: accumulatorBits)
    if let romBits {
      let weightBits = romBits / max(outputs * weightsPerOutput, 1)
      b.rom(bits: romBits, readBits: ceilDiv(outputs * weightsPerOutput, reuse) * weightBits)
    }
    return reuse - 1 + m.cycles + adderCycles(ceilDiv(weightsPerOutput, reuse)) + 1
      + c.layerOverheadCycles
  }

  /// A ReLU or leaky ReLU applied on `count` accumulators; returns its extra cycles.
  func fused(
    _ b: inout RowBuilder, _ activation: FusedActivation, count: Int,
    accumulator: FixedFormat, ctx: OpContext
  ) throws(CostModelError) -> Int {
    switch activation {
    case .none:
      return 0
    case .relu:
      b.comparators(count, bits: accumulator.storageWidth)
      return 0
    case .leakyRelu(let alpha):
      let a = try ctx.constant(alpha)
      let m = part.family.multiplier(accumulator, a.format)
      b.products += count
      b.multipliers(count, m)
      b.comparators(count, bits: accumulator.storageWidth)
      return m.cycles
    }
  }

  /// Cycles of a balanced tree over `terms` inputs: `ceil(ceil(log2 terms) / levels)`.
  func adderCycles(_ terms: Int) -> Int {
    ceilDiv(treeLevels(terms), constants.adderLevelsPerCycle)
  }

  /// Non-zero raws of each slice along the first dimension (each output's weights).
  static func nonZeroPerOutput(_ w: FixedConstant) -> [Int] {
    guard let outputs = w.shape.first, outputs > 0 else { return [] }
    let per = w.raw.count / outputs
    return (0..<outputs).map { o in
      w.raw[(o * per)..<((o + 1) * per)].reduce(0) { $0 + ($1 != 0 ? 1 : 0) }
    }
  }
}

extension CostModel {
  /// The products a multiply-accumulate op schedules when its multipliers are reused (zero
  /// weights included), whose `1/R` are built at reuse factor `R`; nil for other ops.
  func scheduledProducts(of op: FixedOp, in program: FixedProgram) -> Int? {
    func shape(_ name: String) -> [Int]? {
      program.constants[name]?.shape ?? program.tensor(named: name)?.shape
    }
    switch op.kind {
    case .dense(let weight, _, _, _):
      guard let w = shape(weight), w.count == 2, let x = op.inputs.first.flatMap(shape) else {
        return nil
      }
      return x.reduce(1, *) * w[0]
    case .conv1d(_, let weight, _, _, _), .conv2d(_, let weight, _, _, _):
      return shape(weight)?.reduce(1, *)
    case .matmul:
      guard op.inputs.count == 2, let a = shape(op.inputs[0]), let b = shape(op.inputs[1]),
        a.count == 2, b.count == 2
      else { return nil }
      return a[0] * a[1] * b[1]
    default:
      return nil
    }
  }
}
