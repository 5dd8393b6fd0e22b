import Compiler
import Compression
import Foundation
import ModelFormat
import Reference
import Simulator

/// `etch validate MODEL --data X.npy`: the fixed-point program against the float model on
/// the user's frames, per node and end to end.
///
/// Per node (tensors matched by name): the format, the max abs error, the SNR in dB and the
/// overflows the Simulator counted. End to end, for a classifier (final softmax, or
/// `--task classification`): argmax agreement, and with `--labels` accuracy and macro-F1;
/// for a regression: RMSE, max error and the mean per-frame distance, scaled by `--pixels`
/// (BraggNN: 11, giving the mean peak distance in pixels). The calibrated precision
/// calibrates on the first half of the frames unless `--calibration` is given; all frames are
/// validated.
///
/// ```
/// $ etch validate braggnn_fc16_8_4_2_sz11 --data patches.npy --pixels 11
/// ...
/// mean peak distance 0.0123 px (fixed vs float), RMSE 0.0101 px, max error 0.0617 px
/// ```
struct ValidateCommand: Command {
  /// Whether a model classifies or regresses, deciding the end-to-end metrics.
  enum Task: String, CaseIterable, ArgumentValue {
    /// Argmax agreement, accuracy and macro-F1.
    case classification
    /// RMSE, max error and mean distance.
    case regression
  }

  let spec = CommandSpec(
    name: "validate",
    summary: "Compare the fixed-point program with the float model, per node and end to end.",
    discussion: """
      Compiles the model to fixed point as etch compile does, then runs every --data frame \
      through the float32 reference engine and the bit-accurate Simulator, tracing every \
      tensor. Tensors are matched by name; the table gives per node its format, the largest \
      |fixed - float|, the SNR 10*log10(sum float^2 / sum (fixed - float)^2) in dB ('exact' \
      when equal) and how many values overflowed the format (with accumulator steps that \
      overflowed in brackets). Float nodes without a fixed tensor (folded into a layer, or \
      an activation executed on a layer's accumulator) are listed after the table.

      Calibration: the calibrated precision sizes formats from the first half of the --data \
      frames (at least one) unless --calibration gives other frames; every frame is \
      validated, so the second half shows how formats hold on frames they were not sized on.

      End to end, a model whose last node is a softmax is a classifier (or say --task): \
      argmax agreement between fixed and float, and with --labels (class indices [N], or \
      one-hot or scores [N, C]) the accuracy and macro-F1 of both. Otherwise a regression: \
      RMSE, max abs error and the mean over frames of the Euclidean distance between the \
      fixed and float outputs, all multiplied by --pixels when given (BraggNN outputs the \
      peak position divided by the patch size, so --pixels 11 reports the mean peak \
      distance in pixels). --labels for a regression holds [N, *output shape] in the \
      output's units times --pixels (BraggNN's centres are in pixels), given once or split \
      over several files in frame order; the distance to the labels is reported for both.

      --plot FILE.svg draws per node the float |x| range against the format's range on a \
      log2 axis, with the max abs error.
      """,
    arguments: [ModelReference.argument],
    options: [
      .value(
        "data", short: "d", valueName: "X.npy", isRequired: true, isRepeatable: true,
        help: "The frames [N, *input shape], once per graph input."),
      .value(
        "labels", valueName: "Y.npy", isRepeatable: true,
        help: "Ground truth: class indices or one-hot rows, or regression targets; several "
          + "files are concatenated in frame order."),
      .value(
        "pixels", valueName: "N",
        help: "Multiply regression outputs and errors by N "
          + "(11 for BraggNN: errors in pixels)."),
      .value(
        "task", valueName: "T", choices: Task.allCases.map(\.rawValue),
        help: "classification or regression; by default a final softmax means classification."),
      .value("plot", valueName: "FILE.svg", help: "Write the per-node profile plot as SVG."),
    ] + FixedRunOptions.options,
    examples: [
      CommandExample(
        "etch validate braggnn_fc16_8_4_2_sz11 --data patches.npy --pixels 11",
        "Reports BraggNN's per-node errors and the mean peak distance in pixels."),
      CommandExample(
        "etch validate jet_tagger.json --data x.npy --labels y.npy --precision "
          + "'ap_fixed<16,6>' --plot profile.svg",
        "Accuracy and macro-F1 of hls4ml's default precision, with the profile plot."),
    ])

