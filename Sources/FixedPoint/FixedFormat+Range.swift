extension FixedFormat {
  /// The smallest raw value: `−2^(W−1)` for signed formats, 0 for unsigned ones.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<16,6>").minRaw  // -32768
  /// ```
  @inlinable public var minRaw: Int128 { minRaw(as: Int128.self) }

  /// The largest raw value: `2^(W−1) − 1` for signed formats, `2^W − 1` for unsigned ones.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_ufixed<8,0>").maxRaw  // 255
  /// ```
  @inlinable public var maxRaw: Int128 { maxRaw(as: Int128.self) }

  /// Whether overflow saturates to `±max`, leaving out the minimum raw: `AP_SAT_SYM` on a
  /// signed format of at least 2 bits. A signed 1-bit format has the raws −1 and 0, so its
  /// `−max` is 0; the headers saturate it to −1 as `AP_SAT` does (checked with g++), so
  /// there it is not symmetric.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<8,3,AP_TRN,AP_SAT_SYM>").saturatesSymmetrically  // true
  /// try FixedFormat(parsing: "ap_fixed<1,0,AP_TRN,AP_SAT_SYM>").saturatesSymmetrically  // false
  /// ```
  @inlinable public var saturatesSymmetrically: Bool {
    overflow == .saturateSymmetric && isSigned && width > 1
  }

  /// The weight of one LSB, `2^−F`: the step between neighbouring values.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<16,6>").resolution  // 0.0009765625
  /// ```
  public var resolution: Double { Double(sign: .plus, exponent: -fractionBits, significand: 1) }

  /// The most negative value, ``minRaw`` · ``resolution``.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<16,6>").minValue  // -32.0
  /// ```
  public var minValue: Double { toDouble(minRaw) }

  /// The largest value, ``maxRaw`` · ``resolution`` (rounded to `Double` when W > 53).
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_fixed<16,6>").maxValue  // 31.9990234375
  /// ```
  public var maxValue: Double { toDouble(maxRaw) }

  /// Whether `raw` is a raw value of this format (within ``minRaw``...``maxRaw``).
  ///
  /// Kernels keep raws normalised (sign-extended or zero-extended); this checks that.
  ///
  /// ```swift
  /// try FixedFormat(parsing: "ap_ufixed<8,0>").contains(raw: -1)  // false
  /// ```
  @inlinable
  public func contains<Raw: BinaryInteger>(raw: Raw) -> Bool {
    guard let wide = Int128(exactly: raw) else { return false }
    return wide >= minRaw && wide <= maxRaw
  }

  /// ``minRaw`` in `Raw`, which must be at least ``storageWidth`` bits wide.
  @inlinable @inline(__always)
  func minRaw<Raw: FixedWidthInteger & SignedInteger>(as _: Raw.Type) -> Raw {
    isSigned ? Raw(-1) << (width - 1) : 0
  }

  /// ``maxRaw`` in `Raw`, which must be at least ``storageWidth`` bits wide.
  @inlinable @inline(__always)
  func maxRaw<Raw: FixedWidthInteger & SignedInteger>(as _: Raw.Type) -> Raw {
    ~(Raw(-1) << (isSigned ? width - 1 : width))
  }

  /// The low `W` bits of `bits`, sign-extended (signed) or zero-extended (unsigned).
  @inlinable @inline(__always)
  func normalize<Raw: FixedWidthInteger & SignedInteger>(_ bits: Raw) -> Raw {
    if isSigned {
      let unused = Raw.bitWidth - width
      return (bits << unused) >> unused
    }
    return bits & ~(Raw(-1) << width)
  }
}
