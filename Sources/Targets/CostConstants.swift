/// The calibration constants of the cost model for one device family.
///
/// Every number the cost model uses lives here, read from `targets/families.json`, so that
/// it can be re-calibrated from a real synthesis report without touching code.
/// docs/cost-model.md states the rule each constant enters and where its default comes from.
public struct CostConstants: Sendable, Equatable {
  /// A product goes to LUTs when either operand is at most this many bits (signed width).
  public var lutMaxOperandBits: Int
  /// A product also goes to LUTs when the two operand widths add up to at most this.
  public var lutMaxProductBits: Int
  /// LUTs of one fabric multiplier per bit²: `ceil(k · w_a · w_b)`.
  public var lutsPerMultiplierBit2: Double
  /// LUTs per bit of one adder (a carry chain).
  public var lutsPerAdderBit: Double
  /// LUTs per bit of one comparator or select (max, ReLU).
  public var lutsPerComparatorBit: Double
  /// Bits of one 18 Kb block RAM.
  public var bram18Bits: Int
  /// Widest port of one 18 Kb block RAM, in bits.
  public var bram18PortBits: Int
  /// ROMs and buffers of at most this many bits are built from LUTs, larger ones from BRAM.
  public var lutromMaxBits: Int
  /// Bits of ROM per LUT (a LUT6 is a 64×1 ROM).
  public var lutromBitsPerLUT: Int
  /// Bits of shift register per LUT (SRL32).
  public var shiftRegisterBitsPerLUT: Int
  /// Pipeline stages of a DSP multiply (input, multiplier and product registers).
  public var dspMultiplyCycles: Int
  /// Pipeline stages of a fabric multiply.
  public var lutMultiplyCycles: Int
  /// Adder-tree levels that fit in one clock cycle at the default clock.
  public var adderLevelsPerCycle: Int
  /// Cycles of one table lookup (registered BRAM read).
  public var tableReadCycles: Int
  /// Fixed cycles per layer (reading the input, registering the output).
  public var layerOverheadCycles: Int

  /// Creates a set of constants; `families.json` is the usual source.
  public init(
    lutMaxOperandBits: Int, lutMaxProductBits: Int, lutsPerMultiplierBit2: Double,
    lutsPerAdderBit: Double, lutsPerComparatorBit: Double, bram18Bits: Int,
    bram18PortBits: Int, lutromMaxBits: Int, lutromBitsPerLUT: Int,
    shiftRegisterBitsPerLUT: Int, dspMultiplyCycles: Int, lutMultiplyCycles: Int,
    adderLevelsPerCycle: Int, tableReadCycles: Int, layerOverheadCycles: Int
  ) {
    self.lutMaxOperandBits = lutMaxOperandBits
    self.lutMaxProductBits = lutMaxProductBits
    self.lutsPerMultiplierBit2 = lutsPerMultiplierBit2
    self.lutsPerAdderBit = lutsPerAdderBit
    self.lutsPerComparatorBit = lutsPerComparatorBit
    self.bram18Bits = bram18Bits
    self.bram18PortBits = bram18PortBits
    self.lutromMaxBits = lutromMaxBits
    self.lutromBitsPerLUT = lutromBitsPerLUT
    self.shiftRegisterBitsPerLUT = shiftRegisterBitsPerLUT
    self.dspMultiplyCycles = dspMultiplyCycles
    self.lutMultiplyCycles = lutMultiplyCycles
    self.adderLevelsPerCycle = adderLevelsPerCycle
    self.tableReadCycles = tableReadCycles
    self.layerOverheadCycles = layerOverheadCycles
  }
}

extension CostConstants {
  /// The JSON field of each constant, in `families.json` order.
  static let fieldNames = [
    "lut_max_operand_bits", "lut_max_product_bits", "luts_per_multiplier_bit2",
    "luts_per_adder_bit", "luts_per_comparator_bit", "bram18_bits", "bram18_port_bits",
    "lutrom_max_bits", "lutrom_bits_per_lut", "shift_register_bits_per_lut",
    "dsp_multiply_cycles", "lut_multiply_cycles", "adder_levels_per_cycle",
    "table_read_cycles", "layer_overhead_cycles",
  ]

  /// Reads the constants from a family object.
  init(reading r: FieldReader) throws(TargetError) {
    self.init(
      lutMaxOperandBits: try r.integer("lut_max_operand_bits", minimum: 0),
      lutMaxProductBits: try r.integer("lut_max_product_bits", minimum: 0),
      lutsPerMultiplierBit2: try r.positiveNumber("luts_per_multiplier_bit2"),
      lutsPerAdderBit: try r.positiveNumber("luts_per_adder_bit"),
      lutsPerComparatorBit: try r.positiveNumber("luts_per_comparator_bit"),
      bram18Bits: try r.integer("bram18_bits"),
      bram18PortBits: try r.integer("bram18_port_bits"),
      lutromMaxBits: try r.integer("lutrom_max_bits", minimum: 0),
      lutromBitsPerLUT: try r.integer("lutrom_bits_per_lut"),
      shiftRegisterBitsPerLUT: try r.integer("shift_register_bits_per_lut"),
      dspMultiplyCycles: try r.integer("dsp_multiply_cycles"),
      lutMultiplyCycles: try r.integer("lut_multiply_cycles"),
      adderLevelsPerCycle: try r.integer("adder_levels_per_cycle"),
      tableReadCycles: try r.integer("table_read_cycles"),
      layerOverheadCycles: try r.integer("layer_overhead_cycles", minimum: 0))
  }
}