  /// Frames traced at once: bounds the memory of the two traces.
  static let chunkFrames = 128

  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
    let reference = ModelReference(try arguments.required(ModelReference.argument.name))
    let (model, url) = try reference.load()
    let file = reference.displayPath(url)
    let options = try FixedRunOptions(arguments)
    let pixels = try arguments.value("pixels", as: Double.self)
    let inputs = try RunCommand.openInputs(arguments.values("data"), model: model)
    let frames = inputs.first?.frames ?? 1
    let read: (Range<Int>) throws -> [Tensor] = { range in
      try zip(model.inputs, inputs).map { input, opened in
        Tensor(
          shape: [range.count] + input.shape,
          scalars: opened.frames == nil
            ? try opened.file.floats() : try opened.file.floats(items: range))
      }
    }
    let compiled = try options.compile(
      model, file: file,
      defaultCalibration: FixedRunOptions.DefaultCalibration(
        count: max(frames / 2, 1), read: read, note: "the first half of the --data frames"))
    let simulator = try Simulator(program: compiled.result.program)
    let traced = try ReferenceEngine(model: compiled.result.model)
    let original = try ReferenceEngine(model: model)

    var comparisons: [String: NodeComparison] = [:]
    var floatOutputs = [[Double]](repeating: [], count: model.outputs.count)
    var fixedOutputs = floatOutputs
    for start in stride(from: 0, to: frames, by: Self.chunkFrames) {
      let range = start..<min(start + Self.chunkFrames, frames)
      let batch = try read(range)
      let named = Dictionary(uniqueKeysWithValues: zip(model.inputs.map(\.name), batch))
      let floats = try traced.trace(named).merging(named) { node, _ in node }
      let fixed = try simulator.trace(named.mapValues(\.scalars), frames: range.count)
      let kinds = Dictionary(
        fixed.overflows.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
      for tensor in fixed.trace {
        guard let float = floats[tensor.name] else { continue }
        var comparison =
          comparisons[tensor.name]
          ?? NodeComparison(
            name: tensor.name, op: kinds[tensor.name]?.kind ?? "", format: tensor.format)
        comparison.add(float: float.scalars, fixed: tensor.values)
        if let count = kinds[tensor.name] {
          comparison.overflows += count.results
          comparison.accumulatorOverflows = count.accumulatorSteps.flatMap { steps in
            comparison.accumulatorOverflows.map { $0 + steps }
          }
        }
        comparisons[tensor.name] = comparison
      }
      for (index, output) in try original.run(named).enumerated() {
        floatOutputs[index] += output.scalars.map(Double.init)
      }
      for (index, output) in fixed.outputs.enumerated() { fixedOutputs[index] += output.values }
    }

    let program = compiled.result.program
    let order = program.inputs.map(\.name) + program.ops.map(\.name)
    let nodes = order.compactMap { comparisons[$0] }
    let matched = Set(nodes.map(\.name))
    let report = ValidationReport(
      model: model.name, file: file, precision: compiled.precision.description,
      calibration: compiled.calibrationNote, frames: frames,
      data: arguments.values("data").joined(separator: ", "), nodes: nodes,
      floatOnly: model.nodes.map(\.name).filter { !matched.contains($0) },
      fixedOnly: program.ops.map(\.name).filter { !matched.contains($0) },
      endToEnd: try Self.endToEnd(
        model: model, task: try arguments.value("task", as: Task.self),
        shapes: original.outputShapes, float: floatOutputs, fixed: fixedOutputs,
        pixels: pixels, labels: try Self.labels(arguments.values("labels"), frames: frames)))
    if let plot = arguments.value("plot") {
      let svg = ProfilePlot.svg(title: "\(model.name), \(report.precision)", nodes: nodes)
      do {
        try Data(svg.utf8).write(to: URL(fileURLWithPath: plot), options: .atomic)
      } catch {
        throw ValidateError.cannotWritePlot(path: plot, reason: error.localizedDescription)
      }
    }
    context.report(summary: report.summary, json: report.json)
    return .success
  }

