/// The one algorithm behind every write into a format: quantize to the target grid, then
/// resolve overflow (SEMANTICS.md §2 and §8).
///
/// The source is the exact rational `v · 2^−Fs`; `shift` is `F − Fs`. Everything is computed
/// in `Raw` without forming numbers wider than the source or the target: a right shift is
/// rounded from the bits of `v`, and a left shift that would overflow is recognised before
/// it is made. Swift's `<<` and `>>` on fixed-width integers are smart shifts (an over-wide
/// shift gives 0 or −1), which is what the wide and narrow cases need.
@usableFromInline
enum RawConversion {
  /// Bit `index` (≥ 0) of `v`, reading sign bits beyond the top.
  @inlinable @inline(__always)
  static func bit<Raw: FixedWidthInteger & SignedInteger>(_ v: Raw, _ index: Int) -> Bool {
    (v >> index) & 1 != 0
  }

  /// Whether any of the low `count` bits of `v` (sign-extended beyond the top) is set.
  @inlinable @inline(__always)
  static func anyLowBit<Raw: FixedWidthInteger & SignedInteger>(_ v: Raw, _ count: Int) -> Bool {
    if count <= 0 { return false }
    if count >= Raw.bitWidth { return v != 0 }
    return v & ~(Raw(-1) << count) != 0
  }

  /// `v · 2^−d` rounded to an integer by `mode`, for `d ≥ 1`; never overflows.
  @inlinable @inline(__always)
  static func roundedShiftRight<Raw: FixedWidthInteger & SignedInteger>(
    _ v: Raw, by d: Int, _ mode: QuantizationMode
  ) -> Raw {
    let floor = v >> d
    let up: Bool
    switch mode {
    case .truncate:
      return floor
    case .truncateTowardZero:
      up = v < 0 && anyLowBit(v, d)
    case .roundHalfUp:
      up = bit(v, d - 1)
    case .roundHalfTowardZero:
      up = bit(v, d - 1) && (v < 0 || anyLowBit(v, d - 1))
    case .roundHalfDown:
      up = bit(v, d - 1) && anyLowBit(v, d - 1)
    case .roundHalfAwayFromZero:
      up = bit(v, d - 1) && (v >= 0 || anyLowBit(v, d - 1))
    case .roundHalfToEven:
      up = bit(v, d - 1) && (floor & 1 != 0 || anyLowBit(v, d - 1))
    }
    return up ? floor + 1 : floor
  }

  /// Writes the exact value `v · 2^−(F − shift)` into `target`, whose raws fit `Raw`.
  @inlinable @inline(__always)
  static func convert<Raw: FixedWidthInteger & SignedInteger>(
    _ v: Raw, shift: Int, into target: FixedFormat
  ) -> Raw {
    let maxRaw = target.maxRaw(as: Raw.self)
    let minRaw = target.minRaw(as: Raw.self)
    let symmetric = target.saturatesSymmetrically
    if shift < 0 {
      let n = roundedShiftRight(v, by: -shift, target.quantization)
      if n <= maxRaw && (n > minRaw || (n == minRaw && !symmetric)) { return n }
      return overflowed(
        wrapped: n, negative: n < 0, above: n > maxRaw, source: v, shift: shift, into: target)
    }
    // v · 2^shift > max  ⇔  v > ⌊max / 2^shift⌋; the lower bound is exact because min is
    // −2^(W−1) (divisible by 2^shift when shift < W) or 0.
    let highest = maxRaw >> shift
    let lowest: Raw = target.isSigned && shift < target.width ? minRaw >> shift : 0
    if v <= highest && (v > lowest || (v == lowest && !(symmetric && v != 0))) {
      return v << shift
    }
    return overflowed(
      wrapped: v << shift, negative: v < 0, above: v > highest, source: v, shift: shift,
      into: target)
  }

  /// Resolves an overflow by the target's mode. `wrapped` holds the exact result's low `W`
  /// bits (at least), `negative` its sign, `above` whether it exceeds the maximum.
  @inlinable
  static func overflowed<Raw: FixedWidthInteger & SignedInteger>(
    wrapped: Raw, negative: Bool, above: Bool, source: Raw, shift: Int,
    into target: FixedFormat
  ) -> Raw {
    let w = target.width
    let n = target.saturationBits
    let top = Raw(1) << (w - 1)
    switch target.overflow {
    case .saturate:
      return above ? target.maxRaw(as: Raw.self) : target.minRaw(as: Raw.self)
    case .saturateToZero:
      return 0
    case .saturateSymmetric:
      if above { return target.maxRaw(as: Raw.self) }
      if target.saturatesSymmetrically { return -target.maxRaw(as: Raw.self) }
      return target.minRaw(as: Raw.self)
    case .wrap:
      if n == 0 { return target.normalize(wrapped) }
      var u = wrapped
      if target.isSigned {
        u = negative ? u | top : u & ~top
        u = forceBelowSign(u, width: w, count: n, to: !negative)
      } else {
        u |= ~(Raw(-1) << n) << (w - n)
      }
      return target.normalize(u)
    case .wrapSignMagnitude:
      var u = wrapped
      let msb = u & top != 0
      if n == 0 {
        // The header's "lD": the source bit just above the target's MSB.
        let index = w - shift
        let carried = index >= 0 && bit(source, index)
        if carried != msb {
          u = ~u
          u = carried ? u | top : u & ~top
        }
      } else {
        if n == 1 && negative != msb {
          u = ~u
        } else if n > 1 && bit(u, w - n) == negative {
          u = ~u
        }
        u = forceBelowSign(u, width: w, count: n, to: !negative)
        u = negative ? u | top : u & ~top
      }
      return target.normalize(u)
    }
  }

  /// Sets bits `[W − count, W − 2]` of `u` (the `count − 1` bits below the sign) to `value`.
  @inlinable @inline(__always)
  static func forceBelowSign<Raw: FixedWidthInteger & SignedInteger>(
    _ u: Raw, width w: Int, count: Int, to value: Bool
  ) -> Raw {
    guard count > 1 else { return u }
    let mask = ~(Raw(-1) << (count - 1)) << (w - count)
    return value ? u | mask : u & ~mask
  }
}
