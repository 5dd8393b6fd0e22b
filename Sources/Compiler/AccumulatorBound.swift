import FixedPoint

/// The exact range of a dense, convolution or matmul accumulator over every input its
/// formats allow: the proof that an accumulator of `format` never overflows.
///
/// Per output `o` (a dense row, a convolution's output channel) the accumulator starts at
/// the bias and adds one exact product per tap. Each product `w·x` ranges over
/// `[min(w·x_min, w·x_max), max(w·x_min, w·x_max)]`, with `x_min`, `x_max` the input
/// format's extreme raws, and every such interval contains 0; so every partial sum, in any
/// order, lies in `[b + Σ lo_i, b + Σ hi_i]`, and the ends are reached by the input that
/// puts each `x` at the extreme matching its weight's sign. Everything is computed on raws in
/// exact 128-bit integers at the accumulator's fractional bits `F = max(F_x + F_w, F_b)`, so
/// writing a product or the bias into the accumulator never rounds. The symmetric bound
/// `|b| + Σ|w|·max|x|` of docs/fixed-ir.md contains this range.
///
/// For a convolution, taps in the padding read 0, which lies in every tap's interval: the
/// range is exact for positions whose window lies inside the input and safe for the others.
///
///     // Weights [[0.5, -0.25]] in ap_fixed<8,1> (raws 64, -32), no bias,
///     // input ap_fixed<8,3> (raws -128...127, F = 5): F = 12.
///     let bound = AccumulatorBound(
///       weights: [64, -32], outputs: 1, weightFormat: w, bias: nil, biasFormat: nil, input: x)
///     bound?.ranges  // [-12256...12224]: 64·-128 + -32·127 ... 64·127 + -32·-128
///     bound?.format  // ap_fixed<15,3>
public struct AccumulatorBound: Sendable, Equatable {
  /// The accumulator's fractional bits: those of the products, or of the bias if more.
  public var fractionBits: Int
  /// Per output, the lowest and highest raw (at `fractionBits`) any partial sum can reach.
  public var ranges: [ClosedRange<Int128>]

  /// The lowest raw over all outputs.
  public var lowest: Int128 { ranges.map(\.lowerBound).min() ?? 0 }
  /// The highest raw over all outputs.
  public var highest: Int128 { ranges.map(\.upperBound).max() ?? 0 }

  /// The width of the narrowest signed format holding every raw in `lowest...highest`.
  public var requiredWidth: Int {
    max(Self.signedBits(lowest), Self.signedBits(highest), 2)
  }

  /// The narrowest signed accumulator that holds the range exactly: `ap_fixed<W, W − F>`,
  /// with the default modes (`AP_TRN`, `AP_WRAP`) since it never rounds nor overflows.
  ///
  /// - Throws: `FixedPointError` when `W > 128` or `I` is out of range.
  public func format() throws -> FixedFormat {
    try FixedFormat(width: requiredWidth, integerBits: requiredWidth - fractionBits)
  }

  /// Creates a bound from its parts.
  public init(fractionBits: Int, ranges: [ClosedRange<Int128>]) {
    self.fractionBits = fractionBits
    self.ranges = ranges
  }

  /// The range of a dense or convolution layer's accumulator.
  ///
  /// - Parameters:
  ///   - weights: the weight raws in C order, `outputs` rows of equal length (PyTorch's
  ///     `[out, in]`, `[out, in/groups, k]` or `[out, in/groups, kh, kw]`).
  ///   - bias: one raw per output, or nil.
  /// - Returns: nil when an intermediate needs more than 127 bits.
  public init?(
    weights: [Int64], outputs: Int, weightFormat: FixedFormat, bias: [Int64]?,
    biasFormat: FixedFormat?, input: FixedFormat
  ) {
    let productBits = input.fractionBits + weightFormat.fractionBits
    let fraction = max(productBits, biasFormat?.fractionBits ?? productBits)
    guard outputs > 0, weights.count % outputs == 0,
      let productScale = Self.power(fraction - productBits),
      let biasScale = Self.power(fraction - (biasFormat?.fractionBits ?? fraction))
    else { return nil }
    let taps = weights.count / outputs
    var ranges: [ClosedRange<Int128>] = []
    ranges.reserveCapacity(outputs)
    for o in 0..<outputs {
      let b = bias.map { Int128($0[o]) } ?? 0
      guard var (lo, hi) = Self.multiply(b, biasScale).map({ ($0, $0) }) else { return nil }
      for w in weights[o * taps..<(o + 1) * taps] {
        guard let a = Self.multiply(Int128(w), input.minRaw),
          let z = Self.multiply(Int128(w), input.maxRaw),
          let low = Self.multiply(min(a, z), productScale),
          let high = Self.multiply(max(a, z), productScale),
          let newLo = Self.add(lo, low), let newHi = Self.add(hi, high)
        else { return nil }
        (lo, hi) = (newLo, newHi)
      }
      ranges.append(lo...hi)
    }
    self.init(fractionBits: fraction, ranges: ranges)
  }

  /// The range of a matmul's accumulator: `depth` products of two activations, from 0.
  ///
  /// - Returns: nil when an intermediate needs more than 127 bits.
  public init?(lhs: FixedFormat, rhs: FixedFormat, depth: Int) {
    let corners = [
      Self.multiply(lhs.minRaw, rhs.minRaw), Self.multiply(lhs.minRaw, rhs.maxRaw),
      Self.multiply(lhs.maxRaw, rhs.minRaw), Self.multiply(lhs.maxRaw, rhs.maxRaw),
    ].compactMap { $0 }
    guard corners.count == 4, let lowest = corners.min(), let highest = corners.max(),
      let lo = Self.multiply(min(lowest, 0), Int128(depth)),
      let hi = Self.multiply(max(highest, 0), Int128(depth))
    else { return nil }
    self.init(fractionBits: lhs.fractionBits + rhs.fractionBits, ranges: [lo...hi])
  }

  /// Bits of the narrowest two's-complement integer holding `value`.
  static func signedBits(_ value: Int128) -> Int {
    let magnitude = value < 0 ? ~value : value
    return Int128.bitWidth - magnitude.leadingZeroBitCount + 1
  }

  /// `2^k` for `0 ≤ k < 127`, else nil.
  private static func power(_ k: Int) -> Int128? {
    (0..<127).contains(k) ? Int128(1) << k : nil
  }

  private static func multiply(_ a: Int128, _ b: Int128) -> Int128? {
    let (result, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : result
  }

  private static func add(_ a: Int128, _ b: Int128) -> Int128? {
    let (result, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : result
  }
}
