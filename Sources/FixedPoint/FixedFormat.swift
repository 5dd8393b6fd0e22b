/// A fixed-point number format with Xilinx `ap_fixed` semantics: width, integer bits,
/// signedness, quantization and overflow.
///
/// Every tensor of a compiled model has one. A value is a raw two's-complement integer
/// `raw` of ``width`` bits, worth `raw · 2^−F` with `F` = ``fractionBits`` = `W − I`. The
/// format prints and parses as the HLS spelling the emitted C++ uses, so that the Simulator
/// and the synthesised hardware read the same type:
///
/// | spelling                          | W  | I  | signed | value range (step)        |
/// |-----------------------------------|----|----|--------|---------------------------|
/// | `ap_fixed<16,6>`                  | 16 | 6  | yes    | −32 ... 31.999 (2^−10)    |
/// | `ap_ufixed<8,0>`                  | 8  | 0  | no     | 0 ... 0.996 (2^−8)        |
/// | `ap_fixed<8,-2>`                  | 8  | −2 | yes    | −0.125 ... 0.1240 (2^−10) |
/// | `ap_fixed<4,8>`                   | 4  | 8  | yes    | −128 ... 112 (16)         |
/// | `ap_int<12>`                      | 12 | 12 | yes    | −2048 ... 2047 (1)        |
///
/// `I` counts the sign bit, may be negative (the point lies left of the MSB) or exceed `W`
/// (the LSB weighs more than 1), as `ap_fixed` allows. Raw values fit a signed 128-bit
/// integer (W ≤ 128 signed, ≤ 127 unsigned) and the fast `Int64` paths serve formats with
/// ``storageWidth`` ≤ 64, which covers every type hls4ml uses.
///
/// ```swift
/// let f = try FixedFormat(parsing: "ap_fixed<16,6,AP_RND,AP_SAT>")
/// f.fractionBits  // 10
/// f.quantize(-1.3)  // -1331, i.e. -1.2998046875
/// print(f)  // ap_fixed<16,6,AP_RND,AP_SAT>
/// ```
public struct FixedFormat: Hashable, Sendable {
  /// Total number of bits `W`, including the sign bit of signed formats.
  public let width: Int

  /// Number of bits left of the binary point `I`, including the sign bit; may be negative or
  /// larger than ``width``.
  public let integerBits: Int

  /// Whether raw values are two's complement (`ap_fixed`, `ap_int`) or plain (`ap_ufixed`).
  public let isSigned: Bool

  /// How values with more fractional bits are rounded when written into this format.
  public let quantization: QuantizationMode

  /// What happens to values that do not fit when written into this format.
  public let overflow: OverflowMode

  /// The `N` template argument: saturation bits of the wrapping overflow modes, usually 0.
  public let saturationBits: Int

  /// Whether the format is spelled `ap_int<W>` / `ap_uint<W>` rather than `ap_fixed`.
  ///
  /// Integer types take part in arithmetic as `ap_fixed<W,W>`, but writing into one follows
  /// `ap_int_base`: truncation toward zero (``QuantizationMode/truncateTowardZero``) and
  /// wrapping, which is how their ``quantization`` and ``overflow`` are set.
  public let isIntegerType: Bool

  /// The most bits a raw value may need as a signed integer: Etch computes with `Int128`.
  public static let maxStorageWidth = 128

  /// The supported integer bits `I`: values stay in `Double`'s normal range, so conversions
  /// to and from `Double` are exact or correctly rounded, as in the headers.
  public static let supportedIntegerBits = -512...512

  /// Creates an `ap_fixed` (signed) or `ap_ufixed` (unsigned) format, refusing what Etch
  /// cannot compute exactly.
  ///
  /// The defaults are those of `ap_fixed`: `AP_TRN`, `AP_WRAP`, `N = 0`.
  ///
  /// ```swift
  /// let acc = try FixedFormat(width: 24, integerBits: 12, overflow: .saturate)
  /// print(acc)  // ap_fixed<24,12,AP_TRN,AP_SAT>
  /// ```
  ///
  /// - Throws: ``FixedPointError`` when `W`, `I` or `N` is out of range, when `N > 0` with a
  ///   saturating mode, or for `AP_WRAP_SM` on an unsigned format.
  public init(
    width: Int, integerBits: Int, isSigned: Bool = true,
    quantization: QuantizationMode = .truncate, overflow: OverflowMode = .wrap,
    saturationBits: Int = 0
  ) throws {
    try self.init(
      width: width, integerBits: integerBits, isSigned: isSigned, quantization: quantization,
      overflow: overflow, saturationBits: saturationBits, isIntegerType: false)
  }

