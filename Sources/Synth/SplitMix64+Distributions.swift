import Foundation

/// The distributions the generators draw from, built only on ``SplitMix64/next()`` so that
/// their outputs are as reproducible as the bits.
extension SplitMix64 {
  /// A uniform double in [0, 1): the top 53 bits of the next output.
  public mutating func uniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform double in `range` (lower bound included, upper excluded).
  public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
    range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
  }

  /// A uniform integer in `0..<count`, by rejection so that every value is equally likely.
  public mutating func index(below count: Int) -> Int {
    precondition(count > 0, "index(below:) needs a positive count")
    let bound = UInt64(count)
    let limit = UInt64.max - UInt64.max % bound
    while true {
      let value = next()
      if value < limit { return Int(value % bound) }
    }
  }

  /// A value whose logarithm is uniform in `range`'s logarithms: doses spread evenly over
  /// decades (10 to 10,000 electrons gives as many frames per decade).
  public mutating func logUniform(_ range: ClosedRange<Double>) -> Double {
    exp(uniform(log(range.lowerBound)...log(range.upperBound)))
  }

  /// A standard normal value (Box-Muller; one value per call).
  public mutating func normal() -> Double {
    let u = 1 - uniform()
    let v = uniform()
    return sqrt(-2 * log(u)) * cos(2 * Double.pi * v)
  }

  /// A Poisson-distributed count with the given `mean` (zero for a mean of zero or less).
  ///
  /// Knuth's product of uniforms below a mean of 10; above it Hörmann's transformed
  /// rejection with squeeze (PTRS, 1993, the method NumPy uses), which is exact and takes
  /// about one uniform pair per draw at any mean.
  public mutating func poisson(mean: Double) -> Double {
    guard mean > 0 else { return 0 }
    if mean < 10 {
      let limit = exp(-mean)
      var count = 0.0
      var product = uniform()
      while product > limit {
        count += 1
        product *= uniform()
      }
      return count
    }
    let root = sqrt(mean)
    let logMean = log(mean)
    let b = 0.931 + 2.53 * root
    let a = -0.059 + 0.02483 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let acceptance = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = uniform() - 0.5
      let v = uniform()
      let us = 0.5 - abs(u)
      let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
      if us >= 0.07 && v <= acceptance { return k }
      if k < 0 || (us < 0.013 && v > us) { continue }
      if log(v) + log(inverseAlpha) - log(a / (us * us) + b)
        <= -mean + k * logMean - lgamma(k + 1)
      {
        return k
      }
    }
  }
}
