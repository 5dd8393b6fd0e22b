import FixedIR
import ModelFormat

/// The compiler's pipeline from a float model to a fixed-point program: simplify, calibrate,
/// quantize, lower. The one entry point for the command line, the HLS emitter and the
/// benchmarks.
///
/// Each stage is a named pass (`drop-identity`, `fold-batchnorm`, `eliminate-dead-nodes`, the
/// pruning passes of the config's `prune`, `calibrate`, `quantize`, `lower`); a failure is a
/// `CompilerError.passFailed` naming it, so it renders as `path: error: [pass-name] message`,
/// and `printIRAfter` captures the graph (or, after `quantize`, the plan; after `lower`, the
/// program) for `--print-ir-after`. The lowered program is always checked by
/// `FixedProgramVerifier`.
///
///     let model = try ModelLoader.load(contentsOf: url)
///     let result = try FixedCompiler.compile(
///       model: model, options: CompileOptions(), calibration: .frames([patches]))
///     result.program.ops.count
///     result.plan.nodes["conv1"]?.accumulator  // sized so that it never overflows
public enum FixedCompiler {
  /// Every pass name of the pipeline, in order.
  public static var passNames: [String] {
    GraphPass.simplify.map(\.name) + PruneSpec.passNames
      + ["calibrate", Quantize.passName, Lower.passName]
  }

  /// Compiles `model` (as loaded, not yet simplified) to a fixed-point program.
  ///
  /// - Parameters:
  ///   - calibration: frames or a saved table; required when the precision (the config's,
  ///     else the options') is `calibrated`, ignored otherwise.
  ///   - printIR: called with a pass name and its text right after each pass named in
  ///     `options.printIRAfter`.
  /// - Throws: `CompilerError.unknownPass` for a bad `printIRAfter` name, and
  ///   `CompilerError.passFailed` for a failing pass, wrapping `QuantizationError` (say, no
  ///   calibration given for a calibrated precision) or `PrecisionConfigError`.
  public static func compile(
    model: Model, options: CompileOptions = CompileOptions(),
    calibration: CalibrationSource? = nil,
    printIR: (_ pass: String, _ text: String) -> Void = { _, _ in }
  ) throws -> CompileResult {
    let names = passNames
    if let unknown = options.printIRAfter.sorted().first(where: { !names.contains($0) }) {
      throw CompilerError.unknownPass(name: unknown, valid: names)
    }
    let precision = options.config?.precision ?? options.precision
    if case .calibrated = precision, calibration == nil {
      throw CompilerError.passFailed(
        pass: "calibrate", underlying: QuantizationError.noCalibration)
    }

    let graphPasses = GraphPass.simplify + (options.config?.prune?.passes ?? [])
    let simplify = try PassManager(
      passes: graphPasses, verifyAfterEachPass: options.verifyAfterEachPass,
      printIRAfter: options.printIRAfter.intersection(graphPasses.map(\.name)))
    let simplified = try simplify.run(model, printIR: printIR)
    var records = simplified.records
    let graph = simplified.model

    func record(_ pass: String, _ text: @autoclosure () -> String) {
      var irAfter: String?
      if options.printIRAfter.contains(pass) {
        irAfter = text()
        printIR(pass, irAfter ?? "")
      }
      records.append(PassRecord(name: pass, changed: false, irAfter: irAfter))
    }

    var table: CalibrationTable?
    if case .calibrated = precision, let calibration {
      table = try stage("calibrate") {
        try calibrate(graph, calibration, options: options.calibration)
      }
      record("calibrate", graph.textForm)
    }
    try stage(Quantize.passName) {
      try options.config?.check(against: graph, original: model)
    }
    let plan = try stage(Quantize.passName) {
      try Quantize.plan(
        for: graph, precision: precision, calibration: table, config: options.config,
        settings: options.settings)
    }
    record(Quantize.passName, plan.textForm(of: graph))
    let program = try stage(Lower.passName) { try Lower.program(for: graph, plan: plan) }
    do {
      try FixedProgramVerifier().verify(program)
    } catch {
      throw CompilerError.verificationFailed(pass: Lower.passName, underlying: error)
    }
    record(Lower.passName, program.textForm)
    return CompileResult(
      program: program, plan: plan, model: graph, calibration: table, passRecords: records)
  }

