import FixedPoint

/// `Q_T(v)`: writes an exact intermediate into a format as `ap_fixed` assignment does, and
/// counts the values that did not fit before overflow handling.
///
/// The bits come from FixedPoint's `Requantizer` (the one implementation of `ap_fixed`
/// assignment, checked against g++). Counting needs the quantised value *before* the
/// overflow mode acts, which `Requantizer` does not expose, so the writer quantises once
/// more into a 64- or 128-bit wrapping format of the same fraction bits and rounding mode
/// (wide enough that it never wraps) and compares with the target's pass band. When that
/// value is inside the band, it is the result (quantisation then no overflow handling);
/// otherwise the `Requantizer` computes the overflowed result. The pass band is the
/// target's raw range without its minimum under `AP_SAT_SYM`, which that mode maps to
/// `−max`: exactly the values the overflow mode changes.
///
/// The commonest modes are inlined for 64-bit intermediates (a call into `Requantizer`
/// costs more than the rest of an accumulation step): `AP_TRN` is `v >> d`, `AP_RND`
/// adds the bit below the cut (`Requantizer`'s own fast path) and `AP_RND_CONV` rounds
/// half to even (the calibrated precision's mode); `AP_WRAP` with `N = 0`
/// keeps the low `W` bits and `AP_SAT` clamps to the range. Every other mode, and every
/// overflowed value under the other overflow modes, goes through `Requantizer`.
struct RawWriter: Sendable {
  /// How `shift < 0` rounds, when inlined.
  enum Rounding: Sendable {
    case floor, halfUp, halfEven, general
  }

  /// How an overflowed value is resolved, when inlined.
  enum Overflowing: Sendable {
    case wrap, saturate, general
  }

  /// The full conversion, used when the value overflows (and for the sign-only quirk).
  let requantizer: Requantizer
  /// `F_target − F_source`.
  let shift: Int
  /// The raws that pass through unchanged after quantisation.
  let low: Int64
  let high: Int64
  /// `ap_int` written from a signed `ap_fixed` with `I = 0` (−1 or 0, never out of range).
  let signOnly: Bool
  /// Quantisation alone, into wrapping formats too wide to wrap (used when `shift < 0`).
  let rounder64: Requantizer
  let rounder128: Requantizer
  let rounding: Rounding
  let overflowing: Overflowing
  /// `64 − W` for the signed wrap, or the mask of the unsigned one.
  let wrapShift: Int
  let wrapMask: Int64
  let isSigned: Bool

  /// Plans writes of exact values of `source` (an intermediate's format) into `target`.
  init(from source: FixedFormat, to target: FixedFormat) throws {
    requantizer = try Requantizer(from: source, to: target)
    shift = target.fractionBits - source.fractionBits
    let symmetric = target.saturatesSymmetrically
    low = Int64(target.minRaw) + (symmetric ? 1 : 0)
    high = Int64(target.maxRaw)
    signOnly =
      target.isIntegerType && !source.isIntegerType && source.integerBits == 0
      && source.isSigned
    let f = target.fractionBits
    rounder64 = Requantizer(
      fractionBits: source.fractionBits,
      to: try FixedFormat(width: 64, integerBits: 64 - f, quantization: target.quantization))
    rounder128 = Requantizer(
      fractionBits: source.fractionBits,
      to: try FixedFormat(width: 128, integerBits: 128 - f, quantization: target.quantization))
    switch target.quantization {
    case _ where signOnly || shift <= -64: rounding = .general
    case .truncate: rounding = .floor
    case .roundHalfUp: rounding = .halfUp
    case .roundHalfToEven where shift >= -62: rounding = .halfEven
    default: rounding = .general
    }
    switch target.overflow {
    case .wrap where target.saturationBits == 0: overflowing = .wrap
    case .saturate: overflowing = .saturate
    default: overflowing = .general
    }
    wrapShift = 64 - target.width
    wrapMask = target.isSigned ? -1 : Int64(target.maxRaw)
    isSigned = target.isSigned
  }

  /// The target raw for the exact value `v · 2^−F_source`; adds 1 to `overflows` when the
  /// target's overflow mode had to act.
  @inline(__always)
  func callAsFunction(_ v: Int64, _ overflows: inout Int) -> Int64 {
    let n: Int64
    if shift < 0 {
      // `d` is below 64 for the inlined roundings, so masking shifts are exact.
      let d = -shift
      switch rounding {
      case .floor: n = v &>> d
      case .halfUp: n = (v &>> d) &+ ((v &>> (d &- 1)) & 1)
      case .halfEven:
        // Up when the cut bits exceed half, or equal it and the kept value is odd:
        // `cut + (kept & 1) + half − 1` reaches `2^d` exactly then.
        let kept = v &>> d
        let cut = v & ((1 &<< d) &- 1)
        n = kept &+ ((cut &+ (kept & 1) &+ (1 &<< (d &- 1)) &- 1) &>> d)
      case .general:
        if signOnly { return requantizer(v) }
        n = rounder64(v)
      }
      if n >= low && n <= high { return n }
    } else {
      n = v << shift
      if n >> shift == v && n >= low && n <= high { return n }
      // A left shift that lost bits cannot be resolved from `n`.
      if n >> shift != v {
        overflows &+= 1
        return requantizer(v)
      }
    }
    overflows &+= 1
    switch overflowing {
    case .wrap: return isSigned ? (n &<< wrapShift) &>> wrapShift : n & wrapMask
    case .saturate: return n > high ? high : low
    case .general: return requantizer(v)
    }
  }

  /// The same for a 128-bit intermediate.
  @inline(__always)
  func callAsFunction(_ v: Int128, _ overflows: inout Int) -> Int64 {
    if shift < 0 {
      if !signOnly {
        let n = rounder128(v)
        if n >= Int128(low) && n <= Int128(high) { return Int64(truncatingIfNeeded: n) }
        overflows &+= 1
      }
      return Int64(truncatingIfNeeded: requantizer(v))
    }
    let n = v << shift
    if n >> shift == v && n >= Int128(low) && n <= Int128(high) {
      return Int64(truncatingIfNeeded: n)
    }
    overflows &+= 1
    return Int64(truncatingIfNeeded: requantizer(v))
  }
}
