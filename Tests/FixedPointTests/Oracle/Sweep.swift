import FixedPoint
import Foundation
import Testing

/// A small, fast, seedable generator (SplitMix64), so that a failing sweep can be replayed
/// with `ETCH_SEED=<seed>`.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A random format whose raws fit `maxStorage` bits, biased toward the small widths and
  /// the odd shapes (I < 0, I > W, N > 0, integer types) where bugs hide.
  mutating func format(maxStorage: Int = 64) throws -> FixedFormat {
    let signed = Bool.random(using: &self)
    let widest = maxStorage - (signed ? 0 : 1)
    let width = Int.random(
      in: 1...(Bool.random(using: &self) ? min(widest, 20) : widest), using: &self)
    if Int.random(in: 0..<8, using: &self) == 0 {
      return try FixedFormat(integerWidth: width, isSigned: signed)
    }
    let integerBits =
      Int.random(in: 0..<12, using: &self) == 0
      ? Int.random(in: -300...300, using: &self)
      : Int.random(in: -12...(width + 12), using: &self)
    let quantization = QuantizationMode.allCases[Int.random(in: 0..<7, using: &self)]
    var overflow = OverflowMode.allCases[Int.random(in: 0..<5, using: &self)]
    if !signed && overflow == .wrapSignMagnitude { overflow = .wrap }
    let saturationBits =
      overflow.isWrapping && Int.random(in: 0..<3, using: &self) == 0
      ? Int.random(in: 0...width, using: &self) : 0
    return try FixedFormat(
      width: width, integerBits: integerBits, isSigned: signed, quantization: quantization,
      overflow: overflow, saturationBits: saturationBits)
  }

  /// 128 random bits.
  mutating func bits128() -> Int128 {
    Int128(truncatingIfNeeded: UInt128(next()) << 64 | UInt128(next()))
  }

  /// A raw value of `format`: often an edge (min, max, 0, ±1), else random bits of random
  /// magnitude.
  mutating func raw(in format: FixedFormat) -> Int128 {
    switch Int.random(in: 0..<10, using: &self) {
    case 0: return format.minRaw
    case 1: return format.maxRaw
    case 2:
      let small = Int128(Int.random(in: -2...2, using: &self))
      return format.contains(raw: small) ? small : 0
    case 3, 4, 5:
      return FixedValue(
        bitPattern: bits128() >> Int.random(in: 0..<128, using: &self), format: format
      ).raw
    default:
      return FixedValue(bitPattern: bits128(), format: format).raw
    }
  }

  /// A double worth converting into `format`: grid points and ties, values out of range,
  /// and arbitrary bit patterns (NaN, ∞, subnormals).
  mutating func double(near format: FixedFormat) -> Double {
    switch Int.random(in: 0..<8, using: &self) {
    case 0:
      return Double(bitPattern: next())
    case 1:
      let specials: [Double] = [
        0, -0.0, .infinity, -.infinity, .nan, -Double.nan, .leastNonzeroMagnitude,
        -.leastNonzeroMagnitude, .leastNormalMagnitude, -.leastNormalMagnitude,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0.5, -0.5, -0.25, 1e-300,
      ]
      return specials[Int.random(in: 0..<specials.count, using: &self)]
    case 2, 3, 4:
      // A quarter-step off a grid point: exact ties for every rounding mode.
      let grid =
        Int64.random(in: -(1 << 50)...(1 << 50), using: &self)
        >> Int.random(in: 0..<50, using: &self)
      let offset = Int64.random(in: -3...3, using: &self)
      return Double(
        sign: .plus, exponent: -format.fractionBits - 2, significand: Double(grid * 4 + offset))
    case 5:
      let range = Swift.max(abs(format.minValue), format.maxValue, format.resolution)
      return Double.random(in: -2...2, using: &self) * range
    default:
      let exponent = Int.random(
        in: (-format.fractionBits - 60)...(format.integerBits + 60), using: &self)
      let magnitude = Double(
        sign: .plus, exponent: exponent, significand: Double.random(in: 1..<2, using: &self))
      return Bool.random(using: &self) ? magnitude : -magnitude
    }
  }
}

/// One property sweep: a seeded generator, a case count, and failures that name the seed.
struct Sweep {
  let name: String
  let seed: UInt64
  var random: SplitMix64
  private(set) var failures: [String] = []

  /// 10⁶ cases in release builds, fewer when iterating in debug.
  static var cases: Int {
    #if DEBUG
      return 20_000
    #else
      return 1_000_000
    #endif
  }

  init(_ name: String) {
    self.name = name
    let environment = ProcessInfo.processInfo.environment["ETCH_SEED"]
    seed = environment.flatMap { UInt64($0) } ?? UInt64.random(in: 1...UInt64.max)
    random = SplitMix64(state: seed)
    print("\(name): seed \(seed), \(Self.cases) cases (replay with ETCH_SEED=\(seed))")
  }

  /// Records a mismatch (the first ten of them) with everything needed to replay it.
  mutating func expect(
    _ condition: Bool, case index: Int, _ details: @autoclosure () -> String
  ) {
    guard !condition, failures.count < 10 else { return }
    failures.append("\(name) seed \(seed) case \(index): \(details())")
  }

  func finish(sourceLocation: SourceLocation = #_sourceLocation) {
    for failure in failures { Issue.record("\(failure)", sourceLocation: sourceLocation) }
    print("\(name): \(failures.isEmpty ? "passed" : "FAILED")")
  }
}
