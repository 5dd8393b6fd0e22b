import FixedIR
import FixedPoint

extension CostModel {
  /// Element-wise ops: one unit per lane (every element in parallel mode, every channel of
  /// a pixel in stream mode); II = pixels per frame, latency = pixels − 1 + the unit's cycles.
  ///
  /// | op | unit | cycles |
  /// |---|---|---|
  /// | relu | comparator of the output width | 1 |
  /// | leaky_relu | multiplier by α + comparator | multiply |
  /// | table | LUT ROM per lane, or a BRAM per two lanes | 1 (LUT) or `table_read_cycles` |
  /// | add | adder of the output width | 1 |
  /// | mul | multiplier of the operand formats | multiply |
  /// | affine | multiplier by the scale + adder | multiply + 1 |
  /// | cast | rounding/saturating adder, or wires for AP_TRN/AP_WRAP | 1 or 0 |
  /// | reshape, transpose, upsample2d, concat | wires | 0 |
  func pointwise(_ ctx: OpContext) throws(CostModelError) -> CostRow {
    let out = ctx.op.output
    let (lanes, pixels) = ctx.lanes(out)
    let bits = out.format.storageWidth
    var b = RowBuilder(constants)
    let cycles: Int
    switch ctx.op.kind {
    case .relu:
      b.comparators(lanes, bits: bits)
      cycles = 1
    case .leakyRelu(let alpha):
      let m = part.family.multiplier(try ctx.input().format, try ctx.constant(alpha).format)
      b.products = out.count
      b.multipliers(lanes, m)
      b.comparators(lanes, bits: bits)
      cycles = m.cycles
    case .table(let table):
      cycles = b.table(
        entries: table.entries.count, bits: table.format.storageWidth, lanes: lanes)
    case .add:
      b.adders(lanes, bits: bits)
      cycles = 1
    case .mul:
      let m = part.family.multiplier(try ctx.input(0).format, try ctx.input(1).format)
      b.products = out.count
      b.multipliers(lanes, m)
      cycles = m.cycles
    case .affine(let scale, _):
      let m = part.family.multiplier(try ctx.input().format, try ctx.constant(scale).format)
      b.products = out.count
      b.multipliers(lanes, m)
      b.adders(lanes, bits: bits)
      cycles = m.cycles + 1
    case .cast:
      let f = out.format
      let isWires = f.quantization == .truncate && f.overflow == .wrap
      if !isWires { b.adders(lanes, bits: bits) }
      cycles = isWires ? 0 : 1
    default:  // reshape, transpose, upsample2d, concat: wires (the others never get here)
      cycles = 0
    }
    if cycles > 0 { b.outputRegisters(lanes, bits: bits) }
    return b.row(
      name: ctx.name, op: ctx.op.kind.name, latency: pixels - 1 + cycles, fill: cycles,
      ii: pixels)
  }
}
