extension FixedFormat {
  /// The format of `a + b` in `ap_fixed`: wide enough that the sum is exact.
  ///
  /// With `Imax = max(I1 + (S2 && !S1), I2 + (S1 && !S2))` (an unsigned operand gains a bit
  /// next to a signed one): `I = Imax + 1`, `F = max(F1, F2)`, signed if either operand is.
  /// Like every arithmetic result, it has `AP_TRN`/`AP_WRAP`, whatever the operands' modes;
  /// the modes that matter are those of the variable the sum is written into. Two `ap_int`s
  /// give an `ap_int`; an `ap_int` with an `ap_fixed` counts as `ap_fixed<W,W>` (so do C
  /// integer constants: `int` is `ap_int<32>`).
  ///
  /// | a                | b                 | a + b            |
  /// |------------------|-------------------|------------------|
  /// | `ap_fixed<8,3>`  | `ap_fixed<6,2>`   | `ap_fixed<9,4>`  |
  /// | `ap_fixed<8,3>`  | `ap_ufixed<8,2>`  | `ap_fixed<10,4>` |
  /// | `ap_fixed<16,6>` | `ap_fixed<32,12>` | `ap_fixed<33,13>`|
  /// | `ap_int<8>`      | `ap_uint<8>`      | `ap_int<10>`     |
  ///
  /// ```swift
  /// try FixedFormat.sum(FixedFormat(parsing: "ap_fixed<8,3>"), FixedFormat(parsing: "ap_fixed<6,2>"))
  /// // ap_fixed<9,4>
  /// ```
  ///
  /// - Throws: ``FixedPointError/resultUnsupported(expression:width:integerBits:isSigned:)``
  ///   when the result is wider than 128 bits or its `I` is out of range.
  public static func sum(_ a: FixedFormat, _ b: FixedFormat) throws -> FixedFormat {
    let integerBits = alignedIntegerBits(a, b) + 1
    return try result(
      width: integerBits + max(a.fractionBits, b.fractionBits), integerBits: integerBits,
      isSigned: a.isSigned || b.isSigned, integerType: a.isIntegerType && b.isIntegerType,
      expression: "\(a) + \(b)")
  }

  /// The format of `a − b` in `ap_fixed`: the shape of ``sum(_:_:)``, but always signed.
  ///
  /// `ap_ufixed<8,4> − ap_ufixed<8,4>` is `ap_fixed<9,5>`.
  ///
  /// ```swift
  /// try FixedFormat.difference(FixedFormat(parsing: "ap_ufixed<8,4>"), FixedFormat(parsing: "ap_ufixed<8,4>"))
  /// // ap_fixed<9,5>
  /// ```
  ///
  /// - Throws: as ``sum(_:_:)``.
  public static func difference(_ a: FixedFormat, _ b: FixedFormat) throws -> FixedFormat {
    let integerBits = alignedIntegerBits(a, b) + 1
    return try result(
      width: integerBits + max(a.fractionBits, b.fractionBits), integerBits: integerBits,
      isSigned: true, integerType: a.isIntegerType && b.isIntegerType,
      expression: "\(a) - \(b)")
  }

  /// The format of `a * b` in `ap_fixed`: `W = W1 + W2`, `I = I1 + I2`, so the product of the
  /// raws is exact.
  ///
  /// | a                | b                 | a * b              |
  /// |------------------|-------------------|--------------------|
  /// | `ap_fixed<16,6>` | `ap_fixed<16,6>`  | `ap_fixed<32,12>`  |
  /// | `ap_fixed<8,3>`  | `ap_fixed<6,2>`   | `ap_fixed<14,5>`   |
  /// | `ap_fixed<18,8>` | `ap_uint<8>`      | `ap_fixed<26,16>`  |
  ///
  /// ```swift
  /// try FixedFormat.product(FixedFormat(parsing: "ap_fixed<16,6>"), FixedFormat(parsing: "ap_fixed<16,6>"))
  /// // ap_fixed<32,12>
  /// ```
  ///
  /// - Throws: as ``sum(_:_:)``; two 64-bit signed operands still fit.
  public static func product(_ a: FixedFormat, _ b: FixedFormat) throws -> FixedFormat {
    try result(
      width: a.width + b.width, integerBits: a.integerBits + b.integerBits,
      isSigned: a.isSigned || b.isSigned, integerType: a.isIntegerType && b.isIntegerType,
      expression: "\(a) * \(b)")
  }

  /// The format of `a / b` in `ap_fixed`: `W = S2 + W1 + max(F2, 0)`, `I = S2 + I1 + F2`.
  ///
  /// The quotient keeps `F1` fractional bits when `F2 ≥ 0` and is truncated toward zero;
  /// `ap_fixed<8,3> / ap_fixed<6,2>` is `ap_fixed<13,8>`.
  ///
  /// ```swift
  /// try FixedFormat.quotient(FixedFormat(parsing: "ap_fixed<8,3>"), FixedFormat(parsing: "ap_fixed<6,2>"))
  /// // ap_fixed<13,8>
  /// ```
  ///
  /// - Throws: as ``sum(_:_:)``.
  public static func quotient(_ a: FixedFormat, _ b: FixedFormat) throws -> FixedFormat {
    let signBit = b.isSigned ? 1 : 0
    return try result(
      width: signBit + a.width + max(b.fractionBits, 0),
      integerBits: signBit + a.integerBits + b.fractionBits,
      isSigned: a.isSigned || b.isSigned, integerType: a.isIntegerType && b.isIntegerType,
      expression: "\(a) / \(b)")
  }

  /// The format of `−a` in `ap_fixed`: `ap_fixed<W+1, I+1>`, so that `−min` fits.
  ///
  /// An `ap_int<W>` gives `ap_int<max(W, 1 + S) + 1>` (the headers compute `0 − a`), which
  /// differs only for `ap_int<1>`.
  ///
  /// ```swift
  /// try FixedFormat.negation(FixedFormat(parsing: "ap_ufixed<8,3>"))  // ap_fixed<9,4>
  /// ```
  ///
  /// - Throws: as ``sum(_:_:)``.
  public static func negation(_ a: FixedFormat) throws -> FixedFormat {
    let width = a.isIntegerType ? max(a.width, a.isSigned ? 2 : 1) + 1 : a.width + 1
    let integerBits = a.isIntegerType ? width : a.integerBits + 1
    return try result(
      width: width, integerBits: integerBits, isSigned: true, integerType: a.isIntegerType,
      expression: "-\(a)")
  }

  /// The larger integer part of the operands, counting the bit an unsigned one gains
  /// next to a signed one.
  static func alignedIntegerBits(_ a: FixedFormat, _ b: FixedFormat) -> Int {
    max(
      a.integerBits + (b.isSigned && !a.isSigned ? 1 : 0),
      b.integerBits + (a.isSigned && !b.isSigned ? 1 : 0))
  }

  /// A format with the given shape and `AP_TRN`/`AP_WRAP`, as arithmetic results have.
  static func result(
    width: Int, integerBits: Int, isSigned: Bool, integerType: Bool,
    expression: @autoclosure () -> String
  ) throws -> FixedFormat {
    do {
      if integerType {
        return try FixedFormat(integerWidth: width, isSigned: isSigned)
      }
      return try FixedFormat(width: width, integerBits: integerBits, isSigned: isSigned)
    } catch {
      throw FixedPointError.resultUnsupported(
        expression: expression(), width: width, integerBits: integerBits, isSigned: isSigned)
    }
  }
}
