import Compiler
import Foundation
import ModelFormat
import Reference
import Simulator

/// `etch run MODEL --input X.npy --output Y.npy [--fixed]`: float32 inference on a batch of
/// frames with the Reference engine, or with `--fixed` bit-accurate fixed-point inference
/// with the Simulator, the outputs written as `.npy`, optionally compared with a reference
/// such as PyTorch's outputs.
///
/// The input is `[N, *input shape]` (or one frame of exactly the input shape, which gives
/// outputs without the batch axis too); the outputs are `[N, *output shape]` float32,
/// written atomically. Frames are read, run and written in slices, so a scan larger than
/// memory streams through. The summary gives the frame count, the output shapes and the
/// time spent in the engine.
///
/// ```
/// $ etch run braggnn_fc16_8_4_2_sz11 --input patches.npy --output peaks.npy
/// model braggnn_fc16_8_4_2_sz11: 2,010 frames in 0.051 s (39,412 frames/s), float32 ...
/// ```
struct RunCommand: Command {
  let spec = CommandSpec(
    name: "run",
    summary: "Run a model in float32, or bit-accurate fixed point, on a batch of frames.",
    discussion: """
      Reads the frames of X.npy, runs them through the float32 reference engine (PyTorch's \
      semantics) and writes each output as float32 .npy, atomically: Y.npy appears only \
      when it is complete. X.npy holds [N, *input shape] (any numeric dtype, converted to \
      float32), or one frame of exactly the input shape; then the outputs have no batch \
      axis either. Frames stream in slices, so files larger than memory work.

      A model with several inputs takes --input once per input, in the order the model \
      lists them. A model with several outputs takes --output once per output, in order, \
      or once with a folder (an existing one, or any path ending in /), which receives \
      NAME.npy for each output NAME. Without --output nothing is written.

      --compare reads reference outputs of the same shapes (for instance PyTorch's, when \
      checking an export) and reports the largest absolute and relative differences; \
      like --output it takes one file per output or one folder. It reports and does not \
      fail: judging fixed point against float per layer is etch validate's job.

      --fixed compiles the model to fixed point (the passes, quantization and lowering of \
      etch compile) and runs the bit-accurate Simulator instead: the outputs are the values \
      the FPGA computes, as float32 (exact for formats of up to 24 significant bits). \
      --precision chooses the formats: calibrated (the default) sizes each tensor from the \
      ranges seen on calibration frames, which are --calibration's frames, or else the \
      --input frames themselves (the summary says which); a format such as \
      'ap_fixed<16,6>' is used for every tensor, weight and accumulator, as hls4ml's default \
      does. --config reads per-tensor and per-node overrides (docs/quantization.md).
      """,
    arguments: [ModelReference.argument],
    options: [
      .value(
        "input", short: "i", valueName: "X.npy", isRequired: true, isRepeatable: true,
        help: "The frames: [N, *input shape], or one frame of the input shape."),
      .value(
        "output", short: "o", valueName: "Y.npy", isRepeatable: true,
        help: "Where to write the outputs, float32 [N, *output shape]: a file per output, "
          + "or a folder."),
      .value(
        "compare", valueName: "REF.npy", isRepeatable: true,
        help: "Reference outputs of the same shape to report the differences against: a "
          + "file per output, or a folder."),
      .flag("fixed", help: "Run the bit-accurate fixed-point Simulator instead of float32."),
    ] + FixedRunOptions.options,
    examples: [
      CommandExample(
        "etch run braggnn_fc16_8_4_2_sz11 --input patches.npy --output peaks.npy",
        "Runs the bundled BraggNN on every patch and writes the peak positions [N, 2]."),
      CommandExample(
        "etch run mynet.json -i x.npy -o out/ --compare torch_out/",
        "Writes out/NAME.npy per output and compares each with torch_out/NAME.npy."),
      CommandExample(
        "etch run braggnn_fc16_8_4_2_sz11 -i patches.npy -o fixed.npy --fixed "
          + "--precision 'ap_fixed<16,6>'",
        "Runs BraggNN as the FPGA would, every value in ap_fixed<16,6>."),
    ])

