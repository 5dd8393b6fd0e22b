import FixedIR
import FixedPoint

/// The integer type gathered activations and packed weights are stored in for the fast
/// paths: the narrowest that holds every raw, so that `Int16 × Int16` products vectorise
/// (`pmaddwd`). The per-step path reads `Int64`; ``AccumulationPath/exactFloat64`` reads
/// `Double` (``Float64Product``).
enum OperandLane: Sendable {
  case int16, int32, int64

  /// Bytes per operand.
  var byteCount: Int {
    switch self {
    case .int16: 2
    case .int32: 4
    case .int64: 8
    }
  }

  /// The narrowest lane holding every raw in `low...high`.
  static func fitting(_ low: Int128, _ high: Int128) -> OperandLane {
    if low >= Int128(Int16.min) && high <= Int128(Int16.max) { return .int16 }
    if low >= Int128(Int32.min) && high <= Int128(Int32.max) { return .int32 }
    return .int64
  }

  /// The wider of two lanes.
  func joined(_ other: OperandLane) -> OperandLane {
    byteCount >= other.byteCount ? self : other
  }
}

/// Which loop sums one op's products; all give the bits of the per-step definition.
enum AccumulationPath: Sendable, Equatable {
  /// `acc = Q_acc(b) + (Σ x·w) · 2^k` in plain wrapping integers (`Int32` when `sum32`).
  ///
  /// Proof: `F_acc ≥ F_x + F_w`, so `k = F_acc − F_p ≥ 0` and every `acc + x·w` lies on the
  /// accumulator's grid: `Q_acc` does not round. For each output the partial sums lie in
  /// `[Q_acc(b) + Σ_i min_x(w_i·x)·2^k, Q_acc(b) + Σ_i max_x(w_i·x)·2^k]` (each term's range
  /// holds 0, since every format holds 0), with `x` over its whole format; the plan checks
  /// that this interval is inside the accumulator's pass band, so `Q_acc` never overflows
  /// either: it is the identity, and the sum's order cannot matter. Wrapping arithmetic
  /// modulo 2^64 (or 2^32, when the plan also proves `|Σ| < 2^31`) then gives the exact
  /// value, because the exact final value fits.
  case exact(sum32: Bool)
  /// The same proof, and the sums in binary64 by MatrixProduct's register tiles, which
  /// vectorise across outputs or positions where the integer paths reduce one dot product
  /// at a time.
  ///
  /// Proof: the plan also checks that every operand, every product `x·w·2^k` and every
  /// accumulator raw is an integer below 2^53 in magnitude. Each partial sum
  /// `Q_acc(b) + Σ x·w·2^k` lies in the accumulator's range (the `exact` proof), so it is an
  /// integer below 2^53 too, and binary64 holds every such integer: each multiply, add or
  /// fused multiply-add, correctly rounded, returns its exact result, whatever the order.
  case exactFloat64
  /// `acc = wrap_W(Q_acc(b) + Σ q(x·w))`, for `AP_WRAP` accumulators with `N = 0`.
  ///
  /// Proof: wrapping is reduction modulo 2^W, a ring homomorphism, so per-step wraps can be
  /// deferred to the end when each step's quantisation does not depend on `acc`. If
  /// `F_acc ≥ F_p` it does not round at all (`q(p) = p·2^k`). Otherwise, with
  /// `d = F_p − F_acc`, the step is `Q(acc·2^d + p)`, and `acc·2^d` has `d` zero low bits,
  /// so `⌊(acc·2^d + p) / 2^d⌋ = acc + ⌊p / 2^d⌋` and the rounding increment reads only the
  /// low `d` bits of `p` for `AP_TRN` (none), `AP_RND` (bit `d−1`) and `AP_RND_MIN_INF`
  /// (bit `d−1` and any lower bit): `q(p) = ⌊(p + c) / 2^d⌋` with `c` = 0, `2^(d−1)` or
  /// `2^(d−1) − 1`. The other modes read the sign or parity of the sum, so they step.
  /// `p + c` is proven to fit the sum type (from the weights and the input's format).
  case wrapping(sum32: Bool)
  /// `acc = Q_acc(acc + x·w)` one step at a time in `Int64`, or `Int128` when `wide`,
  /// counting each step that overflows.
  case stepwise(wide: Bool)
}

/// Everything a multiply-accumulate op needs per output: the path, the biases already in
/// the accumulator's format, and the write of the result.
struct AccumulationPlan: Sendable {
  let path: AccumulationPath
  let lane: OperandLane
  /// The per-step path computes `acc + x·w` (``AccumulationStep``, FixedIR's one definition
  /// of the step) aligned to the sum's fraction bits as
  /// `(acc << accumulatorAlign) + (x·w << productAlign)`.
  let accumulatorAlign: Int
  let productAlign: Int
  /// `Q_acc` of a step's exact sum, and its branch-free loop when the modes allow one.
  let step: RawWriter
  let stepKernel: StepKernel?
  /// `k = F_acc − F_p` (fast paths, when `≥ 0`).
  let productShift: Int
  /// `d = F_p − F_acc` and the rounding constant `c` (wrapping path, when `d > 0`).
  let roundShift: Int
  let roundBias: Int64
  /// `64 − W` of the accumulator, for the final wrap (signed), or its mask (unsigned).
  let wrapShift: Int
  let wrapMask: Int64
  let accumulatorSigned: Bool
  /// `Q_acc(b[o])` per output (0 without bias), and whether that write overflowed.
  let bias: [Int64]
  /// `bias` as binary64, for ``AccumulationPath/exactFloat64`` (empty on the other paths).
  let float64Bias: [Double]
  let biasOverflowed: [Bool]
  /// `y = Q_out(activation(acc))`.
  let result: ActivationWriter
  /// The same four at a time, for ``AccumulationPath/exactFloat64`` when its modes allow.
  let float64Write: Float64Write?