  /// Runs one stage, wrapping its error as `CompilerError.passFailed(pass:)`.
  private static func stage<T>(_ pass: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as CompilerError where error.pass != nil {
      throw error
    } catch {
      throw CompilerError.passFailed(pass: pass, underlying: error)
    }
  }

  /// The calibration table of the simplified `model` from `source`.
  private static func calibrate(
    _ model: Model, _ source: CalibrationSource, options: Calibration
  ) throws -> CalibrationTable {
    switch source {
    case .frames(let frames):
      try options.run(on: model, frames: frames)
    case .chunks(let count, let read):
      try options.run(on: model, frameCount: count, reading: read)
    case .table(let table):
      table
    }
  }
}

/// Where calibrated precision gets its ranges from.
///
/// Calibration always runs on the simplified graph (a folded batchnorm changes what its
/// layer outputs), so a saved table must come from the same simplified model: a table from
/// `CompileResult.calibration`, for example.
public enum CalibrationSource {
  /// Frames in memory, one batch `[N] + input shape` per graph input, in input order.
  case frames([Tensor])
  /// `count` frames read a chunk at a time (`Calibration.run(on:frameCount:reading:)`).
  case chunks(count: Int, read: (Range<Int>) throws -> [Tensor])
  /// A table calibrated earlier on the simplified model.
  case table(CalibrationTable)
}

/// The options of `FixedCompiler.compile`.
///
///     var options = CompileOptions()
///     options.precision = .uniform(try FixedFormat(parsing: "ap_fixed<16,6>"))
///     options.printIRAfter = ["quantize"]
public struct CompileOptions: Sendable {
  /// `calibrated` (the default) or `uniform(P)`; a config's `precision` replaces it.
  public var precision: Precision
  /// Widths, margin and modes of the calibrated precision.
  public var settings: CalibratedSettings
  /// How calibration traces frames (its percentiles, its chunk size).
  public var calibration: Calibration
  /// A precision config file's overrides.
  public var config: PrecisionConfig?
  /// Pass names after which to capture the IR.
  public var printIRAfter: Set<String>
  /// Whether the graph is verified after every graph pass (tests turn it on).
  public var verifyAfterEachPass: Bool

  /// Creates options; the defaults are the documented ones.
  public init(
    precision: Precision = .calibrated, settings: CalibratedSettings = CalibratedSettings(),
    calibration: Calibration = Calibration(), config: PrecisionConfig? = nil,
    printIRAfter: Set<String> = [], verifyAfterEachPass: Bool = false
  ) {
    self.precision = precision
    self.settings = settings
    self.calibration = calibration
    self.config = config
    self.printIRAfter = printIRAfter
    self.verifyAfterEachPass = verifyAfterEachPass
  }
}

/// What `FixedCompiler.compile` produced.
public struct CompileResult: Sendable {
  /// The fixed-point program.
  public var program: FixedProgram
  /// Every format, as `quantize` chose it.
  public var plan: QuantizationPlan
  /// The simplified float graph that was quantized and lowered.
  public var model: Model
  /// The calibration table of the simplified graph, when calibrated precision was used.
  public var calibration: CalibrationTable?
  /// One record per pass, in run order.
  public var passRecords: [PassRecord]

  /// Creates a result from its parts.
  public init(
    program: FixedProgram, plan: QuantizationPlan, model: Model,
    calibration: CalibrationTable?, passRecords: [PassRecord]
  ) {
    self.program = program
    self.plan = plan
    self.model = model
    self.calibration = calibration
    self.passRecords = passRecords
  }
}
