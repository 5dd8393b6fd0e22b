import Compiler
import FixedIR
import ModelFormat
import Targets

/// Prunes more and more until the metric leaves a tolerance, and reports per layer what the
/// chosen pruning saves and costs.
///
/// The last step of the spec that has a fraction (`global:0.9`, `channels:0.5`) is swept
/// from `step` up to its fraction in steps of `step`; the sweep stops at the first
/// fraction whose metric misses the tolerance and keeps the largest one before it. Without
/// retraining, pruning only loses accuracy, so the metric is compared with the float model
/// as loaded: it includes quantization, as the hardware would run it.
///
///     let sweep = try PruneSweep.run(
///       spec: try PruneSpec(parsing: "global:0.9"), tolerance: 0.05, evaluator: evaluator,
///       config: nil)
///     sweep.chosen?.description  // "global:0.35"
public enum PruneSweep {
  /// One fraction tried.
  public struct Point: Sendable, Equatable {
    /// The spec compiled.
    public var spec: PruneSpec
    /// The fraction swept.
    public var fraction: Double
    /// The metric against the float model.
    public var metric: Double
    /// The fraction of zeros among dense and conv weights after pruning.
    public var sparsity: Double
    /// The cost model's estimate, unrolled.
    public var resources: ResourceUsage
    /// Whether the metric met the tolerance.
    public var isWithin: Bool
  }

  /// The sweep: every point tried, in order, and the spec kept.
  public struct Outcome: Sendable {
    /// The points, increasing fraction, up to the first that missed.
    public var points: [Point]
    /// The largest fraction within the tolerance, or nil if none was.
    public var chosen: PruneSpec?
  }

  /// Sweeps `spec` (see the type's documentation); `config` gives the precision.
  public static func run(
    spec: PruneSpec, tolerance: Double, evaluator: Evaluator, config: PrecisionConfig?,
    step: Double = 0.05
  ) throws -> Outcome {
    guard let index = spec.steps.lastIndex(where: { $0.fraction != nil }),
      let top = spec.steps[index].fraction
    else {
      let point = try evaluate(spec, fraction: 0, tolerance: tolerance, evaluator, config)
      return Outcome(points: [point], chosen: point.isWithin ? spec : nil)
    }
    // Multiples of `step` rounded to 1e-9, so that specs read `global:0.15`, not 0.15000000000000002.
    var fractions = Array(stride(from: step, to: top - 1e-9, by: step)).map {
      ($0 * 1e9).rounded() / 1e9
    }
    fractions.append(top)
    var points: [Point] = []
    var chosen: PruneSpec?
    for fraction in fractions {
      var candidate = spec
      candidate.steps[index] = spec.steps[index].with(fraction: fraction)
      let point = try evaluate(
        candidate, fraction: fraction, tolerance: tolerance, evaluator, config)
      points.append(point)
      guard point.isWithin else { break }
      chosen = candidate
    }
    return Outcome(points: points, chosen: chosen)
  }

  private static func evaluate(
    _ spec: PruneSpec, fraction: Double, tolerance: Double, _ evaluator: Evaluator,
    _ config: PrecisionConfig?
  ) throws -> Point {
    var pruned = config ?? PrecisionConfig(file: "--prune")
    pruned.prune = spec
    let result = try evaluator.compile(config: pruned)
    let metric = try evaluator.measure(result.program)
    return Point(
      spec: spec, fraction: fraction, metric: metric,
      sparsity: MagnitudePruning.sparsity(of: result.model).total,
      resources: try evaluator.cost(result.program).resources,
      isWithin: evaluator.metric.isWithin(metric, bound: tolerance))
  }
}
