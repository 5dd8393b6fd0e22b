import Compiler
import FixedIR
import Foundation
import HLSEmitter
import ModelFormat
import Targets

/// `etch budget MODEL --target T --detector D`: will this model keep up with this detector
/// on this FPGA? Compiles the model as `etch compile` does, prices the program with the cost
/// model and compares its initiation interval with the detector's frame period.
///
/// Every number is an **estimate** of the first-order cost model (docs/cost-model.md), for
/// deciding before a day of synthesis, not a synthesis result. `--fit` searches per-layer
/// reuse factors for the cheapest design that still keeps up and writes them, with the
/// formats, as a precision config that `etch compile --config` reads (docs/budgets.md).
///
/// ```
/// $ etch budget braggnn_fc16_8_4_2_sz11 --target xcvu9p --detector 4d-camera \
///     --precision 'ap_fixed<16,6>'
/// ...
/// verdict (estimate): keeps up: one instance is busy 5.3% of each 11.494 µs frame, ...
/// ```
struct BudgetCommand: Command {
  /// The architectures `--io` accepts.
  enum IO: String, CaseIterable, ArgumentValue {
    case parallel, stream
  }

  let spec = CommandSpec(
    name: "budget",
    summary: "Estimate resources, latency and II on an FPGA against a detector's frame rate.",
    discussion: """
      Compiles the model as 'etch compile' does (same --precision, --config, \
      --calibration), prices the fixed-point program on the FPGA part with the first-order \
      cost model (docs/cost-model.md) and compares it with the detector's frame period: \
      the latency and initiation interval (II) in cycles and µs at the part's clock, the \
      time one instance is busy per frame (II × inferences per frame), whether one instance \
      keeps up, otherwise how many parallel instances are needed and whether they fit, the \
      resources as a share of the device, and a verdict. Every number is an estimate, not a \
      synthesis result.

      T and D are names in the target catalogue (targets/parts/T.json, \
      targets/detectors/D.json; the catalogue is $ETCH_TARGETS, else ./targets, else the \
      checkout's) or paths to JSON files. --fit searches per-layer reuse factors of the dense, \
      convolution and matmul layers for the design with the fewest DSPs, then LUTs, that still keeps up, \
      and --out-config writes them with the formats as a precision config for \
      'etch compile --config'. Exit status 0 whatever the verdict (read 'keeps_up' and \
      'fits' in --json).
      """,
    arguments: [ModelReference.argument],
    options: [
      .value(
        "target", short: "t", valueName: "T", isRequired: true,
        help: "The FPGA part: a name under targets/parts (xcvu9p, xczu9eg, ...) or a path."),
      .value(
        "detector", short: "d", valueName: "D", isRequired: true,
        help: "The detector: a name under targets/detectors (4d-camera, empad-g2, ...) or a "
          + "path."),
      .value(
        "per-frame", valueName: "K",
        help: "Inferences each frame needs (Bragg peaks per frame, say). Default: the "
          + "detector's inferences_per_frame, which is 1 except for hedm-ff (50)."),
      .value(
        "io", valueName: "IO", choices: IO.allCases.map(\.rawValue),
        help: "The architecture priced. Default: the HLS emitter's choice for the model "
          + "(parallel when every tensor has at most 4,096 elements, else stream)."),
      .value(
        "reuse", valueName: "R",
        help: "Reuse factor of every dense, convolution and matmul layer; "
          + "a config's reuse section replaces it. Default 1 (fully unrolled)."),
    ] + FixedRunOptions.options + [
      .flag(
        "fit",
        help: "Search per-layer reuse factors for the cheapest design (fewest DSPs, then "
          + "LUTs) that keeps up, and price that design."),
      .value(
        "out-config", valueName: "FILE.json",
        help: "With --fit: write the reuse factors, with the formats of --config or "
          + "--precision, as a config for 'etch compile --config'."),
    ],
    examples: [
      CommandExample(
        "etch budget braggnn_fc16_8_4_2_sz11 -t xcvu9p -d 4d-camera "
          + "--precision 'ap_fixed<16,6>'",
        "Will BraggNN keep up with the 4D Camera on a VU9P?"),
      CommandExample(
        "etch budget braggnn_fc16_8_4_2_sz11 -t xczu9eg -d hedm-ff --io parallel "
          + "--calibration patches.npy --fit --out-config braggnn-zu9eg.json",
        "The cheapest reuse factors for 50 peaks per HEDM frame on a ZCU102, as a config."),
    ])

  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
    let request = try BudgetRequest(arguments)
    let catalog = try TargetReference.catalog()
    let part = try catalog.part(named: request.target)
    let detector = try catalog.detector(named: request.detector)
    let reference = ModelReference(try arguments.required(ModelReference.argument.name))
    let (model, url) = try reference.load()
    let file = reference.displayPath(url)
    let compiled = try request.options.compile(model, file: file, defaultCalibration: nil)
    let program = compiled.result.program
    let io = request.io ?? (HLSOptions.defaultIO(for: program) == .parallel ? .parallel : .stream)
    let config = request.options.config
    let fused = compiled.result.plan.fusedActivations
    let reuse = config?.reuse.defaultFactor ?? request.reuse ?? 1
    let overrides = config?.reuse.opFactors(fusedActivations: fused) ?? [:]
    let architecture: Architecture =
      io == .stream
      ? .stream(reuse: reuse, overrides: overrides)
      : .parallel(reuse: reuse, overrides: overrides)
    let costModel = CostModel(part: part)
    let priced = try costModel.estimate(program: program, architecture: architecture)
    let perFrame = request.perFrame ?? detector.inferencesPerFrame
    var summary = BudgetSummary(
      model: model.name, file: file, compilation: compiled, part: part, detector: detector,
      io: io.rawValue, ioIsDefault: request.io == nil, report: priced,
      verdict: priced.verdict(for: detector, inferencesPerFrame: perFrame),
      perFrameIsDefault: request.perFrame == nil, fusedActivations: fused)
    if request.fit {
      let fit = try costModel.fitReuse(
        program: program, framePeriodMicroseconds: detector.budgetMicroseconds,
        inferencesPerFrame: perFrame, architecture: architecture)
      let layers = ReuseConfig.layers(fromOpFactors: fit.factors, fusedActivations: fused)
      var written: String?
      if let path = request.outConfig {
        var out = config ?? PrecisionConfig(file: path)
        out.file = path
        out.precision = compiled.precision
        out.reuse = ReuseConfig(defaultFactor: 1, layers: layers)
        try Self.write(out.jsonText, to: path)
        written = path
      }
      summary.fitted(fit, layers: layers, writtenTo: written)
    }
    context.report(summary: summary.text, json: summary.json)
    return .success
  }

  /// Writes `text` to `path` atomically.
  private static func write(_ text: String, to path: String) throws {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw BudgetError.unwritable(path: path, reason: (error as NSError).localizedDescription)
    }
  }
}