  /// Creates an `ap_int<W>` (signed) or `ap_uint<W>` (unsigned) format.
  ///
  /// ```swift
  /// let index = try FixedFormat(integerWidth: 12, isSigned: false)
  /// print(index)  // ap_uint<12>
  /// ```
  ///
  /// - Throws: ``FixedPointError/widthOutOfRange(width:isSigned:)`` beyond 128 bits.
  public init(integerWidth width: Int, isSigned: Bool = true) throws {
    try self.init(
      width: width, integerBits: width, isSigned: isSigned, quantization: .truncateTowardZero,
      overflow: .wrap, saturationBits: 0, isIntegerType: true)
  }

  private init(
    width: Int, integerBits: Int, isSigned: Bool, quantization: QuantizationMode,
    overflow: OverflowMode, saturationBits: Int, isIntegerType: Bool
  ) throws {
    guard width >= 1, width + (isSigned ? 0 : 1) <= Self.maxStorageWidth else {
      throw FixedPointError.widthOutOfRange(width: width, isSigned: isSigned)
    }
    guard Self.supportedIntegerBits.contains(integerBits) else {
      throw FixedPointError.integerBitsOutOfRange(integerBits: integerBits)
    }
    guard (0...width).contains(saturationBits) else {
      throw FixedPointError.saturationBitsOutOfRange(
        saturationBits: saturationBits, width: width)
    }
    guard saturationBits == 0 || overflow.isWrapping else {
      throw FixedPointError.saturationBitsNeedWrap(
        saturationBits: saturationBits, overflow: overflow)
    }
    guard isSigned || overflow != .wrapSignMagnitude else {
      throw FixedPointError.signMagnitudeOnUnsigned(width: width, integerBits: integerBits)
    }
    self.width = width
    self.integerBits = integerBits
    self.isSigned = isSigned
    self.quantization = quantization
    self.overflow = overflow
    self.saturationBits = saturationBits
    self.isIntegerType = isIntegerType
  }

  /// Number of bits right of the binary point, `F = W − I`; the LSB weighs `2^−F`.
  ///
  /// Negative when `I > W`: `ap_fixed<4,8>` has `F = −4`, so its raw counts sixteens.
  @inlinable public var fractionBits: Int { width - integerBits }

  /// Bits a signed integer needs to hold every raw value: `W`, plus one for unsigned formats.
  ///
  /// A kernel may store raws in any signed integer type at least this wide; `Int64` serves
  /// every format with `storageWidth <= 64`.
  @inlinable public var storageWidth: Int { width + (isSigned ? 0 : 1) }

  /// Whether raw values fit `Int64`, the fast path of ``Requantizer`` and friends.
  @inlinable public var fitsInt64: Bool { storageWidth <= 64 }

  /// The same shape with other quantization and overflow modes (and `N`).
  ///
  /// Result types of arithmetic use `AP_TRN`/`AP_WRAP`; this picks the modes of the variable
  /// a result is written into. The spelling stays `ap_fixed` or `ap_ufixed`; an `ap_int<W>`
  /// becomes `ap_fixed<W,W,...>`, since integer types have no modes.
  ///
  /// ```swift
  /// let out = try FixedFormat(parsing: "ap_fixed<16,6>")
  ///   .with(quantization: .roundHalfToEven, overflow: .saturate)  // ap_fixed<16,6,AP_RND_CONV,AP_SAT>
  /// ```
  ///
  /// - Throws: ``FixedPointError`` as
  ///   ``init(width:integerBits:isSigned:quantization:overflow:saturationBits:)``.
  public func with(
    quantization: QuantizationMode, overflow: OverflowMode, saturationBits: Int = 0
  ) throws -> FixedFormat {
    try FixedFormat(
      width: width, integerBits: integerBits, isSigned: isSigned, quantization: quantization,
      overflow: overflow, saturationBits: saturationBits)
  }
}
