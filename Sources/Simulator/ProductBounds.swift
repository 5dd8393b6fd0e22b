import FixedPoint

/// The range of every product `x·w` and of every output's sum of products, over all inputs
/// the left operand's format can hold: the facts the fast accumulation paths are proven from.
///
/// With constant weights the bounds use the actual weights (tighter than their format);
/// for matmul, whose right operand is a tensor, its format's range. All arithmetic is in
/// `Int128`, checked; a bound that does not fit makes the initialiser fail, and the op then
/// takes the per-step path.
struct ProductBounds {
  /// The right operand's raw range.
  let rhsLow: Int128
  let rhsHigh: Int128
  /// The smallest and largest single product.
  let productLow: Int128
  let productHigh: Int128
  /// Per output, `Σ_i min_x(x·w[o, i])` and `Σ_i max_x(x·w[o, i])`.
  let sumLow: [Int128]
  let sumHigh: [Int128]

  init?(lhs: FixedFormat, rhs: FixedFormat, weights: [Int64]?, outputs: Int, depth: Int) {
    let (xLow, xHigh) = (lhs.minRaw, lhs.maxRaw)
    /// The product range of `x·w` for one `w`; each holds 0 since `x` can be 0.
    func range(_ w: Int128) -> (Int128, Int128) {
      w >= 0 ? (xLow * w, xHigh * w) : (xHigh * w, xLow * w)
    }
    var lows = [Int128](repeating: 0, count: outputs)
    var highs = [Int128](repeating: 0, count: outputs)
    var (pLow, pHigh): (Int128, Int128) = (0, 0)
    if let weights {
      let (wLow, wHigh) = (weights.min() ?? 0, weights.max() ?? 0)
      (rhsLow, rhsHigh) = (Int128(wLow), Int128(wHigh))
      for o in 0..<outputs {
        var (low, high): (Int128, Int128) = (0, 0)
        for i in 0..<depth {
          let (a, b) = range(Int128(weights[o * depth + i]))
          guard let l = Self.add(low, a), let h = Self.add(high, b) else { return nil }
          (low, high) = (l, h)
          (pLow, pHigh) = (min(pLow, a), max(pHigh, b))
        }
        (lows[o], highs[o]) = (low, high)
      }
    } else {
      (rhsLow, rhsHigh) = (rhs.minRaw, rhs.maxRaw)
      let corners = [range(rhsLow), range(rhsHigh)]
      pLow = min(corners[0].0, corners[1].0)
      pHigh = max(corners[0].1, corners[1].1)
      let count = Int128(depth)
      guard let low = Self.multiply(pLow, count), let high = Self.multiply(pHigh, count) else {
        return nil
      }
      lows = [Int128](repeating: low, count: outputs)
      highs = [Int128](repeating: high, count: outputs)
    }
    (productLow, productHigh) = (pLow, pHigh)
    (sumLow, sumHigh) = (lows, highs)
  }

  /// Whether `bias[o] + Σ·2^k` stays inside the accumulator's pass band for every partial
  /// sum of every output: the proof of `AccumulationPath.exact`.
  func provesExact(bias: [Int64], accumulator: FixedFormat, shift k: Int) -> Bool {
    guard k < 64 else { return false }
    let symmetric = accumulator.saturatesSymmetrically
    let low = accumulator.minRaw + (symmetric ? 1 : 0)
    let high = accumulator.maxRaw
    let scale = Int128(1) << k
    for o in bias.indices {
      guard let sLow = Self.multiply(sumLow[o], scale),
        let sHigh = Self.multiply(sumHigh[o], scale),
        let l = Self.add(Int128(bias[o]), sLow), let h = Self.add(Int128(bias[o]), sHigh),
        l >= low, h <= high
      else { return false }
    }
    return true
  }

  /// Whether every product `x·w·2^k` and every raw of the accumulator is an integer below
  /// 2^53 in magnitude: with ``provesExact(bias:accumulator:shift:)``, what
  /// `AccumulationPath.exactFloat64` needs (the operands' lanes are at most 32 bits wide).
  func fitsFloat64(accumulator: FixedFormat, shift k: Int) -> Bool {
    let limit = Int128(1) << 53
    guard k < 53, accumulator.minRaw >= -limit, accumulator.maxRaw <= limit else {
      return false
    }
    return productLow << k >= -limit && productHigh << k <= limit
  }

  /// Whether every output's sum of products fits `T`.
  func sumsFit<T: FixedWidthInteger>(_: T.Type) -> Bool {
    let (low, high) = (Int128(T.min), Int128(T.max))
    return sumLow.allSatisfy { $0 >= low } && sumHigh.allSatisfy { $0 <= high }
  }

  private static func add(_ a: Int128, _ b: Int128) -> Int128? {
    let (r, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : r
  }

  private static func multiply(_ a: Int128, _ b: Int128) -> Int128? {
    let (r, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : r
  }
}