  /// Plans an op whose output `o` is `Σ_i x[i]·w[o, i]` over `depth` terms.
  ///
  /// - Parameters:
  ///   - weights: the raws `w[o, i]` (`outputs × depth`), or nil when the right operand is a
  ///     tensor (matmul), whose format range then bounds the proof.
  ///   - bias: the bias constant's raws and format, if any.
  init(
    op: String, lhs: FixedFormat, rhs: FixedFormat, weights: [Int64]?, outputs: Int,
    depth: Int, accumulator: FixedFormat, bias: (raw: [Int64], format: FixedFormat)?,
    result: ActivationWriter, strategy: AccumulationStrategy
  ) throws {
    let planned = try AccumulationStep(accumulator: accumulator, lhs: lhs, rhs: rhs)
    let (product, sum) = (planned.product.result, planned.sum.result)
    step = try RawWriter(from: sum, to: accumulator)
    stepKernel = planned.storageWidth <= 64 ? StepKernel(step) : nil
    accumulatorAlign = sum.fractionBits - accumulator.fractionBits
    productAlign = sum.fractionBits - product.fractionBits
    self.result = result
    accumulatorSigned = accumulator.isSigned
    wrapShift = 64 - accumulator.width
    wrapMask = accumulator.isSigned ? -1 : Int64(accumulator.maxRaw)
    var biasRaws = [Int64](repeating: 0, count: outputs)
    var overflowed = [Bool](repeating: false, count: outputs)
    if let bias {
      let write = try RawWriter(from: bias.format, to: accumulator)
      for o in 0..<outputs {
        var count = 0
        biasRaws[o] = write(bias.raw[o], &count)
        overflowed[o] = count > 0
      }
    }
    self.bias = biasRaws
    biasOverflowed = overflowed
    let k = accumulator.fractionBits - product.fractionBits
    productShift = max(k, 0)
    roundShift = max(-k, 0)
    roundBias = Self.roundingConstant(accumulator.quantization, shift: roundShift) ?? 0
    let bounds = ProductBounds(
      lhs: lhs, rhs: rhs, weights: weights, outputs: outputs, depth: depth)
    let wide = planned.storageWidth > 64
    let lane = bounds.map {
      OperandLane.fitting(lhs.minRaw, lhs.maxRaw).joined(.fitting($0.rhsLow, $0.rhsHigh))
    }
    (path, self.lane) = Self.choose(
      strategy: strategy, bounds: bounds, bias: biasRaws, accumulator: accumulator, shift: k,
      roundBias: roundBias, lane: lane ?? .int64, wide: wide)
    float64Bias = path == .exactFloat64 ? biasRaws.map { Double($0) } : []
    float64Write = path == .exactFloat64 ? Float64Write(result) : nil
  }

  /// `2^k`, by which ``AccumulationPath/exactFloat64`` scales the right operand (exactly).
  var float64Scale: Double { Double(sign: .plus, exponent: productShift, significand: 1) }

  /// `c` such that `q(p) = ⌊(p + c) / 2^d⌋`, for the modes whose rounding reads only the
  /// bits that are cut; nil for the others.
  private static func roundingConstant(_ mode: QuantizationMode, shift d: Int) -> Int64? {
    guard d > 0 else { return 0 }
    guard d < 63 else { return nil }
    switch mode {
    case .truncate: return 0
    case .roundHalfUp: return 1 << (d - 1)
    case .roundHalfDown: return (1 << (d - 1)) - 1
    default: return nil
    }
  }

  private static func choose(
    strategy: AccumulationStrategy, bounds: ProductBounds?, bias: [Int64],
    accumulator: FixedFormat, shift k: Int, roundBias: Int64, lane: OperandLane, wide: Bool
  ) -> (AccumulationPath, OperandLane) {
    let stepwise = (AccumulationPath.stepwise(wide: wide), OperandLane.int64)
    guard strategy != .stepwise, let bounds else { return stepwise }
    if k >= 0, bounds.provesExact(bias: bias, accumulator: accumulator, shift: k) {
      if lane != .int64, bounds.fitsFloat64(accumulator: accumulator, shift: k) {
        return (.exactFloat64, lane)
      }
      let sum32 = lane == .int16 && bounds.sumsFit(Int32.self)
      return (.exact(sum32: sum32), lane)
    }
    guard strategy == .fastest, accumulator.overflow == .wrap, accumulator.saturationBits == 0,
      roundingConstant(accumulator.quantization, shift: max(-k, 0)) != nil
    else { return stepwise }
    let narrowAccumulator = accumulator.storageWidth <= 32
    if k >= 0 {
      return (.wrapping(sum32: lane == .int16 && narrowAccumulator), lane)
    }
    let c = Int128(roundBias)
    if lane == .int16, narrowAccumulator, -k < 32, bounds.productLow >= Int128(Int32.min),
      bounds.productHigh + c <= Int128(Int32.max)
    {
      return (.wrapping(sum32: true), lane)
    }
    if bounds.productLow >= Int128(Int64.min), bounds.productHigh + c <= Int128(Int64.max) {
      return (.wrapping(sum32: false), lane)
    }
    return stepwise
  }

  /// `wrap_W(v)`: the accumulator's modular reduction.
  @inline(__always)
  func wrap(_ v: Int64) -> Int64 {
    accumulatorSigned ? (v << wrapShift) >> wrapShift : v & wrapMask
  }
}
