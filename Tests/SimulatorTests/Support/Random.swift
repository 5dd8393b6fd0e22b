import FixedPoint
import Foundation

/// A small, seedable generator (SplitMix64): every random test prints its seed, and
/// `ETCH_SEED=<seed>` replays it.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A random integer in `range`.
  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

  /// True with probability `1 / n`.
  mutating func oneIn(_ n: Int) -> Bool { int(0...(n - 1)) == 0 }

  /// A random format of at most `maxWidth` bits: odd widths, unsigned, `I < 0`, `I > W`,
  /// every quantisation and overflow mode, sometimes `N > 0` or an integer type.
  mutating func format(maxWidth: Int = 24, minWidth: Int = 1) throws -> FixedFormat {
    let signed = !oneIn(4)
    let width = int(minWidth...maxWidth) - (signed ? 0 : (maxWidth == 64 ? 1 : 0))
    if oneIn(10) { return try FixedFormat(integerWidth: max(width, 1), isSigned: signed) }
    let integerBits = int(-6...(width + 6))
    let quantization = QuantizationMode.allCases[int(0...6)]
    var overflow = OverflowMode.allCases[int(0...4)]
    if !signed && overflow == .wrapSignMagnitude { overflow = .wrap }
    let saturationBits = overflow.isWrapping && oneIn(6) ? int(0...width) : 0
    return try FixedFormat(
      width: max(width, 1), integerBits: integerBits, isSigned: signed,
      quantization: quantization, overflow: overflow, saturationBits: saturationBits)
  }

  /// A random raw of `format`: often an edge (min, max, 0, ±1), else random bits.
  mutating func raw(in format: FixedFormat) -> Int64 {
    let (low, high) = (Int64(format.minRaw), Int64(format.maxRaw))
    switch int(0...9) {
    case 0: return low
    case 1: return high
    case 2: return max(min(Int64(int(-1...1)), high), low)
    default:
      let bits = Int64(bitPattern: next()) >> int(0...63)
      let value = FixedValue(bitPattern: Int128(bits), format: format)
      return Int64(value.raw)
    }
  }

  /// `count` random raws of `format`.
  mutating func raws(_ count: Int, in format: FixedFormat) -> [Int64] {
    (0..<count).map { _ in raw(in: format) }
  }
}

/// The seed of a random test: `ETCH_SEED` when set (to replay a failure), else `fallback`.
func testSeed(_ fallback: UInt64) -> UInt64 {
  ProcessInfo.processInfo.environment["ETCH_SEED"].flatMap { UInt64($0) } ?? fallback
}
