import Compiler
import Compression
import Foundation
import ModelFormat
import Targets

extension CompressionOptions {
  /// What pruning and precision search did, for the compile command's summary and JSON.
  struct Outcome {
    /// Lines for the readable summary.
    var lines: [String] = []
    /// Members of the `"compression"` JSON object.
    var json: [String: JSONValue] = [:]
  }

  /// Runs the pruning sweep or report and the precision search, leaving their result in
  /// `options.config`.
  ///
  /// - Throws: ``UsageError`` when frames are missing, ``CompileFailure`` for the compiler's
  ///   errors, and the `.npy` reader's and the target catalogue's errors.
  func run(model: Model, file: String, options: inout FixedRunOptions) throws -> Outcome {
    var outcome = Outcome()
    let calibrationFrames = try Self.frames(options.calibrationPaths, model: model)
    let metricFrames =
      dataPaths.isEmpty ? calibrationFrames : try Self.frames(dataPaths, model: model)
    if let prune { options.config = Self.with(prune, options.config) }
    guard let frames = metricFrames else {
      if isAutomatic || pruneTolerance != nil {
        throw UsageError.invalid(
          "--precision auto and --prune-tolerance measure --metric on frames; give "
            + "--calibration C.npy (and optionally --data X.npy)")
      }
      outcome.lines.append("pruned with \(prune?.description ?? ""); give --data to measure it")
      return outcome
    }
    let part = try TargetCatalog.standard().part(named: target)
    do {
      var evaluator = try Evaluator(
        model: model, frames: frames, metric: metric, costModel: CostModel(part: part))
      evaluator.precision = options.precision
      evaluator.calibration = calibrationFrames
      if let prune {
        try runPrune(prune, evaluator: evaluator, options: &options, outcome: &outcome)
      }
      if isAutomatic {
        try runSearch(
          evaluator: evaluator, calibration: calibrationFrames ?? frames, model: model,
          options: &options, outcome: &outcome)
      }
    } catch let error as CompilerError {
      throw CompileFailure(file: file, error: error)
    }
    return outcome
  }

  /// `config` with `prune` set (a new config when there is none).
  static func with(_ prune: PruneSpec?, _ config: PrecisionConfig?) -> PrecisionConfig {
    var config = config ?? PrecisionConfig(file: "--prune")
    config.prune = prune
    return config
  }

  /// The frames of `paths` (one file per graph input), or nil when none are given.
  static func frames(_ paths: [String], model: Model) throws -> [Tensor]? {
    guard !paths.isEmpty else { return nil }
    guard paths.count == model.inputs.count else {
      throw UsageError.invalid(
        "frames were given \(paths.count) times but model '\(model.name)' has "
          + "\(model.inputs.count) inputs; give one file per input, in order")
    }
    let files = try FrameFiles.open(paths, for: model)
    let count = files.map(\.itemCount).min() ?? 0
    return try files.map { file in
      Tensor(shape: [count] + file.itemShape, scalars: try file.floats(items: 0..<count))
    }
  }
}
