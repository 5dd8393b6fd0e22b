/// Accumulates one op's resources under the family's constants, rounding LUTs and FFs once.
struct RowBuilder {
  /// The constants in force.
  let constants: CostConstants
  /// Multiplications per frame after pruning.
  var products = 0
  /// Multiplier instances.
  var multipliers = 0
  /// DSP slices.
  var dsp = 0
  /// LUTs, unrounded.
  var luts = 0.0
  /// Flip-flops, unrounded.
  var ffs = 0.0
  /// 18 Kb block RAMs.
  var bram18 = 0

  init(_ constants: CostConstants) { self.constants = constants }

  /// `count` multipliers of cost `m`; a fabric product is registered in FFs, a DSP product
  /// inside the slice.
  mutating func multipliers(_ count: Int, _ m: MultiplierCost) {
    multipliers += count
    dsp += count * m.dsp
    luts += Double(count * m.lut)
    if m.dsp == 0 { ffs += Double(count * m.productBits) }
  }

  /// `count` adders of `bits`; a register every `adder_levels_per_cycle` levels.
  mutating func adders(_ count: Int, bits: Int) {
    luts += Double(count * bits) * constants.lutsPerAdderBit
    ffs += Double(count * bits) / Double(constants.adderLevelsPerCycle)
  }

  /// `count` comparators or selects of `bits` (max, ReLU).
  mutating func comparators(_ count: Int, bits: Int) {
    luts += Double(count * bits) * constants.lutsPerComparatorBit
  }

  /// `count` registered outputs of `bits`.
  mutating func outputRegisters(_ count: Int, bits: Int) {
    ffs += Double(count * bits)
  }

  /// A read-only memory of `bits`, read `readBits` per cycle: LUT ROM when small, BRAM18
  /// (enough for the capacity and for the read width over two ports) when large.
  mutating func rom(bits: Int, readBits: Int) {
    if bits <= constants.lutromMaxBits {
      luts += Double(ceilDiv(bits, constants.lutromBitsPerLUT))
    } else {
      bram18 += max(
        ceilDiv(bits, constants.bram18Bits), ceilDiv(readBits, 2 * constants.bram18PortBits))
    }
  }

  /// A line buffer of `rows` rows of `width` pixels of `pixelBits`: shift registers in LUTs
  /// when small, else one BRAM18 column per row, as wide as a pixel and as deep as a row.
  mutating func lineBuffer(rows: Int, width: Int, pixelBits: Int) {
    let bits = rows * width * pixelBits
    guard bits > 0 else { return }
    if bits <= constants.lutromMaxBits {
      luts += Double(ceilDiv(bits, constants.shiftRegisterBitsPerLUT))
    } else {
      let depth = constants.bram18Bits / constants.bram18PortBits
      bram18 += rows * ceilDiv(pixelBits, constants.bram18PortBits) * ceilDiv(width, depth)
    }
  }

  /// `lanes` parallel reads of a table of `entries` of `bits`: each lane its own LUT ROM
  /// when small, else one BRAM per two lanes (dual port). Returns the read latency.
  mutating func table(entries: Int, bits: Int, lanes: Int) -> Int {
    let size = entries * bits
    if size <= constants.lutromMaxBits {
      luts += Double(lanes * ceilDiv(entries, constants.lutromBitsPerLUT) * bits)
      return 1
    }
    bram18 += ceilDiv(lanes, 2) * ceilDiv(size, constants.bram18Bits)
    return constants.tableReadCycles
  }

  /// The finished row.
  func row(
    name: String, op: String, latency: Int, fill: Int? = nil, ii: Int
  ) -> CostRow {
    CostRow(
      name: name, op: op, products: products, multipliers: multipliers,
      resources: ResourceUsage(
        dsp: dsp, lut: Int(luts.rounded(.up)), ff: Int(ffs.rounded(.up)), bram18: bram18),
      latencyCycles: latency, fillCycles: fill ?? latency, ii: ii)
  }
}
