/// What happens when a value, already quantized, does not fit the destination's integer bits.
///
/// Like ``QuantizationMode``, the overflow mode of the *destination* applies whenever a value
/// is written into a format; arithmetic results never overflow (their formats are wide
/// enough). ``FixedFormat/saturationBits`` (`N`, the fifth template argument) refines the two
/// wrapping modes and must be 0 for the others.
///
/// The table writes integers from an `ap_int<8>` into `ap_fixed<4,4,AP_TRN,O,N>`, whose range
/// is −8...7:
///
/// | n                                   |  7 |  8 |  9 | −8 | −9 | 20 | −20 |
/// |-------------------------------------|----|----|----|----|----|----|-----|
/// | `.wrap` (AP_WRAP, the default)      |  7 | −8 | −7 | −8 |  7 |  4 |  −4 |
/// | `.wrap`, N = 1                      |  7 |  0 |  1 | −8 | −1 |  4 |  −4 |
/// | `.wrap`, N = 2                      |  7 |  4 |  5 | −8 | −5 |  4 |  −8 |
/// | `.saturate` (AP_SAT)                |  7 |  7 |  7 | −8 | −8 |  7 |  −8 |
/// | `.saturateToZero` (AP_SAT_ZERO)     |  7 |  0 |  0 | −8 |  0 |  0 |   0 |
/// | `.saturateSymmetric` (AP_SAT_SYM)   |  7 |  7 |  7 | −7 | −7 |  7 |  −7 |
/// | `.wrapSignMagnitude` (AP_WRAP_SM)   |  7 |  7 |  6 | −8 | −8 | −5 |   3 |
///
/// ```swift
/// let f = try FixedFormat(parsing: "ap_fixed<4,4,AP_TRN,AP_SAT>")
/// f.quantize(20.0)  // 7
/// ```
public enum OverflowMode: CaseIterable, Hashable, Sendable {
  /// Keeps the low `W` bits (`AP_WRAP`, the default): arithmetic modulo `2^W`.
  ///
  /// Free in hardware and silent: 8 → −8 and 20 → 4 in a 4-bit signed format. With
  /// `N > 0` saturation bits the top bits are forced instead: for signed formats the sign
  /// bit becomes the sign of the exact value and the `N − 1` bits below it its complement;
  /// for unsigned formats the top `N` bits become 1, even when the value was negative.
  case wrap

  /// Clamps to the nearest representable value (`AP_SAT`).
  ///
  /// 8 → 7 and −9 → −8 in a 4-bit signed format; negative values → 0 in an unsigned one.
  case saturate

  /// Replaces any value that does not fit by 0 (`AP_SAT_ZERO`).
  ///
  /// 8 → 0 and −9 → 0 in a 4-bit signed format.
  case saturateToZero

  /// Clamps to a range symmetric around zero, `−max...max` (`AP_SAT_SYM`).
  ///
  /// For signed formats the most negative raw value itself is replaced: −8 → −7 in a
  /// 4-bit format, even though −8 fits. Unsigned formats behave as ``saturate``, and so does
  /// a signed 1-bit format (raws −1 and 0), which the headers saturate to −1.
  case saturateSymmetric

  /// Sign-magnitude wrap (`AP_WRAP_SM`): wraps, then complements the bits when the sign
  /// flipped. Signed formats only (the headers exit for `ap_ufixed`).
  ///
  /// 8 → 7, 9 → 6, 20 → −5 in a 4-bit signed format. Rare in neural-network code; it is
  /// reproduced bit for bit so that any type a user writes can be simulated.
  case wrapSignMagnitude

  /// The `ap_fixed` template argument this mode maps to, such as `AP_SAT`.
  ///
  /// Used to print formats in HLS C++ and to parse them back.
  ///
  /// ```swift
  /// OverflowMode.saturateSymmetric.hlsName  // "AP_SAT_SYM"
  /// ```
  public var hlsName: String {
    switch self {
    case .wrap: return "AP_WRAP"
    case .saturate: return "AP_SAT"
    case .saturateToZero: return "AP_SAT_ZERO"
    case .saturateSymmetric: return "AP_SAT_SYM"
    case .wrapSignMagnitude: return "AP_WRAP_SM"
    }
  }

  /// Whether the mode keeps the low bits, so that ``FixedFormat/saturationBits`` applies.
  ///
  /// True for ``wrap`` and ``wrapSignMagnitude``; the others ignore `N` in the headers, so
  /// Etch refuses a non-zero `N` with them rather than carry a meaningless parameter.
  public var isWrapping: Bool {
    switch self {
    case .wrap, .wrapSignMagnitude: return true
    case .saturate, .saturateToZero, .saturateSymmetric: return false
    }
  }

  /// The mode spelled `name` in HLS C++ (`AP_WRAP`, `AP_SAT`, ...), or nil for other text.
  ///
  /// The match is exact and case-sensitive, as in C++.
  ///
  /// ```swift
  /// OverflowMode(hlsName: "AP_SAT")  // .saturate
  /// ```
  public init?(hlsName name: String) {
    guard let mode = Self.allCases.first(where: { $0.hlsName == name }) else { return nil }
    self = mode
  }
}
