extension FixedValue {
  /// `a + b`: the exact sum, in ``FixedFormat/sum(_:_:)``.
  ///
  /// ```swift
  /// let q = try FixedFormat(parsing: "ap_fixed<8,3>")
  /// try (FixedValue(1.5, format: q) + FixedValue(3.5, format: q)).doubleValue  // 5.0 in ap_fixed<9,4>
  /// ```
  ///
  /// - Throws: ``FixedPointError`` when the result format is beyond 128 bits.
  public static func + (a: FixedValue, b: FixedValue) throws -> FixedValue {
    let operation = try FixedOperation(.add, a.format, b.format)
    return FixedValue(checked: operation(a.raw, b.raw), format: operation.result)
  }

  /// `a − b`: the exact difference, in ``FixedFormat/difference(_:_:)`` (always signed).
  ///
  /// - Throws: ``FixedPointError`` when the result format is beyond 128 bits.
  public static func - (a: FixedValue, b: FixedValue) throws -> FixedValue {
    let operation = try FixedOperation(.subtract, a.format, b.format)
    return FixedValue(checked: operation(a.raw, b.raw), format: operation.result)
  }

  /// `a * b`: the exact product, in ``FixedFormat/product(_:_:)``.
  ///
  /// - Throws: ``FixedPointError`` when the result format is beyond 128 bits.
  public static func * (a: FixedValue, b: FixedValue) throws -> FixedValue {
    let operation = try FixedOperation(.multiply, a.format, b.format)
    return FixedValue(checked: operation(a.raw, b.raw), format: operation.result)
  }

  /// `−a`: exact, in ``FixedFormat/negation(_:)``, so `−min` fits.
  ///
  /// - Throws: ``FixedPointError`` when the result format is beyond 128 bits.
  public static prefix func - (a: FixedValue) throws -> FixedValue {
    let result = try FixedFormat.negation(a.format)
    return FixedValue(checked: -a.raw, format: result)
  }

  /// `a / b` as the headers' C model computes it, in ``FixedFormat/quotient(_:_:)``.
  ///
  /// The dividend is shifted left by `max(F2, 0)`, divided with truncation toward zero, and
  /// the quotient wrapped to the C model's width, so `min / −LSB` comes out negative
  /// (`ap_fixed<8,3>` −4.0 / `ap_fixed<6,2>` −0.0625 gives −64.0), as in the C++.
  ///
  /// ```swift
  /// let a = try FixedValue(raw: 37, format: FixedFormat(parsing: "ap_fixed<8,3>"))
  /// let b = try FixedValue(raw: 7, format: FixedFormat(parsing: "ap_fixed<6,2>"))
  /// try (a / b).raw  // 84, i.e. 2.625 in ap_fixed<13,8>
  /// ```
  ///
  /// - Throws: ``FixedPointError/divisionByZero(expression:)``; when the result or the C
  ///   model's intermediate is beyond 128 bits; and for an `ap_int` divided by an `ap_uint`
  ///   or the reverse, whose C promotion rules Etch does not model.
  public static func / (a: FixedValue, b: FixedValue) throws -> FixedValue {
    if a.format.isIntegerType && b.format.isIntegerType && a.format.isSigned != b.format.isSigned {
      throw FixedPointError.mixedSignIntegerDivision(expression: "\(a.format) / \(b.format)")
    }
    let result = try FixedFormat.quotient(a.format, b.format)
    let shift = max(b.format.fractionBits, 0)
    let isSigned = a.format.isSigned || b.format.isSigned
    let width = max(
      a.format.width + shift + (b.format.isSigned && !a.format.isSigned ? 1 : 0),
      b.format.width + (a.format.isSigned && !b.format.isSigned ? 1 : 0))
    guard width + (isSigned ? 0 : 1) <= FixedFormat.maxStorageWidth else {
      throw FixedPointError.intermediateTooWide(
        expression: "\(a.format) / \(b.format)", bits: width + (isSigned ? 0 : 1))
    }
    let model = try FixedFormat(width: width, integerBits: width, isSigned: isSigned)
    guard b.raw != 0 else {
      throw FixedPointError.divisionByZero(expression: "\(a.format) / \(b.format)")
    }
    let (quotient, _) = model.normalize(a.raw << shift)
      .dividedReportingOverflow(by: model.normalize(b.raw))
    return FixedValue(checked: result.normalize(model.normalize(quotient)), format: result)
  }

  /// `a << k`: the raw shifted left, same format (see ``FixedFormat/shiftLeft(_:by:)``).
  public static func << (a: FixedValue, k: Int) -> FixedValue {
    FixedValue(checked: a.format.shiftLeft(a.raw, by: k), format: a.format)
  }

  /// `a >> k`: the raw shifted right, same format (see ``FixedFormat/shiftRight(_:by:)``).
  public static func >> (a: FixedValue, k: Int) -> FixedValue {
    FixedValue(checked: a.format.shiftRight(a.raw, by: k), format: a.format)
  }

  /// `a < b` as the C++ computes it, quirks included (see ``FixedComparison``).
  ///
  /// - Throws: when the aligned operands need more than 128 bits.
  public func isLess(than other: FixedValue) throws -> Bool {
    try FixedComparison(format, other.format).isLess(raw, other.raw)
  }

  /// `a == b` as the C++ computes it, quirks included (see ``FixedComparison``).
  ///
  /// - Throws: when the aligned operands need more than 128 bits.
  public func isEqual(to other: FixedValue) throws -> Bool {
    try FixedComparison(format, other.format).isEqual(raw, other.raw)
  }
}
