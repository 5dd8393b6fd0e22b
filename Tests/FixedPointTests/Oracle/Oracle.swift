import FixedPoint

/// An independent statement of SEMANTICS.md §2 and §5 on exact 256-bit integers.
///
/// It follows the prose rather than FixedPoint's code: quantization compares twice the
/// remainder with the step, overflow compares with the exact bounds, and the wrap variants
/// set bits one at a time. Only FixedFormat's plain properties (W, I, modes) are read.
enum Oracle {
  /// The raw `target` holds after `target y = x;` for a source raw `v` of `source`, or nil
  /// where the headers are undefined (an `ap_fixed` with `I < 0` into an `ap_int`).
  static func assign(_ v: Wide, from source: FixedFormat, into target: FixedFormat) -> Int128? {
    if target.isIntegerType && !source.isIntegerType {
      if source.integerBits < 0 { return nil }
      if source.integerBits == 0 {
        let negative = source.isSigned && v.isNegative
        return value(
          ofLowBits: target.width, of: negative ? Wide(-1) : .zero, isSigned: target.isSigned)
      }
      return integerPart(v, sourceFraction: source.fractionBits, into: target)
    }
    return convert(
      v, sourceFraction: source.fractionBits, sourceWidth: source.width, into: target)
  }

  /// The raw `target` holds after `target y = v · 2^−sourceFraction;`, where the source has
  /// `sourceWidth` bits. `|v|` must stay below 2^128.
  static func convert(
    _ v: Wide, sourceFraction: Int, sourceWidth: Int, into target: FixedFormat
  ) -> Int128 {
    let shift = target.fractionBits - sourceFraction
    let quantized = quantize(v, shift: shift, target.quantization)
    let carriedIndex = -shift + target.width
    let carried = carriedIndex >= 0 && carriedIndex < sourceWidth && v.bit(carriedIndex)
    return resolveOverflow(quantized, carried: carried, into: target)
  }

  /// The exact quantized integer, or only its sign when it is at least 2^128 in magnitude.
  enum Quantized {
    case exact(Wide)
    case huge(negative: Bool)
  }

  static func quantize(_ v: Wide, shift: Int, _ mode: QuantizationMode) -> Quantized {
    if v == .zero { return .exact(.zero) }
    if shift >= 128 { return .huge(negative: v.isNegative) }
    if shift >= 0 { return .exact(v.shiftedLeft(shift)) }
    let d = -shift
    if d >= 129 {
      // |v| < 2^128 ≤ 2^(d−1): the scaled value lies strictly inside (−1/2, 1/2).
      return .exact(mode == .truncate && v.isNegative ? Wide(-1) : .zero)
    }
    let floor = v.floorShiftedRight(d)
    let remainder = v - floor.shiftedLeft(d)
    let twice = remainder.shiftedLeft(1)
    let step = Wide.power(d)
    let aboveHalf = twice > step
    let isHalf = twice == step
    let up: Bool
    switch mode {
    case .truncate: up = false
    case .truncateTowardZero: up = v.isNegative && remainder != .zero
    case .roundHalfUp: up = aboveHalf || isHalf
    case .roundHalfTowardZero: up = aboveHalf || (isHalf && v.isNegative)
    case .roundHalfDown: up = aboveHalf
    case .roundHalfAwayFromZero: up = aboveHalf || (isHalf && !v.isNegative)
    case .roundHalfToEven: up = aboveHalf || (isHalf && floor.bit(0))
    }
    return .exact(up ? floor + .one : floor)
  }

  static func bounds(_ target: FixedFormat) -> (min: Wide, max: Wide) {
    let w = target.width
    if target.isSigned { return (-Wide.power(w - 1), Wide.power(w - 1) - .one) }
    return (.zero, Wide.power(w) - .one)
  }

  static func resolveOverflow(_ q: Quantized, carried: Bool, into target: FixedFormat) -> Int128 {
    let (low, high) = bounds(target)
    let w = target.width
    let above: Bool
    let below: Bool
    let negative: Bool
    var bits = Bits(count: w)
    switch q {
    case .exact(let n):
      above = n > high
      // AP_SAT_SYM leaves out the minimum, except on a signed 1-bit format (g++: it
      // saturates to −1 there, as AP_SAT does).
      let symmetric =
        target.overflow == .saturateSymmetric && target.isSigned && target.width > 1
      below = n < low || (symmetric && n == low)
      if !above && !below, let raw = n.int128 { return raw }
      negative = n.isNegative
      for i in 0..<w { bits[i] = n.bit(i) }
    case .huge(let isNegative):
      above = !isNegative
      below = isNegative
      negative = isNegative
    }
    switch target.overflow {
    case .saturate:
      return (above ? high : low).int128 ?? 0
    case .saturateToZero:
      return 0
    case .saturateSymmetric:
      if above { return high.int128 ?? 0 }
      if target.isSigned && target.width > 1 { return -(high.int128 ?? 0) }
      return low.int128 ?? 0
    case .wrap:
      let n = target.saturationBits
      if n > 0 {
        if target.isSigned {
          bits[w - 1] = negative
          if n > 1 { for i in (w - n)...(w - 2) { bits[i] = !negative } }
        } else {
          for i in (w - n)...(w - 1) { bits[i] = true }
        }
      }
    case .wrapSignMagnitude:
      let n = target.saturationBits
      let msb = bits[w - 1]
      if n == 0 {
        if carried != msb {
          bits.flipAll()
          bits[w - 1] = carried
        }
      } else {
        if n == 1 && negative != msb {
          bits.flipAll()
        } else if n > 1 && bits[w - n] == negative {
          bits.flipAll()
        }
        if n > 1 { for i in (w - n)...(w - 2) { bits[i] = !negative } }
        bits[w - 1] = negative
      }
    }
    return bits.value(isSigned: target.isSigned)
  }

