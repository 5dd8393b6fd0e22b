/// A 256-bit two's-complement integer: just enough exact arithmetic for the oracle.
///
/// Deliberately plain (two halves, schoolbook carries) so that it shares no code and no
/// tricks with FixedPoint's raw arithmetic. Values in the oracle stay below 2^255.
struct Wide: Hashable, Comparable, CustomStringConvertible {
  var high: Int128
  var low: UInt128

  init(high: Int128, low: UInt128) {
    self.high = high
    self.low = low
  }

  init(_ value: Int128) {
    self.init(high: value < 0 ? -1 : 0, low: UInt128(truncatingIfNeeded: value))
  }

  static let zero = Wide(0)
  static let one = Wide(1)

  /// `2^k` for `0 ≤ k < 255`.
  static func power(_ k: Int) -> Wide { one.shiftedLeft(k) }

  var isNegative: Bool { high < 0 }

  /// The value as an `Int128`, or nil when it does not fit.
  var int128: Int128? {
    let candidate = Int128(truncatingIfNeeded: low)
    return Wide(candidate) == self ? candidate : nil
  }

  static func + (a: Wide, b: Wide) -> Wide {
    let (low, carry) = a.low.addingReportingOverflow(b.low)
    return Wide(high: a.high &+ b.high &+ (carry ? 1 : 0), low: low)
  }

  static prefix func - (a: Wide) -> Wide {
    Wide(high: ~a.high, low: ~a.low) + one
  }

  static func - (a: Wide, b: Wide) -> Wide { a + -b }

  /// The full 256-bit product of two 128-bit integers.
  static func product(_ a: Int128, _ b: Int128) -> Wide {
    let (high, low) = a.multipliedFullWidth(by: b)
    return Wide(high: high, low: low)
  }

  /// `self · 2^k` for `k ≥ 0` (bits beyond 256 are lost; the oracle never gets there).
  func shiftedLeft(_ k: Int) -> Wide {
    if k == 0 { return self }
    if k >= 256 { return .zero }
    if k >= 128 { return Wide(high: Int128(truncatingIfNeeded: low << (k - 128)), low: 0) }
    let carried = Int128(truncatingIfNeeded: low >> (128 - k))
    return Wide(high: (high << k) | carried, low: low << k)
  }

  /// `⌊self / 2^k⌋` for `k ≥ 0`.
  func floorShiftedRight(_ k: Int) -> Wide {
    if k == 0 { return self }
    if k >= 256 { return isNegative ? Wide(-1) : .zero }
    if k >= 128 {
      return Wide(high: high < 0 ? -1 : 0, low: UInt128(truncatingIfNeeded: high >> (k - 128)))
    }
    let borrowed = UInt128(truncatingIfNeeded: high) << (128 - k)
    return Wide(high: high >> k, low: (low >> k) | borrowed)
  }

  /// Bit `i` (≥ 0) of the two's-complement representation, sign bits beyond the top.
  func bit(_ i: Int) -> Bool {
    if i < 128 { return (low >> i) & 1 == 1 }
    if i < 256 { return (high >> (i - 128)) & 1 == 1 }
    return isNegative
  }

  static func < (a: Wide, b: Wide) -> Bool {
    a.high != b.high ? a.high < b.high : a.low < b.low
  }

  var description: String {
    if let small = int128 { return String(small) }
    return "Wide(high: \(high), low: \(low))"
  }
}
