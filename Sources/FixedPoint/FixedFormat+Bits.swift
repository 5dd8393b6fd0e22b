extension FixedFormat {
  /// `a << k` in `ap_fixed`: the raw moves left and keeps this format, so high bits are
  /// lost (wrapped) even under `AP_SAT`.
  ///
  /// `k ≥ W` gives 0; a negative `k` shifts right. On `ap_fixed<8,3>`: −37 << 1 is −74,
  /// −37 << 3 is −40, 100 << 1 is −56.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<8,3>").shiftLeft(Int64(100), by: 1)  // -56
  /// ```
  @inlinable
  public func shiftLeft<Raw: FixedWidthInteger & SignedInteger>(_ raw: Raw, by k: Int) -> Raw {
    if k < 0 { return shiftRight(raw, by: -k) }
    if k >= width { return 0 }
    return normalize(raw << k)
  }

  /// `a >> k` in `ap_fixed`: the raw moves right and keeps this format, rounding toward −∞
  /// whatever the quantization mode.
  ///
  /// Arithmetic for signed formats, logical for unsigned ones; `k ≥ W` gives 0 or −1; a
  /// negative `k` shifts left. On `ap_fixed<8,3>`: −37 >> 1 is −19, −100 >> 9 is −1.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<8,3>").shiftRight(Int64(-37), by: 1)  // -19
  /// ```
  @inlinable
  public func shiftRight<Raw: FixedWidthInteger & SignedInteger>(_ raw: Raw, by k: Int) -> Raw {
    if k < 0 { return shiftLeft(raw, by: -k) }
    if k >= width { return raw < 0 ? -1 : 0 }
    return raw >> k
  }

  /// `x.to_int()`: the value truncated toward zero, cut to 32 bits.
  ///
  /// C semantics: −7.5 gives −7 and −0.25 gives 0. With `I = 0` the headers give −1 for
  /// every negative value, and that is reproduced; with `I < 0` they read an uninitialised
  /// value, so Etch refuses. The table is `ap_fixed<8,4>`:
  ///
  /// | raw      | −120 (−7.5) | −116 (−7.25) | −4 (−0.25) | 124 (7.75) | −128 (−8) |
  /// |----------|-------------|--------------|------------|------------|-----------|
  /// | `toInt`  | −7          | −7           | 0          | 7          | −8        |
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<8,4>").toInt(-120)  // -7
  /// ```
  ///
  /// - Throws: ``FixedPointError/integerConversionUndefined(source:)`` when `I < 0`.
  public func toInt(_ raw: Int128) throws -> Int32 {
    Int32(truncatingIfNeeded: try toInt64(raw))
  }

  /// `x.to_int64()`: the value truncated toward zero, cut to 64 bits.
  ///
  /// See ``toInt(_:)``.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<4,8>").toInt64(-7)  // -112
  /// ```
  ///
  /// - Throws: ``FixedPointError/integerConversionUndefined(source:)`` when `I < 0`.
  public func toInt64(_ raw: Int128) throws -> Int64 {
    if integerBits < 0 { throw FixedPointError.integerConversionUndefined(source: self) }
    if integerBits == 0 { return isSigned && raw < 0 ? -1 : 0 }
    if fractionBits <= 0 { return Int64(truncatingIfNeeded: raw << -fractionBits) }
    let truncated = RawConversion.roundedShiftRight(raw, by: fractionBits, .truncateTowardZero)
    return Int64(truncatingIfNeeded: truncated)
  }
}