  /// The labels, concatenated, with their per-frame shape; `nil` without `--labels`.
  static func labels(_ paths: [String], frames: Int) throws -> (values: [Double], shape: [Int])? {
    guard let first = paths.first else { return nil }
    var values: [Double] = []
    var count = 0
    let shape = try NpyFile(path: first).itemShape
    for path in paths {
      let file = try NpyFile(path: path)
      guard file.itemShape == shape, !file.shape.isEmpty else {
        throw ValidateError.labelShape(path: path, shape: file.shape, expected: shape)
      }
      values += try file.floats().map(Double.init)
      count += file.itemCount
    }
    guard count == frames else {
      throw ValidateError.labelCount(paths: paths, count: count, frames: frames)
    }
    return (values, shape)
  }

  /// The end-to-end metrics of each output.
  static func endToEnd(
    model: Model, task: Task?, shapes: [[Int]], float: [[Double]], fixed: [[Double]],
    pixels: Double?, labels: (values: [Double], shape: [Int])?
  ) throws -> [ValidationReport.Output] {
    try model.outputs.enumerated().map { index, name in
      let isSoftmax =
        model.nodes.first { $0.name == name }.map {
          if case .softmax = $0.op { true } else { false }
        } ?? false
      let chosen = task ?? (isSoftmax ? .classification : .regression)
      let perFrame = shapes[index].reduce(1, *)
      var output = ValidationReport.Output(name: name, task: chosen, pixels: pixels)
      switch chosen {
      case .classification:
        let floatClasses = ValidationMetrics.argmax(float[index], classes: perFrame)
        let fixedClasses = ValidationMetrics.argmax(fixed[index], classes: perFrame)
        output.metrics["argmax_agreement"] = ValidationMetrics.agreement(
          floatClasses, fixedClasses)
        if let labels, index == 0 {
          let truth =
            labels.shape.reduce(1, *) == 1
            ? labels.values.map { Int($0) }
            : ValidationMetrics.argmax(labels.values, classes: labels.shape.reduce(1, *))
          output.metrics["float_accuracy"] = ValidationMetrics.agreement(floatClasses, truth)
          output.metrics["fixed_accuracy"] = ValidationMetrics.agreement(fixedClasses, truth)
          output.metrics["float_macro_f1"] = ValidationMetrics.macroF1(
            predicted: floatClasses, truth: truth, classes: perFrame)
          output.metrics["fixed_macro_f1"] = ValidationMetrics.macroF1(
            predicted: fixedClasses, truth: truth, classes: perFrame)
        }
      case .regression:
        let scale = pixels ?? 1
        let a = float[index].map { $0 * scale }
        let b = fixed[index].map { $0 * scale }
        output.metrics["rmse"] = ValidationMetrics.rmse(b, a)
        output.metrics["max_error"] = ValidationMetrics.maxError(b, a)
        output.metrics["mean_distance"] = ValidationMetrics.meanDistance(
          b, a, elementsPerFrame: perFrame)
        if let labels, index == 0 {
          guard labels.shape.reduce(1, *) == perFrame else {
            throw ValidateError.labelShape(
              path: "--labels", shape: labels.shape, expected: shapes[index])
          }
          output.metrics["float_label_distance"] = ValidationMetrics.meanDistance(
            a, labels.values, elementsPerFrame: perFrame)
          output.metrics["fixed_label_distance"] = ValidationMetrics.meanDistance(
            b, labels.values, elementsPerFrame: perFrame)
        }
      }
      return output
    }
  }
}
