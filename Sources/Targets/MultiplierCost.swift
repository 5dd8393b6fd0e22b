import FixedPoint

/// What one multiplier of two operand formats costs on a device family.
///
/// The rule (docs/cost-model.md): with signed widths `a ≥ b` (an unsigned operand counts one
/// bit more), the product goes to fabric when `b ≤ lut_max_operand_bits` or
/// `a + b ≤ lut_max_product_bits`, costing `ceil(luts_per_multiplier_bit2 · a · b)` LUTs; it
/// takes one DSP when `a ≤ dsp_a_bits` and `b ≤ dsp_b_bits`, and otherwise
/// `ceil((a−1)/(dsp_a_bits−1)) · ceil((b−1)/(dsp_b_bits−1))` DSPs (partial products of the
/// unsigned magnitudes), one pipeline cycle more.
///
///     // DSP48E2, ap_fixed<16,6> × ap_fixed<8,1>: 16 × 8 fits 27 × 18 → 1 DSP, 3 cycles
public struct MultiplierCost: Sendable, Equatable {
  /// DSP slices per multiplier.
  public var dsp: Int
  /// LUTs per multiplier.
  public var lut: Int
  /// Pipeline cycles of the multiply.
  public var cycles: Int
  /// Bits of the full product, `a + b`.
  public var productBits: Int

  /// Creates a cost; `DeviceFamily.multiplier(_:_:)` computes them.
  public init(dsp: Int, lut: Int, cycles: Int, productBits: Int) {
    self.dsp = dsp
    self.lut = lut
    self.cycles = cycles
    self.productBits = productBits
  }
}

extension DeviceFamily {
  /// The cost of one multiplier of operands in formats `x` and `y` on this family.
  public func multiplier(_ x: FixedFormat, _ y: FixedFormat) -> MultiplierCost {
    multiplier(widths: x.storageWidth, y.storageWidth)
  }

  /// The cost of one multiplier of signed operand widths `p` and `q`.
  public func multiplier(widths p: Int, _ q: Int) -> MultiplierCost {
    let wide = max(p, q)
    let narrow = min(p, q)
    let c = constants
    if narrow <= c.lutMaxOperandBits || wide + narrow <= c.lutMaxProductBits {
      let luts = (c.lutsPerMultiplierBit2 * Double(wide * narrow)).rounded(.up)
      return MultiplierCost(
        dsp: 0, lut: Int(luts), cycles: c.lutMultiplyCycles, productBits: wide + narrow)
    }
    if wide <= dspABits && narrow <= dspBBits {
      return MultiplierCost(
        dsp: 1, lut: 0, cycles: c.dspMultiplyCycles, productBits: wide + narrow)
    }
    let count = ceilDiv(wide - 1, dspABits - 1) * ceilDiv(narrow - 1, dspBBits - 1)
    return MultiplierCost(
      dsp: count, lut: 0, cycles: c.dspMultiplyCycles + 1, productBits: wide + narrow)
  }
}

/// `ceil(a / b)` for non-negative `a` and positive `b`.
func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }

/// Levels of a balanced binary tree over `n` terms: `ceil(log2 n)`, 0 for one term or none.
func treeLevels(_ n: Int) -> Int { n <= 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount }
