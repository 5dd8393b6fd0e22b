import FixedPoint

/// `Q_out(activation(acc))` for four accumulators at once in binary64, for the writes of
/// the ``AccumulationPath/exactFloat64`` path that calibrated and hls4ml-style programs
/// use: no activation or ReLU, and `AP_TRN`, `AP_RND` or `AP_RND_CONV` (or no rounding).
/// The same for a graph input's conversion from float (``InputConversion``).
///
/// Every accumulator is an integer below 2^53 (an input a float), and
/// `x = acc · 2^(F_out − F_acc)` (`x · 2^F`) is exact: a power of two, kept inside
/// binary64's normal range. Rounding uses the binary64 trick `(x + M) − M` with `M = 1.5·2^52`,
/// which rounds half to even for `|x| < 2^51`: that is `AP_RND_CONV`; the floor is that
/// value minus 1 where it exceeds `x`, and `AP_RND` adds 1 to the floor where the part cut
/// (`x − floor`, exact) is at least a half. The raw is then the low bits of `n + M`'s
/// encoding minus `M`'s. A vector whose values are all inside the output's pass band is
/// exactly what `RawWriter` gives (quantisation, then no overflow handling); any other is
/// refused, and the caller writes it one value at a time through the full writer, which
/// also counts the overflows.
struct Float64Write: Sendable {
  /// How `x` becomes an integer: it already is one (`F_out ≥ F_acc`), `AP_TRN`, `AP_RND`,
  /// `AP_RND_CONV`.
  enum Rounding: Sendable {
    case none, floor, halfUp, halfEven
  }

  let rounding: Rounding
  /// `2^(F_out − F_acc)`, or `2^F` for an input.
  let scale: Double
  /// The output's pass band (`RawWriter.low ... high`), at most 2^50 in magnitude.
  let low: Double
  let high: Double
  /// Whether a negative accumulator becomes 0 first (ReLU, which writes 0 for it).
  let rectifies: Bool

  /// `1.5 · 2^52`: added and subtracted, it rounds a double below 2^51 to an integer, and
  /// its encoding plus an integer below 2^51 encodes `M` plus that integer
  /// (`Float64Product.convert`).
  static let magic: Double = 6_755_399_441_055_744

  /// The vector write for `writer`, or nil when its activation or modes need the scalar one.
  init?(_ writer: ActivationWriter) {
    let positive = writer.positive
    let rectifies: Bool
    switch writer.negative {
    case .unchanged: rectifies = false
    case .zero: rectifies = true
    case .scaled: return nil
    }
    guard !positive.signOnly else { return nil }
    let rounding: Rounding
    switch positive.rounding {
    case _ where positive.shift >= 0: rounding = .none
    case .floor: rounding = .floor
    case .halfUp: rounding = .halfUp
    case .halfEven: rounding = .halfEven
    case .general: return nil
    }
    self.init(
      rounding: rounding, shift: positive.shift, low: positive.low, high: positive.high,
      rectifies: rectifies)
  }

  /// The conversion of doubles into `format` (``InputConversion``), or nil when its modes
  /// or its range need the scalar one: `ap_fixed`'s constructor from a double is the
  /// quantisation of the exact `x · 2^F`, then the overflow mode.
  init?(converting format: FixedFormat, low: Int128, high: Int128) {
    let rounding: Rounding
    switch format.quantization {
    case .truncate: rounding = .floor
    case .roundHalfUp: rounding = .halfUp
    case .roundHalfToEven: rounding = .halfEven
    default: return nil
    }
    // `ap_int` has a quirk for small negative values (`FixedFormat.quantize`).
    guard !format.isIntegerType, abs(low) <= 1 << 50, abs(high) <= 1 << 50 else { return nil }
    self.init(
      rounding: rounding, shift: format.fractionBits, low: Int64(low), high: Int64(high),
      rectifies: false)
  }

  /// Values scaled by `2^shift`, rounded, and passed when inside `low ... high`; nil when
  /// the band is wider than 2^50 or the scale could leave binary64's normal range.
  private init?(rounding: Rounding, shift: Int, low: Int64, high: Int64, rectifies: Bool) {
    guard shift > -800, shift < 800, abs(low) <= 1 << 50, abs(high) <= 1 << 50 else {
      return nil
    }
    self.rounding = rounding
    scale = Double(sign: .plus, exponent: shift, significand: 1)
    self.low = Double(low)
    self.high = Double(high)
    self.rectifies = rectifies
  }

  /// The four raws, or nil when one of them is outside the pass band.
  @inline(__always)
  func callAsFunction(_ acc: SIMD4<Double>) -> SIMD4<Int64>? {
    let m = SIMD4<Double>(repeating: Self.magic)
    var v = acc
    if rectifies { v.replace(with: 0, where: v .< 0) }
    let x = v * scale
    // Inside [low − 1, high + 1], |x| < 2^51 and the rounding trick holds.
    guard all((x .>= low - 1) .& (x .<= high + 1)) else { return nil }
    var n: SIMD4<Double>
    switch rounding {
    case .none: n = x
    case .halfEven: n = (x + m) - m
    case .floor, .halfUp:
      let nearest = (x + m) - m
      n = nearest
      n.replace(with: nearest - 1, where: nearest .> x)
      if rounding == .halfUp { n.replace(with: n + 1, where: x - n .>= 0.5) }
    }
    guard all((n .>= low) .& (n .<= high)) else { return nil }
    return unsafeBitCast(n + m, to: SIMD4<Int64>.self)
      &- unsafeBitCast(m, to: SIMD4<Int64>.self)
  }
}
