/// A planned conversion of raw values into one format: the Simulator's hot path.
///
/// Writing a value into a variable (`out_t y = acc;`) quantizes it by the target's
/// ``QuantizationMode`` and resolves overflow by its ``OverflowMode``. The plan is made once,
/// when formats are known, and then applied per element without allocation, in whatever
/// signed integer type the kernel stores raws in (`Int32`, `Int64`, `Int128`): no `Int128`
/// arithmetic happens unless the caller asks for it.
///
/// | source raw (`ap_fixed<10,5>`) |   6 |  10 |  −6 | −10 | 511  |
/// |-------------------------------|-----|-----|-----|-----|------|
/// | → `ap_fixed<8,5>` (AP_TRN)    |   1 |   2 |  −2 |  −3 | 127  |
/// | → `ap_fixed<8,5,AP_RND>`      |   2 |   3 |  −1 |  −2 | −128 |
/// | → `ap_fixed<8,5,AP_RND_CONV>` |   2 |   2 |  −2 |  −2 | −128 |
/// | → `ap_fixed<8,5,AP_RND,AP_SAT>` | 2 |   3 |  −1 |  −2 | 127  |
///
/// Rounding can carry into overflow (511 → 128 → wraps to −128), exactly as in the headers.
///
/// ```swift
/// let narrow = Requantizer(
///   fractionBits: 20, to: try FixedFormat(parsing: "ap_fixed<16,6,AP_RND,AP_SAT>"))
/// let y: Int64 = narrow(product)  // an ap_fixed<32,12> raw, rounded and saturated to <16,6>
/// ```
public struct Requantizer: Hashable, Sendable {
  /// Fractional bits `F` of the raws this plan reads.
  public let sourceFractionBits: Int

  /// The format written into, whose modes decide rounding and overflow.
  public let target: FixedFormat

  /// `F_target − F_source`: positive shifts left, negative rounds away bits.
  @usableFromInline let shift: Int

  /// `ap_int` written from a signed `ap_fixed` with `I = 0`: the headers give −1 for every
  /// negative value and 0 otherwise (SEMANTICS.md §5).
  @usableFromInline let signOnly: Bool

  /// The raws that pass through untouched once quantized: the target's range, without its
  /// minimum under `AP_SAT_SYM`. Precomputed so that the common case is two comparisons.
  @usableFromInline let lowest: Int128
  @usableFromInline let highest: Int128

  private static func passBand(_ target: FixedFormat) -> (Int128, Int128) {
    (target.minRaw + (target.saturatesSymmetrically ? 1 : 0), target.maxRaw)
  }

  /// Plans the conversion of exact values `raw · 2^−fractionBits` into `target`.
  ///
  /// This is `ap_fixed`'s assignment from any `ap_fixed_base` expression, and from an
  /// `ap_int`-typed one when `target` is an integer type. When the source is an `ap_fixed`
  /// with `I < 1` and the target an `ap_int`, use ``init(from:to:)``, which knows `I`.
  ///
  /// ```swift
  /// let r = Requantizer(fractionBits: 10, to: try FixedFormat(parsing: "ap_fixed<8,3>"))
  /// r(Int64(-1331))  // -42: floor(-1331 / 32)
  /// ```
  public init(fractionBits: Int, to target: FixedFormat) {
    self.sourceFractionBits = fractionBits
    self.target = target
    self.shift = target.fractionBits - fractionBits
    self.signOnly = false
    (lowest, highest) = Self.passBand(target)
  }

