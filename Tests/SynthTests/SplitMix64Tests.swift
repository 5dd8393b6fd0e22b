import Synth
import Testing

/// The generator is the published SplitMix64, and the distributions built on it have the
/// moments they claim.
@Suite struct SplitMix64Tests {
  /// The first outputs for seed 1234567 from Vigna's reference implementation (the test
  /// vector of the rand_xoshiro crate, recomputed by hand in Python for this test).
  @Test func reproducesThePublishedSequence() {
    var random = SplitMix64(seed: 1_234_567)
    let expected: [UInt64] = [
      6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
      4_593_380_528_125_082_431, 16_408_922_859_458_223_821,
    ]
    #expect((0..<5).map { _ in random.next() } == expected)
  }

  @Test func givesNeighbouringStreamsUnrelatedOutputs() {
    var first = SplitMix64(seed: 7, stream: 0)
    var second = SplitMix64(seed: 7, stream: 1)
    var again = SplitMix64(seed: 7, stream: 0)
    let a = (0..<8).map { _ in first.next() }
    let b = (0..<8).map { _ in second.next() }
    #expect(a == (0..<8).map { _ in again.next() })
    #expect(Set(a).isDisjoint(with: b))
  }

  /// Uniforms in [0, 1) with mean 1/2 and variance 1/12, within five standard errors.
  @Test func drawsUniformsWithTheRightMoments() {
    var random = SplitMix64(seed: 11)
    let count = 100_000
    let values = (0..<count).map { _ in random.uniform() }
    #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
    let mean = values.reduce(0, +) / Double(count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(count - 1)
    #expect(abs(mean - 0.5) < 5 * (1.0 / 12 / Double(count)).squareRoot())
    // The variance of the sample variance of a uniform is (1/80 - 1/144) / n.
    #expect(abs(variance - 1.0 / 12) < 5 * ((1.0 / 80 - 1.0 / 144) / Double(count)).squareRoot())
  }

  @Test func drawsIndicesBelowTheCountEvenly() {
    var random = SplitMix64(seed: 5)
    var counts = [Int](repeating: 0, count: 5)
    for _ in 0..<50_000 { counts[random.index(below: 5)] += 1 }
    // Each count is binomial(50000, 1/5): standard deviation about 89.
    #expect(counts.allSatisfy { abs($0 - 10_000) < 5 * 90 }, "counts \(counts)")
  }
}
