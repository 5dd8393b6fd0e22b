import FixedIR
import FixedPoint

/// How a test picks the accumulator of a multiply-accumulate op.
enum AccumulatorChoice: CustomStringConvertible {
  /// Any format (mostly rounding and overflowing: the per-step path).
  case random
  /// Sized by proof as the compiler's calibrated mode does: `F = F_x + F_w`, and integer
  /// bits for `|b| + Σ|w|·max|x|` of the worst output (the exact path).
  case proven
  /// `AP_WRAP` (N = 0) with `AP_TRN`, `AP_RND` or `AP_RND_MIN_INF` and, when `coarser`,
  /// fewer fraction bits than the products (the wrapped-sum path).
  case wrapping(coarser: Bool)

  var description: String {
    switch self {
    case .random: "random"
    case .proven: "proven"
    case .wrapping(let coarser): "wrapping(coarser: \(coarser))"
    }
  }
}

extension SplitMix64 {
  /// A bias format whose fraction bits are close to the accumulator's (so that the proof's
  /// bound stays within 64 bits).
  mutating func biasFormat(near accumulatorFraction: Int) throws -> FixedFormat {
    let width = int(2...16)
    let fraction = accumulatorFraction - int(0...3)
    return try FixedFormat(
      width: width, integerBits: width - fraction, isSigned: true,
      quantization: QuantizationMode.allCases[int(0...6)])
  }

  /// The accumulator for an op whose output `o` sums `depth` products `x · w[o, i]`.
  mutating func accumulator(
    _ choice: AccumulatorChoice, x: FixedFormat, w: FixedConstant, bias: FixedConstant?,
    depth: Int
  ) throws -> FixedFormat {
    let productFraction = x.fractionBits + w.format.fractionBits
    switch choice {
    case .random:
      return try format(maxWidth: 40)
    case .proven:
      let xMax = max(-x.minRaw, x.maxRaw)
      var worst: Int128 = 0
      for o in 0..<(w.raw.count / depth) {
        var bound: Int128 = 0
        for i in 0..<depth { bound += abs(Int128(w.raw[o * depth + i])) * xMax }
        if let bias {
          let shift = productFraction - bias.format.fractionBits
          bound += (abs(Int128(bias.raw[o])) << max(shift, 0)) + 1
        }
        worst = max(worst, bound)
      }
      let width = Int128.bitWidth - worst.leadingZeroBitCount + 1 + int(0...2)
      return try FixedFormat(
        width: width, integerBits: width - productFraction,
        quantization: QuantizationMode.allCases[int(0...6)],
        overflow: OverflowMode.allCases[int(0...3)])
    case .wrapping(let coarser):
      let fraction = coarser ? productFraction - int(1...8) : productFraction + int(0...3)
      let width = int(4...32)
      let modes: [QuantizationMode] =
        coarser ? [.truncate, .roundHalfUp, .roundHalfDown] : QuantizationMode.allCases
      return try FixedFormat(
        width: width, integerBits: width - fraction, isSigned: !oneIn(4),
        quantization: modes[int(0...(modes.count - 1))], overflow: .wrap)
    }
  }
}
