import Compiler
import FixedIR
import FixedPoint
import Foundation
import HLSEmitter
import ModelFormat

/// `etch compile MODEL`: runs the passes, quantization and lowering, and reports what they
/// did: the passes that changed the graph, the format of every tensor, accumulator widths and
/// the program's size; `--print-ir-after NAME` prints a pass's IR.
///
/// With `--out DIR` it writes the Vitis HLS project of the verified FixedIR
/// (``HLSOutputOptions``): the C++ that gives the Simulator's bits.
///
/// ```
/// $ etch compile jet_tagger.json --precision 'ap_fixed<16,6>' --out hls-out/jet_tagger
/// model jet_tagger: compiled to fixed point, precision ap_fixed<16,6>
/// passes: drop-identity (unchanged), ..., lower
/// ...
/// HLS project jet_tagger written to hls-out/jet_tagger: 22 files (...)
/// ```
struct CompileCommand: Command {
  let spec = CommandSpec(
    name: "compile",
    summary: "Compile a model to fixed point and write its Vitis HLS project (--out).",
    discussion: """
      Runs the compiler's pipeline on the model: the graph passes (drop-identity, \
      fold-batchnorm, eliminate-dead-nodes), calibrate (for the calibrated precision), \
      quantize (a format for every tensor, weight, bias and accumulator) and lower (the \
      FixedIR, verified), after pruning when asked (--prune; docs/compression.md). The \
      summary lists the passes and whether each changed the graph, \
      then per op of the program its kind, result format and accumulator, with the width \
      the exact accumulator bound needs; then the program's size.

      The calibrated precision (the default) needs --calibration frames. \
      --print-ir-after NAME (repeatable) prints the IR after that pass: the graph's text \
      form after a graph pass or calibrate, the quantization plan after quantize, the \
      FixedIR after lower.

      --out DIR writes the Vitis HLS project of the program (docs/hls-project.md): \
      firmware with weights as raw integers, the kernel library, a testbench, build_prj.tcl \
      for Vitis HLS and csim.sh for a g++ C simulation. --io, --target and --reuse choose \
      its architecture, part and parallelism; tb_data/ holds the first \
      \(HLSOutputOptions.sampleFrameCount) --calibration frames.
      """,
    arguments: [ModelReference.argument],
    options: FixedRunOptions.options + CompressionOptions.options + [
      .value(
        "print-ir-after", valueName: "NAME", isRepeatable: true,
        help: "Print the IR after the pass NAME: "
          + FixedCompiler.passNames.joined(separator: ", ") + ".")
    ] + HLSOutputOptions.options,
    examples: [
      CommandExample(
        "etch compile braggnn_fc16_8_4_2_sz11 --calibration patches.npy",
        "Compiles BraggNN with formats sized on the patches."),
      CommandExample(
        "etch compile jet_tagger.json --precision 'ap_fixed<16,6>' --print-ir-after lower",
        "Compiles at hls4ml's default precision and prints the FixedIR."),
      CommandExample(
        "etch compile braggnn_fc16_8_4_2_sz11 --calibration patches.npy --out hls-out/braggnn",
        "Writes BraggNN's Vitis HLS project (stream, by its size) for the default part."),
    ])

  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
    let reference = ModelReference(try arguments.required(ModelReference.argument.name))
    let (model, url) = try reference.load()
    let file = reference.displayPath(url)
    let names = arguments.values("print-ir-after")
    if let unknown = names.first(where: { !FixedCompiler.passNames.contains($0) }) {
      throw UsageError.invalid(
        "unknown pass '\(unknown)' for --print-ir-after; valid passes: "
          + FixedCompiler.passNames.joined(separator: ", "))
    }
    let compression = try CompressionOptions(arguments)
    var options =
      compression.isAutomatic
      ? try FixedRunOptions(automatic: arguments) : try FixedRunOptions(arguments)
    let compressed = try compression.run(model: model, file: file, options: &options)
    let hls = try HLSOutputOptions(arguments)
    var printed: [(pass: String, text: String)] = []
    let compiled = try options.compile(
      model, file: file, defaultCalibration: nil, printIRAfter: Set(names)
    ) { pass, text in printed.append((pass, text)) }
    let result = compiled.result
    let program = result.program
    let fusedInto = Dictionary(
      result.plan.fusedActivations.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })

    var table = TextTable(columns: ["op", "kind", "format", "accumulator", "bound bits"])
    var ops: [JSONValue] = []
    for op in program.ops {
      let accumulator = Self.accumulator(of: op.kind)
      let node = fusedInto[op.name] ?? op.name
      let bound = result.plan.nodes[node]?.bound?.requiredWidth
      table.append([
        op.name, op.kind.name, op.output.format.description,
        accumulator?.description ?? "", bound.map(String.init) ?? "",
      ])
      ops.append([
        "name": .string(op.name), "kind": .string(op.kind.name),
        "format": .string(op.output.format.description),
        "accumulator": accumulator.map { .string($0.description) } ?? nil,
        "bound_bits": bound.map(JSONValue.int) ?? nil,
        "fused_into": fusedInto[op.name].map(JSONValue.string) ?? nil,
      ])
    }
    let constantBits = program.constants.values.reduce(0) { $0 + $1.count * $1.format.width }
    let constantCount = program.constants.values.reduce(0) { $0 + $1.count }
    var lines = [
      "model \(model.name) (\(file)): compiled to fixed point, precision \(compiled.precision)"
    ]
    if let note = compiled.calibrationNote { lines.append(note) }
    lines.append(
      "passes: "
        + result.passRecords.map { "\($0.name)\($0.changed ? " (changed)" : "")" }
        .joined(separator: ", "))
    if !fusedInto.isEmpty {
      lines.append(
        "fused activations: "
          + result.plan.fusedActivations.sorted { $0.key < $1.key }
          .map { "\($0.value) into \($0.key)" }.joined(separator: ", "))
    }
    lines.append("")
    lines.append(table.rendered())
    lines.append(
      "program: \(program.inputs.count) inputs, \(program.ops.count) ops, "
        + "\(program.constants.count) constants (\(TextTable.grouped(constantCount)) values, "
        + "\(TextTable.grouped(constantBits)) bits)")
    lines += compressed.lines
    let written = try hls.write(
      program, calibrationPaths: options.calibrationPaths, reuse: options.config?.reuse,
      fusedActivations: result.plan.fusedActivations)
    if let written {
      lines.append("")
      lines += written.summaryLines
    }
    for (pass, text) in printed {
      lines.append("")
      lines.append("--- IR after \(pass) ---")
      lines.append(text)
    }
    context.report(
      summary: lines.joined(separator: "\n"),
      json: [
        "model": .string(model.name), "file": .string(file),
        "precision": .string(compiled.precision.description),
        "calibration": compiled.calibrationNote.map(JSONValue.string) ?? nil,
        "passes": .array(
          result.passRecords.map { ["name": .string($0.name), "changed": .bool($0.changed)] }),
        "ops": .array(ops),
        "program": [
          "inputs": .int(program.inputs.count), "ops": .int(program.ops.count),
          "constants": .int(program.constants.count), "constant_values": .int(constantCount),
          "constant_bits": .int(constantBits),
        ],
        "compression": compression.isActive ? .object(compressed.json) : nil,
        "ir_after": .object(
          Dictionary(printed.map { ($0.pass, JSONValue.string($0.text)) }) { a, _ in a }),
        "hls": written?.json ?? nil,
      ])
    return .success
  }

  /// The accumulator format of a dense, convolution or matmul op.
  static func accumulator(of kind: FixedOpKind) -> FixedFormat? {
    switch kind {
    case .dense(_, _, let accumulator, _), .conv1d(_, _, _, let accumulator, _),
      .conv2d(_, _, _, let accumulator, _), .matmul(let accumulator):
      accumulator
    default:
      nil
    }
  }
}
