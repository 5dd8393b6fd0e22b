import Compiler
import Compression
import FixedPoint
import Foundation
import ModelFormat
import Testing

@Suite struct PruneSweepTests {
  /// The sweep keeps the last fraction within the tolerance, and the next one it tried
  /// exceeds it; the kept fraction's metric, recomputed, is within.
  @Test func keepsTheLargestFractionWithinTheTolerance() throws {
    let frames = Fixtures.frames(64)
    let evaluator = try Fixtures.evaluator(frames)
    let uniform = PrecisionConfig(
      file: "u", precision: .uniform(try FixedFormat(parsing: "ap_fixed<18,6>")))
    let sweep = try PruneSweep.run(
      spec: try PruneSpec(parsing: "global:0.9"), tolerance: 0.1, evaluator: evaluator,
      config: uniform, step: 0.1)
    let chosen = try #require(sweep.chosen)
    let kept = try #require(sweep.points.last { $0.isWithin })
    #expect(kept.spec == chosen)
    #expect(kept.metric <= 0.1)
    if let last = sweep.points.last, !last.isWithin {
      #expect(last.metric > 0.1)
      #expect(last.fraction > kept.fraction)
    }
    // Sparsity follows the fraction exactly: round(f · 192) of 192 weights.
    for point in sweep.points {
      #expect(point.sparsity == (point.fraction * 192).rounded() / 192, "\(point.spec)")
    }
    var config = uniform
    config.prune = chosen
    let program = try evaluator.compile(config: config).program
    #expect(try evaluator.measure(program) == kept.metric)
  }

  /// The report prices zeros as free: multipliers removed equal the zeroed weights (one
  /// multiplier per non-zero weight, unrolled), and nothing changes for an unpruned layer.
  @Test func reportCountsRemovedMultipliers() throws {
    let evaluator = try Fixtures.evaluator(Fixtures.frames(16))
    let uniform = PrecisionConfig(
      file: "u", precision: .uniform(try FixedFormat(parsing: "ap_fixed<16,6>")))
    let report = try PruneReport(
      evaluator: evaluator, config: uniform, spec: try PruneSpec(parsing: "layer:fc1=0.75"))
    let fc1 = try #require(report.layers.first { $0.name == "fc1" })
    let fc2 = try #require(report.layers.first { $0.name == "fc2" })
    #expect(fc1.sparsity == 0.75)
    // 96 of 128 weights are zero after; those zero already (in float) had no multiplier.
    let zeroBefore = Fixtures.model.weights["w1"]?.scalars.filter { $0 == 0 }.count ?? -1
    #expect(fc1.multipliersRemoved == 96 - zeroBefore)
    #expect(fc2.multipliersRemoved == 0)
    #expect(fc2.dspSaved == 0)
    #expect(fc1.channels == (16, 16))
  }
}
