/// A raw value together with its format: one `ap_fixed` variable, for tests and tooling.
///
/// Kernels work on bare raws with formats known once (``Requantizer``, ``FixedOperation``,
/// ``MultiplyAccumulate``); this type trades that speed for convenience. Its operators
/// follow the headers: `+`, `−`, `*`, `/` and unary `−` give exact results in the result
/// formats of ``FixedFormat/sum(_:_:)`` and friends, and ``converted(to:)`` is assignment.
/// They throw only when a result format is beyond 128 bits.
///
/// ```swift
/// let q = try FixedFormat(parsing: "ap_fixed<16,6>")
/// let a = FixedValue(1.5, format: q)
/// let p = try a * a            // 2.25 as ap_fixed<32,12>
/// let r = try p.converted(to: q)  // raw 2304
/// ```
public struct FixedValue: Hashable, Sendable {
  /// The two's-complement raw (plain for unsigned formats); the value is `raw · 2^−F`.
  public let raw: Int128

  /// The format the raw belongs to.
  public let format: FixedFormat

  /// A value from its raw, which must lie within the format's raw range.
  ///
  /// ```swift
  /// try FixedValue(raw: -37, format: FixedFormat(parsing: "ap_fixed<8,3>"))  // -1.15625
  /// ```
  ///
  /// - Throws: ``FixedPointError/rawOutOfRange(raw:format:)``.
  public init(raw: Int128, format: FixedFormat) throws {
    guard format.contains(raw: raw) else {
      throw FixedPointError.rawOutOfRange(raw: raw, format: format)
    }
    self.raw = raw
    self.format = format
  }

  /// A value from the low `W` bits of `bits`, as `x.V = bits` does in C++.
  ///
  /// ```swift
  /// FixedValue(bitPattern: 255, format: try FixedFormat(parsing: "ap_fixed<8,3>")).raw  // -1
  /// ```
  public init(bitPattern bits: Int128, format: FixedFormat) {
    self.raw = format.normalize(bits)
    self.format = format
  }

  /// The value `ap_fixed`'s constructor makes of `x` (see ``FixedFormat/quantize(_:)``).
  ///
  /// ```swift
  /// FixedValue(-1.3, format: try FixedFormat(parsing: "ap_fixed<16,6>")).raw  // -1332
  /// ```
  public init(_ x: Double, format: FixedFormat) {
    self.raw = format.quantize(x, as: Int128.self)
    self.format = format
  }

  /// The value written into a variable of `target`: `target y = x;`.
  ///
  /// ```swift
  /// let x = FixedValue(2.5, format: try FixedFormat(parsing: "ap_fixed<16,6>"))
  /// try x.converted(to: FixedFormat(parsing: "ap_fixed<4,2,AP_TRN,AP_SAT>")).raw  // 7
  /// ```
  ///
  /// - Throws: as ``Requantizer/init(from:to:)``.
  public func converted(to target: FixedFormat) throws -> FixedValue {
    let plan = try Requantizer(from: format, to: target)
    return FixedValue(checked: plan(raw), format: target)
  }

  /// The value as a `Double`, as `to_double()` computes it.
  public var doubleValue: Double { format.toDouble(raw) }

  /// The value as a `Float`, as `to_float()` computes it.
  public var floatValue: Float { format.toFloat(raw) }

  /// A value whose raw is known to fit its format.
  init(checked raw: Int128, format: FixedFormat) {
    self.raw = raw
    self.format = format
  }
}

extension FixedValue: CustomStringConvertible {
  /// The value, its raw and its format, such as `-1.15625 (raw -37, ap_fixed<8,3>)`.
  ///
  /// The decimal is the `Double` value, exact for W ≤ 53; compare raws, not text.
  public var description: String {
    "\(doubleValue) (raw \(raw), \(format))"
  }
}
