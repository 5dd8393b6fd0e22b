import ModelFormat

/// One transformation or analysis of the float graph: a stable name and a run function.
///
/// A pass is a value, not a type, so pipelines are plain arrays and a pass can capture its
/// options (calibration frames, say). The name is kebab-case and stable: users type it in
/// `--print-ir-after NAME` and see it in diagnostics as `[NAME]`. `run` rewrites the model in
/// place and returns whether it changed anything, which lets the pass manager report what a
/// pipeline did and lets a test state that a pass leaves a graph alone. Analyses that produce
/// results (calibration) return `false` and leave them in the `PassContext`.
///
///     let dropIdentity = GraphPass(
///       name: "drop-identity", summary: "Removes dropout and identity nodes."
///     ) { model in DropIdentity.run(on: &model) }
public struct GraphPass: Sendable {
  /// The kebab-case name used by `--print-ir-after` and in diagnostics.
  public let name: String
  /// One sentence saying what the pass does, for `--help` listings.
  public let summary: String
  /// Rewrites the model, may record results in the context, returns whether the model changed.
  public let run: @Sendable (inout Model, inout PassContext) throws -> Bool

  /// Creates a pass that also reads or writes the pipeline's shared context.
  public init(
    name: String, summary: String,
    run: @escaping @Sendable (inout Model, inout PassContext) throws -> Bool
  ) {
    self.name = name
    self.summary = summary
    self.run = run
  }

  /// Creates a pass that only rewrites the model.
  public init(
    name: String, summary: String, run: @escaping @Sendable (inout Model) throws -> Bool
  ) {
    self.name = name
    self.summary = summary
    self.run = { model, _ in try run(&model) }
  }
}

/// What the passes of one pipeline run share besides the model: the results of analyses.
///
/// The graph itself has no room for analysis results (ranges, formats), and they should not
/// outlive the run that computed them unless asked, so passes leave them here and the caller
/// reads them from `PassRun.context`.
///
///     let run = try PassManager(passes: [.calibrate(frames: [x])]).run(model)
///     run.context.calibration?["conv1"]?.max
public struct PassContext: Sendable {
  /// The table recorded by the `calibrate` pass, if it ran.
  public var calibration: CalibrationTable?

  /// Creates an empty context, or one seeded with a table reused from `--calibration`.
  public init(calibration: CalibrationTable? = nil) {
    self.calibration = calibration
  }
}

extension GraphPass {
  /// The default simplification pipeline on the float graph, in order:
  /// `drop-identity`, `fold-batchnorm`, `eliminate-dead-nodes`.
  ///
  /// Identity nodes go first so that a batchnorm behind a dropout still sees its conv;
  /// dead-node elimination goes last to drop the tensors that folding orphaned.
  public static let simplify: [GraphPass] = [.dropIdentity, .foldBatchNorm, .eliminateDeadNodes]
}