  /// The most input and output elements held in memory at once (64 MiB of float32).
  static let sliceElements = 1 << 24

  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
    let reference = ModelReference(try arguments.required(ModelReference.argument.name))
    let (model, url) = try reference.load()
    let fixedOptions = try Self.fixedOptions(arguments)
    let inputs = try Self.openInputs(arguments.values("input"), model: model)
    let frames = inputs.first?.frames
    let engine = try ReferenceEngine(model: model)
    let fixed = try fixedOptions.map { options in
      try Self.fixedEngine(options, model: model, file: reference.displayPath(url), inputs: inputs)
    }
    let outputs = zip(model.outputs, engine.outputShapes).map { name, frame in
      Output(name: name, frame: frame, shape: frames.map { [$0] + frame } ?? frame)
    }
    let outputPaths = try OutputFiles.paths(
      arguments.values("output"), option: "--output", outputs: model.outputs,
      model: model.name, createsFolder: true)
    let referencePaths = try OutputFiles.paths(
      arguments.values("compare"), option: "--compare", outputs: model.outputs,
      model: model.name, createsFolder: false)
    var references = try Self.openReferences(referencePaths, outputs: outputs)
    let writers = try zip(outputPaths, outputs).map { path, output in
      try NpyWriter<Float>(path: path, shape: output.shape)
    }
    let time = try Self.stream(
      inputs, model: model, engine: fixed.map { Engine.fixed($0.engine) } ?? .float(engine),
      outputs: outputs, writers: writers, references: &references)
    for writer in writers { try writer.finish() }

