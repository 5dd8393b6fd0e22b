import Compiler
import Foundation
import ModelFormat
import Runtime
import Simulator
import Targets

/// `etch bench MODEL`: streams frames through the CPU runtime and reports frames/s, latency
/// percentiles, CPU time per frame, and whether a detector's rate is kept.
///
/// ```
/// $ etch bench braggnn_fc16_8_4_2_sz11 --detector hedm-ff --frames 20000
/// model braggnn_fc16_8_4_2_sz11, float engine, 1 thread, batch 1, real time at 50,000 Hz
/// ```
struct BenchCommand: Command {
  let spec = CommandSpec(
    name: "bench",
    summary: "Stream frames through the CPU runtime: frames/s, latency, detector verdict.",
    discussion: """
      Frames come from --data X.npy (memory-mapped; any leading shape, such as a scan \
      [Rx, Ry, H, W] for a model of input [1, H, W]), from standard input as raw \
      little-endian float32 frames (--data -), or else --frames random frames in [0, 1) \
      from --seed. They stream through a bounded queue to --threads workers, each running \
      batches of --batch frames in its own memory, and out in frame order.

      Without --rate or --detector the run measures throughput: the reader waits when the \
      queue is full, so no frame is dropped. --rate HZ, or --detector D (a name under \
      targets/detectors or a file; its frame rate times its inferences per frame), paces \
      frames in real time: a batch that finds every buffer busy is dropped and counted, \
      and a frame whose latency exceeds batch / rate (the time a batch takes to arrive) \
      counts as missing its deadline. The verdict keeps up only if no frame was dropped or late.

      The float engine is Etch's fast float32 engine; --engine fixed compiles the model to \
      fixed point (--precision, --config, --calibration as for etch run --fixed; calibrated \
      precision calibrates on the first 1,000 frames unless --calibration is given) and runs \
      the bit-accurate Simulator. Latency is from a frame's arrival to its output; CPU time \
      is the process's, all threads, per frame. --output writes the outputs in frame order \
      (NaN rows for dropped frames); --plot draws the latency histogram with the budget.
      """,
    arguments: [ModelReference.argument],
    options: [
      .value(
        "engine", valueName: "E", choices: ["float", "fixed"], defaultValue: "float",
        help: "float: the fast float32 engine; fixed: the bit-accurate Simulator."),
      .value("threads", short: "t", valueName: "N", defaultValue: "1", help: "Worker threads."),
      .value("batch", short: "b", valueName: "B", defaultValue: "1", help: "Frames per batch."),
      .value(
        "frames", short: "n", valueName: "N", defaultValue: "10000",
        help: "Random frames to stream when no --data is given."),
      .value(
        "data", valueName: "X.npy",
        help: "Frames from an .npy file, or '-' for raw float32 frames on standard input."),
      .value("seed", valueName: "S", defaultValue: "1", help: "Seed of the random frames."),
      .value(
        "rate", valueName: "HZ", help: "Pace frames in real time at HZ frames per second."),
      .value(
        "detector", valueName: "D",
        help: "Pace at detector D's rate (targets/detectors) and judge against its budget."),
      .value("queue", valueName: "Q", defaultValue: "4", help: "Batches the queue holds."),
      .value("output", short: "o", valueName: "Y.npy", help: "Write the outputs, in frame order."),
      .value("plot", valueName: "FILE.svg", help: "Write the latency histogram as SVG."),
    ] + FixedRunOptions.options,
    examples: [
      CommandExample(
        "etch bench braggnn_fc16_8_4_2_sz11 --frames 100000",
        "Throughput and latency of BraggNN on 100,000 random patches, one thread."),
      CommandExample(
        "etch bench braggnn_fc16_8_4_2_sz11 --detector hedm-ff --threads 2 --plot lat.svg",
        "Real time at the detector's rate: drops, late frames, and the verdict."),
      CommandExample(
        "etch bench jet_tagger.json --engine fixed --precision 'ap_fixed<16,6>' --batch 64",
        "The bit-accurate fixed-point engine in batches of 64."),
    ])

  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
    let reference = ModelReference(try arguments.required(ModelReference.argument.name))
    let (model, url) = try reference.load()
    let file = reference.displayPath(url)
    guard model.inputs.count == 1, let input = model.inputs.first else {
      throw RuntimeError.inputCount(model: model.name, inputs: model.inputs.map(\.name))
    }
    var options = PipelineOptions()
    options.threads = try Self.positive(arguments, "threads")
    options.batch = try Self.positive(arguments, "batch")
    options.queueDepth = try Self.positive(arguments, "queue")
    let frames = try Self.positive(arguments, "frames")
    let seed = try arguments.value("seed", as: Int.self) ?? 1
    let detector = try Self.detector(arguments.value("detector"))
    if arguments.value("rate") != nil, detector != nil {
      throw UsageError.invalid("give --rate or --detector, not both")
    }
    if let rate = try arguments.value("rate", as: Double.self) {
      guard rate > 0 else {
        throw UsageError.invalid("invalid value '\(rate)' for --rate; expected a rate > 0 Hz")
      }
      options.mode = .realTime(rateHz: rate)
    } else if let detector {
      options.mode = .realTime(
        rateHz: detector.frameRateHz * Double(detector.inferencesPerFrame))
    }
    let inputCount = input.shape.reduce(1, *)
    let data = arguments.value("data")
    let npy = try data.flatMap { path in
      path == "-" ? nil : try NpyFrameSource(path: path, inputShape: input.shape)
    }
    let (engine, engineNote) = try Self.engine(
      arguments, model: model, file: file, npy: npy, seed: UInt64(truncatingIfNeeded: seed),
      frames: frames)
    let shapes = engine.outputShapes
    let outputShape = shapes.count == 1 ? shapes[0] : [engine.outputCount]
    let leading: [Int]? = data == nil ? [frames] : (data == "-" ? nil : npy?.leadingShape)
    let total = data == nil ? frames : npy?.frameCount
    let progress = context.progress("streaming", total: total ?? 0)
    let report: PipelineReport
    if let path = arguments.value("output") {
      var sink = try NpyFrameSink(path: path, leadingShape: leading, outputShape: outputShape)
      report = try Self.stream(
        data: data, npy: npy, frames: frames, seed: seed, inputCount: inputCount,
        engine: engine, options: options, sink: &sink,
        progress: total == nil ? nil : progress)
    } else {
      var sink = DiscardSink()
      report = try Self.stream(
        data: data, npy: npy, frames: frames, seed: seed, inputCount: inputCount,
        engine: engine, options: options, sink: &sink,
        progress: total == nil ? nil : progress)
    }
    progress.finish()
    let summary = BenchSummary(
      model: model.name, file: file, engine: arguments.value("engine") ?? "float",
      engineNote: engineNote, options: options, detector: detector, report: report,
      output: arguments.value("output"), source: data ?? "random (seed \(seed))")
    if let plot = arguments.value("plot") {
      let svg = LatencyPlot.svg(
        title: "\(model.name): latency per frame, \(summary.engineTitle)",
        sorted: report.latency.sorted, p999: report.latency.p999,
        budget: summary.budgetMicroseconds.map { $0 * 1e-6 })
      do {
        try Data(svg.utf8).write(to: URL(fileURLWithPath: plot), options: .atomic)
      } catch {
        throw BenchError.cannotWritePlot(path: plot, reason: error.localizedDescription)
      }
    }
    context.report(summary: summary.text, json: summary.json)
    return .success
  }

  /// Streams from the chosen source into `sink`.
  private static func stream<Sink: FrameSink>(
    data: String?, npy: NpyFrameSource?, frames: Int, seed: Int, inputCount: Int,
    engine: InferenceEngine, options: PipelineOptions, sink: inout Sink,
    progress: ProgressReporter?
  ) throws -> PipelineReport {
    let pipeline = Pipeline(options: options)
    let advance: ((Int) -> Void)? = progress.map { reporter in { reporter.advance(by: $0) } }
    let worker = { engine.makeWorker() as any BatchWorker }
    if var source = npy {
      return try pipeline.run(
        source: &source, sink: &sink, inputCount: inputCount, outputCount: engine.outputCount,
        makeWorker: worker, progress: advance)
    }
    if data == "-" {
      var source = RawFrameSource(frameElements: inputCount)
      return try pipeline.run(
        source: &source, sink: &sink, inputCount: inputCount, outputCount: engine.outputCount,
        makeWorker: worker, progress: advance)
    }
    var source = RandomFrameSource(
      frames: frames, frameElements: inputCount, seed: UInt64(truncatingIfNeeded: seed))
    return try pipeline.run(
      source: &source, sink: &sink, inputCount: inputCount, outputCount: engine.outputCount,
      makeWorker: worker, progress: advance)
  }

  /// The engine `--engine` names, and for fixed point its precision and calibration note.
  private static func engine(
    _ arguments: ParsedArguments, model: Model, file: String, npy: NpyFrameSource?,
    seed: UInt64, frames: Int
  ) throws -> (InferenceEngine, String?) {
    guard arguments.value("engine") == "fixed" else {
      let given = FixedRunOptions.options.map(\.name).filter { name in
        name == FixedRunOptions.precisionOption.name
          ? arguments.value(name) != "calibrated" : !arguments.values(name).isEmpty
      }
      if let first = given.first {
        throw UsageError.invalid("--\(first) needs --engine fixed")
      }
      return (.float(try FloatEngine(model: model)), nil)
    }
    let options = try FixedRunOptions(arguments)
    let input = model.inputs[0]
    let perFrame = input.shape.reduce(1, *)
    var calibration: FixedRunOptions.DefaultCalibration?
    if let npy {
      calibration = FixedRunOptions.DefaultCalibration(
        count: min(npy.frameCount ?? 0, 1000),
        read: { range in
          [
            Tensor(
              shape: [range.count] + input.shape,
              scalars: try npy.file.floats(
                elements: range.lowerBound * perFrame..<range.upperBound * perFrame))
          ]
        }, note: "the --data frames")
    } else if arguments.value("data") == nil {
      let count = min(frames, 1000)
      var source = RandomFrameSource(frames: count, frameElements: perFrame, seed: seed)
      var values = [Float](repeating: 0, count: count * perFrame)
      _ = try values.withUnsafeMutableBufferPointer { buffer in
        try buffer.baseAddress.map { try source.read(frames: count, into: $0) }
      }
      calibration = FixedRunOptions.DefaultCalibration(
        count: count,
        read: { range in
          [
            Tensor(
              shape: [range.count] + input.shape,
              scalars: Array(values[range.lowerBound * perFrame..<range.upperBound * perFrame]))
          ]
        }, note: "the random frames")
    }
    let compiled = try options.compile(model, file: file, defaultCalibration: calibration)
    let simulator = try Simulator(program: compiled.result.program, accumulation: .fastest)
    let note = ["precision \(compiled.precision)", compiled.calibrationNote].compactMap { $0 }
    return (.fixed(simulator), note.joined(separator: ", "))
  }

  /// The detector `--detector` names, if given.
  private static func detector(_ name: String?) throws -> Detector? {
    guard let name else { return nil }
    do {
      return try TargetCatalog.standard().detector(named: name)
    } catch {
      throw BenchError.detector(name: name, reason: "\(error)")
    }
  }

  /// An integer option that must be at least 1.
  private static func positive(_ arguments: ParsedArguments, _ name: String) throws -> Int {
    let value = try arguments.value(name, as: Int.self) ?? 1
    guard value >= 1 else {
      throw UsageError.invalid("invalid value '\(value)' for --\(name); expected an integer ≥ 1")
    }
    return value
  }
}
