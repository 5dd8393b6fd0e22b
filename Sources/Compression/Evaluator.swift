import Compiler
import FixedIR
import ModelFormat
import Reference
import Simulator
import Targets

/// Compiles candidate configurations of one model, runs them bit-accurately on a fixed set
/// of frames and prices them: the inner loop of pruning sweeps and precision search.
///
/// The float outputs of the model as loaded (unpruned) are computed once; every candidate's
/// fixed-point outputs are compared with them, so a metric includes what pruning and
/// quantization cost together. Only the first model output is measured.
///
///     let evaluator = try Evaluator(model: braggnn, frames: [patches],
///                                   metric: .meanDistance(scale: 11), costModel: cost)
///     let result = try evaluator.compile(config: config)
///     try evaluator.measure(result.program)  // mean peak distance in pixels
public struct Evaluator: Sendable {
  /// The model as loaded.
  public var model: Model
  /// One batch `[N, *input shape]` per graph input.
  public var frames: [Tensor]
  /// The metric reported and bounded.
  public var metric: FidelityMetric
  /// How candidates are priced.
  public var costModel: CostModel
  /// Settings of the calibrated precision, as in `CompileOptions`.
  public var settings: CalibratedSettings
  /// The precision used when a config sets none.
  public var precision: Precision = .calibrated
  /// The frames the calibrated precision calibrates on; nil: `frames`.
  public var calibration: [Tensor]?
  /// The float outputs of `model` on `frames`, first output, frame-major.
  public let reference: [Double]
  /// Values of the first output per frame.
  public let perFrame: Int

  /// Runs the float model on `frames` once.
  public init(
    model: Model, frames: [Tensor], metric: FidelityMetric, costModel: CostModel,
    settings: CalibratedSettings = CalibratedSettings()
  ) throws {
    self.model = model
    self.frames = frames
    self.metric = metric
    self.costModel = costModel
    self.settings = settings
    let engine = try ReferenceEngine(model: model)
    let named = Dictionary(uniqueKeysWithValues: zip(model.inputs.map(\.name), frames))
    reference = try engine.run(named)[0].scalars.map(Double.init)
    perFrame = engine.outputShapes.first?.reduce(1, *) ?? 1
  }

  /// The number of frames.
  public var frameCount: Int { frames.first?.shape.first ?? 0 }

  /// Frames `range` only (a search split or a held-out split).
  public func subset(_ range: Range<Int>) throws -> Evaluator {
    let batches = frames.map { t in
      let per = t.count / max(t.shape[0], 1)
      return Tensor(
        shape: [range.count] + t.shape.dropFirst(),
        scalars: Array(t.scalars[range.lowerBound * per..<range.upperBound * per]))
    }
    var part = try Evaluator(
      model: model, frames: batches, metric: metric, costModel: costModel, settings: settings)
    part.precision = precision
    part.calibration = calibration
    return part
  }

  /// Compiles `model` with `config` (its precision, else `precision`) calibrating on
  /// `source`, or on `calibration` (else these frames) when it is nil and the precision
  /// needs it.
  public func compile(
    config: PrecisionConfig?, calibration source: CalibrationSource? = nil
  ) throws -> CompileResult {
    let options = CompileOptions(precision: precision, settings: settings, config: config)
    var source = source
    if source == nil, case .calibrated = config?.precision ?? precision {
      source = .frames(calibration ?? frames)
    }
    return try FixedCompiler.compile(model: model, options: options, calibration: source)
  }

  /// The metric of `program`'s first output against the float model's, on every frame,
  /// simulated with the `fastest` accumulation (the same bits, no overflow counts).
  public func measure(_ program: FixedProgram) throws -> Double {
    let simulator = try Simulator(program: program, accumulation: .fastest)
    let inputs = Dictionary(
      uniqueKeysWithValues: zip(model.inputs.map(\.name), frames.map(\.scalars)))
    let result = try simulator.run(inputs, frames: frameCount)
    return metric.measure(fixed: result.outputs[0].values, float: reference, perFrame: perFrame)
  }

  /// The cost model's estimate for `program`, fully unrolled (reuse 1).
  public func cost(_ program: FixedProgram) throws -> CostReport {
    try costModel.estimate(program: program, architecture: .parallel(reuse: 1))
  }
}
