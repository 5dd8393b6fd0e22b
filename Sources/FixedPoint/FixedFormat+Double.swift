extension FixedFormat {
  /// The raw value `ap_fixed`'s constructor stores for `x`: exact, then this format's
  /// quantization and overflow.
  ///
  /// No floating-point rounding takes place: `x` is split into `m · 2^e` and converted as an
  /// exact rational, even when the format has more bits than a `Double` (W up to 128). The
  /// headers' treatment of special values is reproduced:
  ///
  /// | x            | `ap_fixed` (any Q), AP_WRAP | AP_SAT       | `ap_int`/`ap_uint`   |
  /// |--------------|-----------------------------|--------------|----------------------|
  /// | ±0           | 0                           | 0            | 0                    |
  /// | +∞, +NaN     | 0 (2^1024 wraps)            | ``maxRaw``   | 0                    |
  /// | −∞, −NaN     | 0                           | ``minRaw``   | 0                    |
  /// | −1e−9        | −1 under AP_TRN, else 0     | same         | **1** (header quirk) |
  ///
  /// Subnormals are read as `(1.frac) · 2^−1023`, as the headers do. Writing into an
  /// `ap_int` truncates toward zero and wraps (`ap_int<8>(300.7)` is 44), except that the
  /// headers turn every value in (−0.5, 0) into +1.
  ///
  /// ```swift
  /// let f = try FixedFormat(parsing: "ap_fixed<16,6>")
  /// f.quantize(-1.3)  // -1332: AP_TRN floors, so the value is -1.30078125
  /// f.quantize(32.0)  // -32768: AP_WRAP
  /// ```
  ///
  /// - Precondition: ``fitsInt64``; use ``quantize(_:as:)`` with `Int128` for wider formats.
  @inlinable
  public func quantize(_ x: Double) -> Int64 {
    quantize(x, as: Int64.self)
  }

  /// The raw value `ap_fixed`'s constructor stores for `x`, in a raw type of your choice.
  ///
  /// See ``quantize(_:)``; this form serves formats wider than 64 bits and kernels that
  /// store raws in `Int32` or `Int16`.
  ///
  /// ```swift
  /// let wide = try FixedFormat(parsing: "ap_fixed<80,8>")
  /// wide.quantize(0.1, as: Int128.self)  // 472236648286964547584 (the double 0.1, exactly)
  /// ```
  ///
  /// - Precondition: `Raw.bitWidth >= storageWidth`.
  @inlinable
  public func quantize<Raw: FixedWidthInteger & SignedInteger>(
    _ x: Double, as _: Raw.Type
  ) -> Raw {
    precondition(Raw.bitWidth >= storageWidth, "raw type narrower than the format")
    if x == 0 { return 0 }
    if isIntegerType {
      if !x.isFinite { return 0 }
      if x < 0 && x > -0.5 { return normalize(Raw(1)) }
    }
    let bits = x.bitPattern
    let exponentField = Int(truncatingIfNeeded: (bits >> 52) & 0x7ff)
    let magnitude = Int64(truncatingIfNeeded: (bits & 0x000f_ffff_ffff_ffff) | (1 << 52))
    let m = bits >> 63 == 0 ? magnitude : -magnitude
    // x = m · 2^e: normals, subnormals read as if the exponent field were 1 below normal,
    // and ∞/NaN read as exponent 1024, all as in the headers.
    let e: Int
    switch exponentField {
    case 0: e = -1023 - 52
    case 0x7ff: e = 1024 - 52
    default: e = exponentField - 1023 - 52
    }
    if fitsInt64 {
      return Raw(truncatingIfNeeded: RawConversion.convert(m, shift: fractionBits + e, into: self))
    }
    return Raw(
      truncatingIfNeeded: RawConversion.convert(Int128(m), shift: fractionBits + e, into: self))
  }

  /// The value of `raw` as a `Double`, as `to_double()` computes it.
  ///
  /// Exact when the raw has at most 53 significant bits (every W ≤ 53 format); otherwise
  /// rounded once, to nearest with ties to even.
  ///
  /// `ap_int`/`ap_uint` wider than 64 bits convert only their low 64 bits in the headers
  /// (`ap_uint<70>` holding `2^69 + 1` gives 1.0); that is reproduced.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<16,6>").toDouble(-1332)  // -1.30078125
  /// ```
  @inlinable
  public func toDouble<Raw: BinaryInteger>(_ raw: Raw) -> Double {
    if isIntegerType && width > 64 {
      return isSigned
        ? Double(Int64(truncatingIfNeeded: raw)) : Double(UInt64(truncatingIfNeeded: raw))
    }
    return Double(sign: .plus, exponent: -fractionBits, significand: Double(raw))
  }

  /// The value of `raw` as a `Float`, as `to_float()` computes it: rounded once, directly
  /// from the exact value.
  ///
  /// This can differ from `Float(toDouble(raw))`, which rounds twice: raw `2^62 + 2^38 + 4`
  /// of `ap_fixed<64,2>` gives `0x1.000002p+0` here and `0x1p+0` through `Double`. Values
  /// beyond `Float`'s normal range become ∞ or subnormal here; the headers do not handle them.
  /// Integer types wider than 64 bits convert their low 64 bits, as ``toDouble(_:)``.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<16,6>").toFloat(-1332)  // -1.30078125
  /// ```
  @inlinable
  public func toFloat<Raw: BinaryInteger>(_ raw: Raw) -> Float {
    if isIntegerType && width > 64 {
      return isSigned
        ? Float(Int64(truncatingIfNeeded: raw)) : Float(UInt64(truncatingIfNeeded: raw))
    }
    return Float(sign: .plus, exponent: -fractionBits, significand: Float(raw))
  }
}
