/// A planned `acc += a * b` step: exact product, exact sum, then the sum written back into
/// the accumulator's format with its quantization and overflow modes.
///
/// The C++ statement `acc += a * b`, and the place where a narrow accumulator silently
/// changes results (Etch's layers step as `acc = acc + a * b`, FixedIR's `AccumulationStep`,
/// which differs from this only for an `ap_int` accumulator): the headers quantize *each
/// step* into the accumulator type, so summing in a wider type and casting once gives
/// different bits. For
/// `acc` of `ap_fixed<16,6>` and `a`, `b` of `ap_fixed<16,6>`: `a * b` is `ap_fixed<32,12>`,
/// `acc + a * b` is `ap_fixed<33,13>`, and the result goes back to `<16,6>`:
///
/// | acc raw | a raw  | b raw | product raw | acc `<16,6>` (TRN, WRAP) | acc `<16,6,AP_RND,AP_SAT>` |
/// |---------|--------|-------|-------------|--------------------------|----------------------------|
/// | −4323   | 32256  | 1536  | 49545216    | −21475 (wrapped)         | 32767 (saturated)          |
///
/// ```swift
/// let q16 = try FixedFormat(parsing: "ap_fixed<16,6>")
/// let mac = try MultiplyAccumulate(accumulator: q16, lhs: q16, rhs: q16)
/// var acc: Int64 = -4323
/// acc = mac.step(acc, 32256, 1536)  // -21475
/// ```
public struct MultiplyAccumulate: Hashable, Sendable {
  /// The accumulator's format, whose modes quantize every step.
  public let accumulator: FixedFormat

  /// The exact product `a * b`.
  public let product: FixedOperation

  /// The exact sum `acc + a * b`, before it is written back. For an `ap_int` accumulator
  /// and an `ap_fixed` product, the right operand is the product already cut to an integer.
  public let sum: FixedOperation

  /// For an `ap_int` accumulator and an `ap_fixed` product, the conversion the headers apply
  /// to the product first (`to_ap_int_base`: truncation toward zero); nil otherwise.
  @usableFromInline let integerAddend: Requantizer?

  /// Writes the sum back into ``accumulator``.
  @usableFromInline let writeBack: Requantizer

  /// Bits a signed raw type needs for every intermediate: pick `Int64` when this is ≤ 64.
  ///
  /// ```swift
  /// mac.storageWidth  // 33 for <16,6> += <16,6> * <16,6>
  /// ```
  public var storageWidth: Int {
    max(sum.result.storageWidth, product.result.storageWidth, accumulator.storageWidth)
  }

  /// Plans `acc += lhs * rhs` for an accumulator of format `accumulator`.
  ///
  /// An `ap_int` accumulator is special in the headers: `i += x` with an `ap_fixed` `x` adds
  /// `x` truncated toward zero (`3 += −0.99` stays 3), not the exact sum truncated once.
  ///
  /// - Throws: ``FixedPointError`` when the product or the sum needs more than 128 bits, or
  ///   when an `ap_int` accumulator meets a product with `I < 0`, which the headers leave
  ///   undefined.
  public init(accumulator: FixedFormat, lhs: FixedFormat, rhs: FixedFormat) throws {
    self.accumulator = accumulator
    product = try FixedOperation(.multiply, lhs, rhs)
    if accumulator.isIntegerType && !product.result.isIntegerType {
      let addend = try FixedFormat(
        integerWidth: accumulator.width, isSigned: accumulator.isSigned)
      integerAddend = try Requantizer(from: product.result, to: addend)
      sum = try FixedOperation(.add, accumulator, addend)
    } else {
      integerAddend = nil
      sum = try FixedOperation(.add, accumulator, product.result)
    }
    writeBack = try Requantizer(from: sum.result, to: accumulator)
  }

  /// One step: the accumulator raw after `acc += a * b`.
  ///
  /// Allocation-free; the product and the sum are exact (checked arithmetic: they fit by
  /// construction), and the write-back wraps or saturates as the accumulator's mode says.
  ///
  /// - Precondition: `Raw.bitWidth >= storageWidth`.
  @inlinable @inline(__always)
  public func step<Raw: FixedWidthInteger & SignedInteger>(
    _ acc: Raw, _ a: Raw, _ b: Raw
  ) -> Raw {
    let exact = product(a, b)
    if let integerAddend { return writeBack(sum(acc, integerAddend(exact))) }
    return writeBack(sum(acc, exact))
  }
}
