import FixedPoint

/// The calibrated precision's rules for choosing a format from a magnitude.
///
/// A signed `ap_fixed<W, I>` holds `[−2^(I−1), 2^(I−1))`, so the smallest `I` whose range
/// holds magnitudes up to `m` is `floor(log2 m) + 2`. Activations apply it to `margin · m`,
/// weights and constants to `m` itself (their values are known exactly). `I` never drops
/// below `1 − W`, so `F ≤ 2W − 1` even for a tensor that calibration saw almost zero, and a
/// magnitude of exactly 0 gets `I = 1`.
///
///     let rules = FormatRules(settings: CalibratedSettings())
///     rules.integerBits(for: 6.5, width: 16)        // 4: [-8, 8) holds 6.5
///     try rules.activation(range: 3.2)              // ap_fixed<16,4,AP_RND_CONV,AP_SAT>
///     try rules.constant(0.25)                      // ap_fixed<2,0,...>: raw 1, exactly
struct FormatRules {
  let settings: CalibratedSettings

  /// The smallest `I` whose signed range holds `magnitude`, at least `1 − width`.
  func integerBits(for magnitude: Double, width: Int) -> Int {
    guard magnitude > 0 else { return 1 }
    guard magnitude.isFinite else { return FixedFormat.supportedIntegerBits.upperBound + 1 }
    return max(Int(magnitude.exponent) + 2, 1 - width)
  }

  /// A signed format of `width` bits holding `magnitude`, with the settings' modes.
  func format(width: Int, magnitude: Double) throws -> FixedFormat {
    try FixedFormat(
      width: width, integerBits: integerBits(for: magnitude, width: width),
      quantization: settings.rounding, overflow: settings.overflow)
  }

  /// An activation's format: `activationWidth` bits holding `margin × range`.
  func activation(range: Double) throws -> FixedFormat {
    try format(width: settings.activationWidth, magnitude: settings.margin * range)
  }

  /// The format of a function whose values lie in `[−1, 1]` (sigmoid, tanh, softmax):
  /// `I = 2`, so that 1 itself is representable.
  func bounded(width: Int) throws -> FixedFormat {
    try FixedFormat(
      width: width, integerBits: 2, quantization: settings.rounding,
      overflow: settings.overflow)
  }

  /// A weight tensor's format: `weightWidth` bits holding its largest magnitude.
  func weight(largest magnitude: Double) throws -> FixedFormat {
    try format(width: settings.weightWidth, magnitude: magnitude)
  }

  /// A bias's format: `weightWidth` bits holding its largest magnitude, but no more
  /// fractional bits than the products (`productBits`), so loading it into the accumulator
  /// is exact.
  func bias(largest magnitude: Double, productBits: Int) throws -> FixedFormat {
    let integerBits = integerBits(for: magnitude, width: settings.weightWidth)
    let fractionBits = min(settings.weightWidth - integerBits, productBits)
    let width = max(integerBits + fractionBits, 2)
    return try FixedFormat(
      width: width, integerBits: width - fractionBits, quantization: settings.rounding,
      overflow: settings.overflow)
  }

  /// The narrowest format of at most `weightWidth` bits that holds `value` as well as
  /// `weightWidth` bits can: trailing zero bits of the raw are dropped, so a power of two
  /// needs two bits and its product is a shift.
  func constant(_ value: Double) throws -> FixedFormat {
    let full = try weight(largest: value.magnitude)
    let raw = full.quantize(value)
    let dropped = raw == 0 ? full.width - 2 : min(raw.trailingZeroBitCount, full.width - 2)
    return try FixedFormat(
      width: full.width - dropped, integerBits: full.integerBits,
      quantization: settings.rounding, overflow: settings.overflow)
  }
}