    let report = RunReport(
      model: model.name, file: reference.displayPath(url), frames: frames,
      engine: fixed.map { RunReport.FixedEngine(precision: $0.precision, note: $0.note) },
      seconds: Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18,
      inputs: zip(model.inputs, inputs).map { input, opened in
        (name: input.name, path: opened.file.path, shape: opened.file.shape)
      },
      outputs: outputs.enumerated().map { index, output in
        RunReport.Output(
          name: output.name, shape: output.shape,
          path: index < outputPaths.count ? outputPaths[index] : nil,
          comparison: index < references.count ? references[index].comparison : nil)
      })
    context.report(summary: report.summary, json: report.json)
    return .success
  }

  /// An `--input` file checked against its graph input.
  struct InputFile {
    /// The opened file.
    var file: NpyFile
    /// The frames it holds, or `nil` for one frame without a batch axis.
    var frames: Int?
  }

  /// One output of the model.
  struct Output {
    /// The output's name.
    var name: String
    /// The shape of one frame.
    var frame: [Int]
    /// The shape written: `[N] + frame`, or `frame` when the input had no batch axis.
    var shape: [Int]
  }

  /// A `--compare` file and the comparison it accumulates.
  struct ReferenceFile {
    /// The opened reference, of the output's shape.
    var file: NpyFile
    /// The differences found so far.
    var comparison: OutputComparison
  }

  /// The engine a run uses.
  enum Engine {
    /// The float32 Reference engine.
    case float(ReferenceEngine)
    /// The bit-accurate Simulator of the compiled program.
    case fixed(Simulator)

    /// Runs one slice of `frames` frames, inputs by name, and returns each output's values.
    func run(_ batch: [String: Tensor], frames: Int, model: Model) throws -> [[Float]] {
      switch self {
      case .float(let engine):
        return try engine.run(batch).map(\.scalars)
      case .fixed(let simulator):
        return try simulator.run(batch.mapValues(\.scalars), frames: frames).floatOutputs
      }
    }
  }

  /// The fixed-point options if `--fixed` was given; a usage error if they were given
  /// without it.
  static func fixedOptions(_ arguments: ParsedArguments) throws -> FixedRunOptions? {
    guard arguments.flag("fixed") else {
      let given = FixedRunOptions.options.map(\.name).filter { name in
        name == FixedRunOptions.precisionOption.name
          ? arguments.value(name) != "calibrated" : !arguments.values(name).isEmpty
      }
      if let first = given.first {
        throw UsageError.invalid("--\(first) needs --fixed; add --fixed to run in fixed point")
      }
      return nil
    }
    return try FixedRunOptions(arguments)
  }

  /// Compiles the model as `options` say, calibrating on the input frames unless
  /// `--calibration` is given, and plans the Simulator.
  static func fixedEngine(
    _ options: FixedRunOptions, model: Model, file: String, inputs: [InputFile]
  ) throws -> (engine: Simulator, precision: String, note: String?) {
    let count = inputs.first?.frames ?? 1
    let calibration = FixedRunOptions.DefaultCalibration(
      count: count,
      read: { range in
        try zip(model.inputs, inputs).map { input, opened in
          let scalars =
            opened.frames == nil
            ? try opened.file.floats() : try opened.file.floats(items: range)
          return Tensor(shape: [range.count] + input.shape, scalars: scalars)
        }
      },
      note: "the --input frames (no --calibration given)")
    let compiled = try options.compile(model, file: file, defaultCalibration: calibration)
    let simulator = try Simulator(program: compiled.result.program, accumulation: .fastest)
    return (simulator, compiled.precision.description, compiled.calibrationNote)
  }

  /// Runs the frames through the engine in slices of at most ``sliceElements`` input and
  /// output elements, writing and comparing each slice; returns the time in the engine.
  static func stream(
    _ inputs: [InputFile], model: Model, engine: Engine,
    outputs: [Output], writers: [NpyWriter<Float>], references: inout [ReferenceFile]
  ) throws -> Duration {
    let frames = inputs.first?.frames
    let inputElements = model.inputs.map { $0.shape.reduce(1, *) }.reduce(0, +)
    let outputElements = outputs.map { $0.frame.reduce(1, *) }.reduce(0, +)
    let slice = max(1, sliceElements / max(inputElements + outputElements, 1))
    let clock = ContinuousClock()
    var time = Duration.zero
    for start in stride(from: 0, to: frames ?? 1, by: slice) {
      let range = start..<min(start + slice, frames ?? 1)
      var batch: [String: Tensor] = [:]
      for (input, opened) in zip(model.inputs, inputs) {
        let scalars =
          frames == nil ? try opened.file.floats() : try opened.file.floats(items: range)
        batch[input.name] = Tensor(shape: [range.count] + input.shape, scalars: scalars)
      }
      var results: [[Float]] = []
      time += try clock.measure {
        results = try engine.run(batch, frames: range.count, model: model)
      }
      for (writer, result) in zip(writers, results) { try writer.append(result) }
      for index in references.indices {
        let file = references[index].file
        let expected = frames == nil ? try file.floats() : try file.floats(items: range)
        references[index].comparison.add(results[index], reference: expected)
      }
    }
    return time
  }

  /// Opens the `--compare` files; each must have the shape of its output.
  static func openReferences(_ paths: [String], outputs: [Output]) throws -> [ReferenceFile] {
    try zip(paths, outputs).map { path, output in
      let file = try NpyFile(path: path)
      guard file.shape == output.shape else {
        throw RunError.referenceShape(
          path: path, shape: file.shape, output: output.name, expected: output.shape)
      }
      return ReferenceFile(
        file: file,
        comparison: OutputComparison(
          reference: path, elementsPerFrame: output.frame.reduce(1, *)))
    }
  }

  /// Opens the input files and checks each against its graph input; all must hold the same
  /// number of frames (`frames` is `nil` for one frame without a batch axis).
  static func openInputs(_ paths: [String], model: Model) throws -> [InputFile] {
    guard paths.count == model.inputs.count else {
      let names = model.inputs.map { "'\($0.name)'" }.joined(separator: ", ")
      let count = model.inputs.count == 1 ? "1 input" : "\(model.inputs.count) inputs"
      throw UsageError.invalid(
        "--input was given \(paths.count) times but model '\(model.name)' has \(count) "
          + "(\(names)); give --input once per input, in that order")
    }
    var opened: [InputFile] = []
    for (path, input) in zip(paths, model.inputs) {
      let file = try NpyFile(path: path)
      let frames: Int?
      if file.shape == input.shape {
        frames = nil
      } else if file.shape.count == input.shape.count + 1, file.itemShape == input.shape {
        frames = file.itemCount
      } else {
        throw RunError.inputShape(
          path: path, shape: file.shape, input: input.name, model: model.name,
          expected: input.shape)
      }
      if let first = opened.first, first.frames != frames {
        throw RunError.frameCountMismatch(
          path: path, frames: frames, otherPath: first.file.path, otherFrames: first.frames)
      }
      opened.append(InputFile(file: file, frames: frames))
    }
    return opened
  }
}
