/// A planned comparison between raws of two formats, with the headers' exact semantics.
///
/// `ap_fixed` compares after aligning the binary points, which is exact, except for one
/// quirk inherited from C's integer promotions: when the signedness differs, either aligned
/// operand has 32 bits or more, and the unsigned one is at least as wide as the signed one,
/// `<`, `>`, `<=` and `>=` compare both as unsigned numbers, so a negative value looks huge.
/// `==` and `!=` always compare modulo `2^max(wa, wb, 32)`. ``isExact`` tells whether the
/// quirk can apply, so a code generator can avoid such comparisons.
///
/// | lhs                   | rhs                    | values      | `<`   | `==`  | exact? |
/// |-----------------------|------------------------|-------------|-------|-------|--------|
/// | `ap_fixed<8,3>` −37   | `ap_ufixed<8,2>` 10    | −1.16, 0.04 | true  | false | yes    |
/// | `ap_int<32>` −1       | `ap_uint<32>` 1        | −1, 1       | false | false | no     |
/// | `ap_fixed<33,1>` −16  | `ap_ufixed<31,3>` 2^31−1 | ≈0, ≈8    | false | true  | no     |
///
/// ```swift
/// let c = try FixedComparison(FixedFormat(parsing: "ap_int<32>"), FixedFormat(parsing: "ap_uint<32>"))
/// c.isLess(-1, 1)  // false, as in the C++
/// ```
public struct FixedComparison: Hashable, Sendable {
  /// The format of the left operand's raws.
  public let lhs: FixedFormat

  /// The format of the right operand's raws.
  public let rhs: FixedFormat

  /// Whether every comparison is mathematically exact (the C-rules quirk cannot apply).
  public let isExact: Bool

  /// Left shifts aligning each operand to the finer binary point.
  @usableFromInline let lhsShift: Int
  @usableFromInline let rhsShift: Int
  /// Mask of the bits the order comparisons read as unsigned, or nil when they are exact.
  @usableFromInline let orderMask: UInt128?
  /// Mask of the bits equality reads.
  @usableFromInline let equalityMask: UInt128

  /// Plans comparisons between raws of `lhs` and of `rhs`.
  ///
  /// - Throws: ``FixedPointError/intermediateTooWide(expression:bits:)`` when the aligned
  ///   operands need more than 128 bits.
  public init(_ lhs: FixedFormat, _ rhs: FixedFormat) throws {
    self.lhs = lhs
    self.rhs = rhs
    let fraction = max(lhs.fractionBits, rhs.fractionBits)
    lhsShift = fraction - lhs.fractionBits
    rhsShift = fraction - rhs.fractionBits
    // Widths of the aligned operands, as ap_fixed_base's comparison operators build them.
    let lhsWidth: Int
    let rhsWidth: Int
    if lhs.fractionBits == rhs.fractionBits {
      (lhsWidth, rhsWidth) = (lhs.width, rhs.width)
    } else if lhs.fractionBits > rhs.fractionBits {
      (lhsWidth, rhsWidth) = (lhs.width, rhs.width + rhsShift)
    } else {
      (lhsWidth, rhsWidth) = (lhs.width + lhsShift + 1, rhs.width)
    }
    let mixed = lhs.isSigned != rhs.isSigned
    let orderBits = max(lhsWidth, rhsWidth) + (mixed ? 1 : 0)
    let equalityBits = max(lhsWidth, rhsWidth, 32)
    let needed = max(
      orderBits, equalityBits, lhs.storageWidth + lhsShift, rhs.storageWidth + rhsShift)
    guard needed <= FixedFormat.maxStorageWidth else {
      throw FixedPointError.intermediateTooWide(
        expression: "comparing \(lhs) with \(rhs)", bits: needed)
    }
    let (signedWidth, unsignedWidth) = lhs.isSigned ? (lhsWidth, rhsWidth) : (rhsWidth, lhsWidth)
    let unsignedOrder = mixed && max(lhsWidth, rhsWidth) >= 32 && unsignedWidth >= signedWidth
    orderMask = unsignedOrder ? Self.mask(orderBits) : nil
    equalityMask = Self.mask(equalityBits)
    // Equality is exact unless a negative value can meet an unsigned one as wide as the mask.
    let equalityExact = !mixed || unsignedWidth < equalityBits
    isExact = !unsignedOrder && equalityExact
  }

  /// `a < b` as the C++ computes it.
  @inlinable
  public func isLess<Raw: FixedWidthInteger & SignedInteger>(_ a: Raw, _ b: Raw) -> Bool {
    let (x, y) = aligned(a, b)
    guard let mask = orderMask else { return x < y }
    return UInt128(truncatingIfNeeded: x) & mask < UInt128(truncatingIfNeeded: y) & mask
  }

  /// `a > b` as the C++ computes it.
  @inlinable
  public func isGreater<Raw: FixedWidthInteger & SignedInteger>(_ a: Raw, _ b: Raw) -> Bool {
    let (x, y) = aligned(a, b)
    guard let mask = orderMask else { return x > y }
    return UInt128(truncatingIfNeeded: x) & mask > UInt128(truncatingIfNeeded: y) & mask
  }

  /// `a <= b` as the C++ computes it.
  @inlinable
  public func isLessOrEqual<Raw: FixedWidthInteger & SignedInteger>(_ a: Raw, _ b: Raw) -> Bool {
    !isGreater(a, b)
  }

  /// `a >= b` as the C++ computes it.
  @inlinable
  public func isGreaterOrEqual<Raw: FixedWidthInteger & SignedInteger>(_ a: Raw, _ b: Raw) -> Bool {
    !isLess(a, b)
  }

  /// `a == b` as the C++ computes it.
  @inlinable
  public func isEqual<Raw: FixedWidthInteger & SignedInteger>(_ a: Raw, _ b: Raw) -> Bool {
    let (x, y) = aligned(a, b)
    return UInt128(truncatingIfNeeded: x) & equalityMask
      == UInt128(truncatingIfNeeded: y) & equalityMask
  }

  /// `a != b` as the C++ computes it.
  @inlinable
  public func isNotEqual<Raw: FixedWidthInteger & SignedInteger>(_ a: Raw, _ b: Raw) -> Bool {
    !isEqual(a, b)
  }

  @inlinable
  func aligned<Raw: FixedWidthInteger & SignedInteger>(
    _ a: Raw, _ b: Raw
  ) -> (Int128, Int128) {
    (Int128(a) << lhsShift, Int128(b) << rhsShift)
  }

  private static func mask(_ bits: Int) -> UInt128 {
    bits >= 128 ? ~0 : ~(UInt128.max << bits)
  }
}
