/// A planned `+`, `−` or `*` on raws of two known formats, giving the exact raw of the
/// result format the headers use.
///
/// `ap_fixed` arithmetic never rounds: the result format (``FixedFormat/sum(_:_:)`` and
/// friends) holds the exact value, and rounding happens only when it is written into a
/// variable (a ``Requantizer``). Sums align the binary points first; products multiply the
/// raws. The plan computes the shifts once, and refuses results wider than 128 bits.
///
/// | lhs raw (`ap_fixed<18,8>`) | rhs raw (`ap_int<8>`) | kind        | result raw | result format      |
/// |----------------------------|-----------------------|-------------|------------|--------------------|
/// | −1000                      | −128                  | `.add`      | −132072    | `ap_fixed<19,9>`   |
/// | −1000                      | −128                  | `.subtract` | 130072     | `ap_fixed<19,9>`   |
/// | −1000                      | −128                  | `.multiply` | 128000     | `ap_fixed<26,16>`  |
///
/// ```swift
/// let add = try FixedOperation(.add, FixedFormat(parsing: "ap_fixed<18,8>"), FixedFormat(parsing: "ap_int<8>"))
/// add(Int64(-1000), Int64(-128))  // -132072, an ap_fixed<19,9> raw
/// ```
public struct FixedOperation: Hashable, Sendable {
  /// The arithmetic operator, spelled as in C++.
  public enum Kind: String, CaseIterable, Hashable, Sendable {
    /// `a + b`, result format ``FixedFormat/sum(_:_:)``.
    case add = "+"
    /// `a − b`, result format ``FixedFormat/difference(_:_:)``.
    case subtract = "-"
    /// `a * b`, result format ``FixedFormat/product(_:_:)``.
    case multiply = "*"
  }

  /// Which operator this plan computes.
  public let kind: Kind

  /// The format of the left operand's raws.
  public let lhs: FixedFormat

  /// The format of the right operand's raws.
  public let rhs: FixedFormat

  /// The format of the exact result (`AP_TRN`, `AP_WRAP`).
  public let result: FixedFormat

  /// Left shifts aligning each operand to the result's fractional bits (0 for products).
  @usableFromInline let lhsShift: Int
  @usableFromInline let rhsShift: Int

  /// Plans `lhs kind rhs`.
  ///
  /// ```swift
  /// let mul = try FixedOperation(.multiply, FixedFormat(parsing: "ap_fixed<16,6>"), FixedFormat(parsing: "ap_fixed<16,6>"))
  /// mul.result  // ap_fixed<32,12>
  /// ```
  ///
  /// - Throws: ``FixedPointError/resultUnsupported(expression:width:integerBits:isSigned:)``
  ///   when the result format is beyond 128 bits.
  public init(_ kind: Kind, _ lhs: FixedFormat, _ rhs: FixedFormat) throws {
    self.kind = kind
    self.lhs = lhs
    self.rhs = rhs
    switch kind {
    case .add: result = try FixedFormat.sum(lhs, rhs)
    case .subtract: result = try FixedFormat.difference(lhs, rhs)
    case .multiply: result = try FixedFormat.product(lhs, rhs)
    }
    lhsShift = kind == .multiply ? 0 : result.fractionBits - lhs.fractionBits
    rhsShift = kind == .multiply ? 0 : result.fractionBits - rhs.fractionBits
  }

  /// The exact result raw (in ``result``) of the operand raws `a` and `b`.
  ///
  /// Checked arithmetic: the result format is wide enough, so an overflow can only come from
  /// operand raws outside their formats, which is a bug in the caller and traps.
  ///
  /// - Precondition: `Raw.bitWidth >= result.storageWidth`.
  @inlinable @inline(__always)
  public func callAsFunction<Raw: FixedWidthInteger & SignedInteger>(_ a: Raw, _ b: Raw) -> Raw {
    precondition(Raw.bitWidth >= result.storageWidth, "raw type narrower than the result format")
    // The alignment shifts are below the result width, so masking shifts are exact.
    switch kind {
    case .add: return (a &<< lhsShift) + (b &<< rhsShift)
    case .subtract: return (a &<< lhsShift) - (b &<< rhsShift)
    case .multiply: return a * b
    }
  }
}
