import FixedIR
import FixedPoint
import ModelFormat

extension CostModel {
  /// maxpool2d and avgpool2d: per output a comparator (or adder) tree over the window;
  /// average pooling adds one multiplier by `1/window` per output.
  ///
  /// Parallel: every output at once, II = 1. Stream: one unit per channel behind a line
  /// buffer of `kh − 1` rows, one input pixel per cycle, II = input pixels.
  func pooling(
    _ ctx: OpContext, _ p: Pooling2D, reciprocal: String?
  ) throws(CostModelError) -> CostRow {
    let x = try ctx.input()
    let out = ctx.op.output
    guard x.shape.count == 3 else {
      throw .unexpectedShape(op: ctx.name, detail: "pooling needs a [C, H, W] input")
    }
    let window = p.kernel.h * p.kernel.w
    let lanes = ctx.isStream ? x.shape[0] : out.count
    let inBits = x.format.storageWidth
    var b = RowBuilder(constants)
    var cycles = adderCycles(window) + constants.layerOverheadCycles
    if let reciprocal {
      let sumBits = inBits + treeLevels(window)
      b.adders(lanes * (window - 1), bits: sumBits)
      let m = part.family.multiplier(
        widths: sumBits, try ctx.constant(reciprocal).format.storageWidth)
      b.products = out.count
      b.multipliers(lanes, m)
      cycles += m.cycles
    } else {
      b.comparators(lanes * (window - 1), bits: inBits)
    }
    b.outputRegisters(lanes, bits: out.format.storageWidth)
    guard ctx.isStream else {
      return b.row(name: ctx.name, op: ctx.op.kind.name, latency: cycles, ii: 1)
    }
    let (height, width) = (x.shape[1], x.shape[2])
    b.lineBuffer(rows: p.kernel.h - 1, width: width, pixelBits: x.shape[0] * inBits)
    return b.row(
      name: ctx.name, op: ctx.op.kind.name, latency: height * width - 1 + cycles,
      fill: (p.kernel.h - 1) * width + p.kernel.w - 1 + cycles, ii: height * width)
  }

  /// global_avgpool2d: a sum over `H·W` per channel (an adder tree in parallel mode, an
  /// accumulator in stream mode, which outputs only after the whole frame) and a multiplier
  /// by `1/(H·W)`.
  func globalAveragePooling(
    _ ctx: OpContext, reciprocal: String
  ) throws(CostModelError) -> CostRow {
    let x = try ctx.input()
    guard x.shape.count == 3 else {
      throw .unexpectedShape(op: ctx.name, detail: "global_avgpool2d needs a [C, H, W] input")
    }
    let channels = x.shape[0]
    let n = x.shape[1] * x.shape[2]
    let sumBits = x.format.storageWidth + treeLevels(n)
    let m = part.family.multiplier(
      widths: sumBits, try ctx.constant(reciprocal).format.storageWidth)
    var b = RowBuilder(constants)
    b.products = channels
    b.multipliers(channels, m)
    b.outputRegisters(channels, bits: ctx.op.output.format.storageWidth)
    let overhead = constants.layerOverheadCycles
    if ctx.isStream {
      b.adders(channels, bits: sumBits)
      let latency = n - 1 + 1 + m.cycles + overhead
      return b.row(name: ctx.name, op: ctx.op.kind.name, latency: latency, ii: n)
    }
    b.adders(channels * (n - 1), bits: sumBits)
    return b.row(
      name: ctx.name, op: ctx.op.kind.name, latency: adderCycles(n) + m.cycles + overhead,
      ii: 1)
  }

  /// softmax along an axis of length `n`, per row: a max tree, `n` subtractions, `n` exp
  /// lookups, a sum tree, one reciprocal lookup and `n` multipliers; all rows in parallel,
  /// II = 1 in both architectures.
  func softmax(
    _ ctx: OpContext, axis: Int, exp: LookupTable, sum: FixedFormat, reciprocal: LookupTable
  ) throws(CostModelError) -> CostRow {
    let x = try ctx.input()
    guard axis >= 0, axis < x.shape.count, x.shape[axis] > 0 else {
      throw .unexpectedShape(op: ctx.name, detail: "softmax axis \(axis) of \(x.shape)")
    }
    let n = x.shape[axis]
    let rows = x.count / n
    let inBits = x.format.storageWidth
    var b = RowBuilder(constants)
    b.comparators(rows * (n - 1), bits: inBits)
    b.adders(rows * n, bits: inBits)
    let expCycles = b.table(
      entries: exp.entries.count, bits: exp.format.storageWidth, lanes: rows * n)
    b.adders(rows * (n - 1), bits: sum.storageWidth)
    let reciprocalCycles = b.table(
      entries: reciprocal.entries.count, bits: reciprocal.format.storageWidth, lanes: rows)
    let m = part.family.multiplier(exp.format, reciprocal.format)
    b.products = rows * n
    b.multipliers(rows * n, m)
    b.outputRegisters(x.count, bits: ctx.op.output.format.storageWidth)
    let cycles =
      adderCycles(n) + 1 + expCycles + adderCycles(n) + reciprocalCycles + m.cycles
      + constants.layerOverheadCycles
    return b.row(name: ctx.name, op: ctx.op.kind.name, latency: cycles, ii: 1)
  }
}