  /// Plans the conversion from raws of `source` into `target` (`target y = source_value;`).
  ///
  /// ```swift
  /// let r = try Requantizer(
  ///   from: FixedFormat(parsing: "ap_fixed<32,12>"), to: FixedFormat(parsing: "ap_fixed<16,6>"))
  /// ```
  ///
  /// - Throws: ``FixedPointError/integerConversionUndefined(source:)`` when `target` is an
  ///   `ap_int`/`ap_uint` and `source` an `ap_fixed` with `I < 0`, which the headers leave
  ///   undefined.
  public init(from source: FixedFormat, to target: FixedFormat) throws {
    self.sourceFractionBits = source.fractionBits
    self.target = target
    self.shift = target.fractionBits - source.fractionBits
    let intoInteger = target.isIntegerType && !source.isIntegerType
    if intoInteger && source.integerBits < 0 {
      throw FixedPointError.integerConversionUndefined(source: source)
    }
    self.signOnly = intoInteger && source.integerBits == 0 && source.isSigned
    (lowest, highest) = Self.passBand(target)
  }

  /// The raw of `target` that the headers produce for the source raw `raw`.
  ///
  /// `Raw` must hold every raw of ``target`` (``FixedFormat/storageWidth`` bits); the source
  /// raw is whatever the caller holds. Allocation-free; inlined into the caller's loop.
  ///
  /// - Precondition: `Raw.bitWidth >= target.storageWidth`.
  @inlinable @inline(__always)
  public func callAsFunction<Raw: FixedWidthInteger & SignedInteger>(_ raw: Raw) -> Raw {
    precondition(Raw.bitWidth >= target.storageWidth, "raw type narrower than the target format")
    if shift < 0 && !signOnly {
      // The common case, narrowing the fraction: a shift, a rounding bit, two comparisons.
      let d = -shift
      let n: Raw
      switch target.quantization {
      case .truncate:
        n = raw >> d
      case .roundHalfUp:
        // ⌊raw / 2^d⌋ plus the bit just below the cut; cannot overflow.
        n = (raw >> d) &+ ((raw >> (d - 1)) & 1)
      default:
        n = RawConversion.roundedShiftRight(raw, by: d, target.quantization)
      }
      let low = Raw(truncatingIfNeeded: lowest)
      let high = Raw(truncatingIfNeeded: highest)
      if n >= low && n <= high { return n }
      switch target.overflow {
      case .wrap where target.saturationBits == 0: return target.normalize(n)
      case .saturate: return n > high ? high : low
      default: break
      }
      return RawConversion.overflowed(
        wrapped: n, negative: n < 0, above: n > high, source: raw,
        shift: shift, into: target)
    }
    if signOnly { return raw < 0 ? target.normalize(Raw(-1)) : 0 }
    return RawConversion.convert(raw, shift: shift, into: target)
  }
}

extension FixedFormat {
  /// Writes the exact value `raw · 2^−fractionBits` into this format (quantize, then overflow).
  ///
  /// The one-off form of ``Requantizer``; loops should plan a ``Requantizer`` once.
  ///
  /// ```swift
  /// let f = try FixedFormat(parsing: "ap_fixed<6,3,AP_TRN,AP_SAT>")
  /// f.requantize(Int64(300), fractionBits: 5)  // 31: 9.375 saturates at 3.875
  /// ```
  ///
  /// - Precondition: `Raw.bitWidth >= storageWidth`.
  @inlinable
  public func requantize<Raw: FixedWidthInteger & SignedInteger>(
    _ raw: Raw, fractionBits: Int
  ) -> Raw {
    Requantizer(fractionBits: fractionBits, to: self)(raw)
  }

  /// Writes a raw of `source` into this format, as `ap_fixed` assignment does.
  ///
  /// ```swift
  /// let acc = try FixedFormat(parsing: "ap_fixed<32,12>")
  /// try FixedFormat(parsing: "ap_fixed<16,6>").requantize(Int64(1 << 20), from: acc)  // 1024
  /// ```
  ///
  /// - Throws: as ``Requantizer/init(from:to:)``.
  /// - Precondition: `Raw.bitWidth >= storageWidth`.
  @inlinable
  public func requantize<Raw: FixedWidthInteger & SignedInteger>(
    _ raw: Raw, from source: FixedFormat
  ) throws -> Raw {
    try Requantizer(from: source, to: self)(raw)
  }
}
