import Synth
import Testing

/// Counting noise on a flat field: every pixel's count has mean and variance equal to the
/// dose per pixel, in both of the sampler's regimes (Knuth below 10, PTRS above).
@Suite struct PoissonNoiseTests {
  @Test(arguments: [0.3, 4.0, 9.5, 25.0, 400.0])
  func givesAFlatFieldPoissonMeanAndVariance(perPixel: Double) {
    var random = SplitMix64(seed: 2024, stream: Int(perPixel * 10))
    let pixels = 64 * 64
    var values: [Double] = []
    for _ in 0..<25 {
      let flat = [Double](repeating: 3.5, count: pixels)
      values += PoissonNoise.counts(flat, dose: perPixel * Double(pixels), random: &random)
    }
    let n = Double(values.count)
    #expect(values.allSatisfy { $0 >= 0 && $0 == $0.rounded() })
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    // Standard errors of a Poisson(λ) sample's mean, √(λ/n), and variance, √((λ + 2λ²)/n).
    let meanError = (perPixel / n).squareRoot()
    let varianceError = ((perPixel + 2 * perPixel * perPixel) / n).squareRoot()
    #expect(
      abs(mean - perPixel) < 5 * meanError, "λ \(perPixel): mean \(mean)")
    #expect(
      abs(variance - perPixel) < 5 * varianceError, "λ \(perPixel): variance \(variance)")
  }

  @Test func followsTheImageInProportion() {
    var random = SplitMix64(seed: 3)
    // Three pixels in the ratio 1 : 2 : 7 at a dose of 10^6: expected 1e5, 2e5, 7e5 counts.
    let counts = PoissonNoise.counts([1, 2, 7], dose: 1e6, random: &random)
    for (count, expected) in zip(counts, [1e5, 2e5, 7e5]) {
      #expect(abs(count - expected) < 5 * expected.squareRoot(), "\(counts)")
    }
  }

  @Test func scalesByMaximumAndByRange() {
    #expect(PoissonNoise.maxScaled([0, 2, 8, 4]) == [0, 0.25, 1, 0.5])
    #expect(PoissonNoise.minMaxScaled([2, 4, 10, 6]) == [0, 0.25, 1, 0.5])
    #expect(PoissonNoise.minMaxScaled([3, 3]) == [0, 0])
  }

  @Test func parsesDoses() {
    #expect(Dose(text: "1000") == .fixed(1000))
    #expect(Dose(text: "10:1e4") == .logUniform(10...10_000))
    for bad in ["0", "-5", "10:10", "100:10", "x", "1:2:3", "", "nan", "inf"] {
      #expect(Dose(text: bad) == nil, "'\(bad)'")
    }
  }
}