  /// The low `count` bits of an integer, set and read one at a time.
  struct Bits {
    let count: Int
    private var word: UInt128 = 0

    init(count: Int) { self.count = count }

    subscript(index: Int) -> Bool {
      get { (word >> index) & 1 == 1 }
      set { word = newValue ? word | (1 << index) : word & ~(1 << index) }
    }

    mutating func flipAll() {
      for i in 0..<count { self[i].toggle() }
    }

    /// The bits read as an unsigned number, or as two's complement when `isSigned`.
    func value(isSigned: Bool) -> Int128 {
      var total = Wide(high: 0, low: word)
      if isSigned && self[count - 1] { total = total - Wide.power(count) }
      return total.int128 ?? 0
    }
  }

  /// The integer whose low `count` bits are those of `v`, read as signed or unsigned.
  static func value(ofLowBits count: Int, of v: Wide, isSigned: Bool) -> Int128 {
    var bits = Bits(count: count)
    for i in 0..<count { bits[i] = v.bit(i) }
    return bits.value(isSigned: isSigned)
  }

  /// `ap_int<W> y = x;` for a fixed-point source with `I ≥ 1`: `to_ap_int_base` (the value
  /// truncated toward zero), then the low W bits.
  static func integerPart(_ v: Wide, sourceFraction: Int, into target: FixedFormat) -> Int128 {
    let truncated: Wide
    if sourceFraction <= 0 {
      truncated = -sourceFraction >= 200 ? .zero : v.shiftedLeft(-sourceFraction)
    } else {
      let magnitude = v.isNegative ? -v : v
      let down = magnitude.floorShiftedRight(sourceFraction)
      truncated = v.isNegative ? -down : down
    }
    return value(ofLowBits: target.width, of: truncated, isSigned: target.isSigned)
  }

  /// `target y = x;` for a Double, as the headers' constructors read it.
  static func quantize(_ x: Double, into target: FixedFormat) -> Int128 {
    if x == 0 { return 0 }
    let negative = x.sign == .minus
    let fraction = Int128(x.significandBitPattern)
    let field = Int(x.exponentBitPattern)
    if target.isIntegerType {
      // ap_int_base(double): magnitude truncated, then negated, in W bits; ∞ and NaN shift
      // everything out; the headers turn (−0.5, 0) into +1.
      if !x.isFinite { return 0 }
      if negative && x > -0.5 {
        return value(ofLowBits: target.width, of: .one, isSigned: target.isSigned)
      }
      let mantissa = Wide((1 << 52) + fraction)
      let exponent = field - 1075
      let magnitude =
        exponent >= 0
        ? (exponent >= 200 ? .zero : mantissa.shiftedLeft(exponent))
        : mantissa.floorShiftedRight(-exponent)
      let signed = negative ? -magnitude : magnitude
      return value(ofLowBits: target.width, of: signed, isSigned: target.isSigned)
    }
    let mantissa = (1 << 52) + fraction
    let exponent: Int
    switch field {
    case 0: exponent = -1023 - 52
    case 2047: exponent = 1024 - 52
    default: exponent = field - 1023 - 52
    }
    let v = Wide(negative ? -mantissa : mantissa)
    return convert(v, sourceFraction: -exponent, sourceWidth: 54, into: target)
  }
}

extension Oracle {
  /// Whether `result` is `raw · 2^−fractionBits` rounded once to nearest, ties to even:
  /// no neighbouring float is closer, and on a tie its significand is even.
  static func isCorrectlyRounded<Float: BinaryFloatingPoint>(
    _ result: Float, raw: Int128, fractionBits: Int
  ) -> Bool {
    if raw == 0 { return result == 0 }
    guard result.isFinite, (result < 0) == (raw < 0) else { return false }
    guard let error = distance(result, raw: raw, fractionBits: fractionBits) else { return false }
    for neighbour in [result.nextUp, result.nextDown] where neighbour.isFinite {
      guard let other = distance(neighbour, raw: raw, fractionBits: fractionBits) else {
        return false
      }
      if other < error { return false }
      if other == error && parts(of: result).significand & 1 != 0 { return false }
    }
    return true
  }

  /// `result = significand · 2^exponent` with an integer significand.
  static func parts<Float: BinaryFloatingPoint>(
    of result: Float
  ) -> (significand: Int128, exponent: Int) {
    let field = Int(result.exponentBitPattern)
    let bias = (1 << (Float.exponentBitCount - 1)) - 1
    let implicit: Int128 = field == 0 ? 0 : 1 << Float.significandBitCount
    let magnitude = Int128(result.significandBitPattern) + implicit
    let exponent = Swift.max(field, 1) - bias - Float.significandBitCount
    return (result.sign == .minus ? -magnitude : magnitude, exponent)
  }

  /// `|raw · 2^−F − result|` on a common power-of-two scale, or nil if the scales are too far
  /// apart to compare (never for a nearby float).
  static func distance<Float: BinaryFloatingPoint>(
    _ result: Float, raw: Int128, fractionBits: Int
  ) -> Wide? {
    let (significand, exponent) = parts(of: result)
    let scale = Swift.min(-fractionBits, exponent)
    let rawShift = -fractionBits - scale
    let floatShift = exponent - scale
    guard rawShift < 120, floatShift < 120 else { return nil }
    let difference = Wide(raw).shiftedLeft(rawShift) - Wide(significand).shiftedLeft(floatShift)
    return difference.isNegative ? -difference : difference
  }
}
