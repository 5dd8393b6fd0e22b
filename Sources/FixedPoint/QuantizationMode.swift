/// How a value is rounded when it is written into a format with fewer fractional bits.
///
/// `ap_fixed` applies the quantization mode of the *destination* type whenever a value with
/// more fractional bits is written into it: construction from a `double`, assignment from a
/// wider fixed-point value, and every compound assignment such as `acc += a * b`. Arithmetic
/// itself never rounds (see ``FixedFormat/product(_:_:)``). Each case names the `ap_fixed`
/// mode it reproduces; ``hlsName`` gives the spelling.
///
/// The table shows each mode on values that are rounded to a whole number (a format with
/// `F = 0`, such as `ap_fixed<8,8,Q>`); with `F` fractional bits the same happens to `x·2^F`.
///
/// | x                                     | 2.5 | 1.5 | 1.3 | 0.5 | −0.5 | −1.3 | −1.5 | −2.5 |
/// |---------------------------------------|-----|-----|-----|-----|------|------|------|------|
/// | `.truncate` (AP_TRN)                  |  2  |  1  |  1  |  0  |  −1  |  −2  |  −2  |  −3  |
/// | `.truncateTowardZero` (AP_TRN_ZERO)   |  2  |  1  |  1  |  0  |   0  |  −1  |  −1  |  −2  |
/// | `.roundHalfUp` (AP_RND)               |  3  |  2  |  1  |  1  |   0  |  −1  |  −1  |  −2  |
/// | `.roundHalfTowardZero` (AP_RND_ZERO)  |  2  |  1  |  1  |  0  |   0  |  −1  |  −1  |  −2  |
/// | `.roundHalfDown` (AP_RND_MIN_INF)     |  2  |  1  |  1  |  0  |  −1  |  −1  |  −2  |  −3  |
/// | `.roundHalfAwayFromZero` (AP_RND_INF) |  3  |  2  |  1  |  1  |  −1  |  −1  |  −2  |  −3  |
/// | `.roundHalfToEven` (AP_RND_CONV)      |  2  |  2  |  1  |  0  |   0  |  −1  |  −2  |  −2  |
///
/// ```swift
/// let f = try FixedFormat(parsing: "ap_fixed<8,8,AP_RND>")
/// f.quantize(-2.5)  // -2: AP_RND rounds ties toward +∞
/// ```
public enum QuantizationMode: CaseIterable, Hashable, Sendable {
  /// Rounds toward −∞ (`AP_TRN`, the default): drops the extra bits of the two's-complement raw.
  ///
  /// 2.5 → 2, 0.5 → 0, −0.5 → −1, −1.3 → −2, −2.5 → −3. Cheapest in hardware, but biased:
  /// every negative value loses up to one LSB, so `−1e−9` becomes `−2^−F`, not 0.
  case truncate

  /// Rounds toward zero (`AP_TRN_ZERO`), like a C cast of a `double` to `int`.
  ///
  /// 2.5 → 2, 0.5 → 0, −0.5 → 0, −1.3 → −1, −2.5 → −2.
  case truncateTowardZero

  /// Rounds to nearest, ties toward +∞ (`AP_RND`).
  ///
  /// 2.5 → 3, 1.5 → 2, 0.5 → 1, −0.5 → 0, −1.5 → −1, −2.5 → −2.
  case roundHalfUp

  /// Rounds to nearest, ties toward zero (`AP_RND_ZERO`).
  ///
  /// 2.5 → 2, 1.5 → 1, 0.5 → 0, −0.5 → 0, −1.5 → −1, −2.5 → −2.
  case roundHalfTowardZero

  /// Rounds to nearest, ties toward −∞ (`AP_RND_MIN_INF`).
  ///
  /// 2.5 → 2, 1.5 → 1, 0.5 → 0, −0.5 → −1, −1.5 → −2, −2.5 → −3.
  case roundHalfDown

  /// Rounds to nearest, ties away from zero (`AP_RND_INF`), like C's `round`.
  ///
  /// 2.5 → 3, 1.5 → 2, 0.5 → 1, −0.5 → −1, −1.5 → −2, −2.5 → −3.
  case roundHalfAwayFromZero

  /// Rounds to nearest, ties to even (`AP_RND_CONV`, convergent rounding): unbiased.
  ///
  /// 2.5 → 2, 1.5 → 2, 0.5 → 0, −0.5 → 0, −1.5 → −2, −2.5 → −2.
  case roundHalfToEven

  /// The `ap_fixed` template argument this mode maps to, such as `AP_RND_CONV`.
  ///
  /// Used to print formats in HLS C++ and to parse them back.
  ///
  /// ```swift
  /// QuantizationMode.roundHalfUp.hlsName  // "AP_RND"
  /// ```
  public var hlsName: String {
    switch self {
    case .truncate: return "AP_TRN"
    case .truncateTowardZero: return "AP_TRN_ZERO"
    case .roundHalfUp: return "AP_RND"
    case .roundHalfTowardZero: return "AP_RND_ZERO"
    case .roundHalfDown: return "AP_RND_MIN_INF"
    case .roundHalfAwayFromZero: return "AP_RND_INF"
    case .roundHalfToEven: return "AP_RND_CONV"
    }
  }

  /// The mode spelled `name` in HLS C++ (`AP_TRN`, ..., `AP_RND_CONV`), or nil for other text.
  ///
  /// The match is exact and case-sensitive, as in C++.
  ///
  /// ```swift
  /// QuantizationMode(hlsName: "AP_RND_CONV")  // .roundHalfToEven
  /// ```
  public init?(hlsName name: String) {
    guard let mode = Self.allCases.first(where: { $0.hlsName == name }) else { return nil }
    self = mode
  }
}
