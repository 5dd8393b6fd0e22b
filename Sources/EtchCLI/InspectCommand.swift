import Foundation
import ModelFormat

/// `etch inspect MODEL`: a model's layers with their output shapes, parameters, MACs and
/// weight sparsity, and the totals; `--ir` adds the graph's text form.
///
/// The first thing a user runs on an exported model: it proves the files load and verify,
/// and its numbers (parameters bound the weight memory, MACs the DSPs and latency) decide
/// whether compiling is worth it. The statistics follow the conventions of
/// `ModelStatistics` (docs/model-format.md, "Statistics").
///
/// ```
/// $ etch inspect braggnn_fc16_8_4_2_sz11
/// model braggnn_fc16_8_4_2_sz11 (models/braggnn_fc16_8_4_2_sz11/braggnn_fc16_8_4_2_sz11.json)
/// input  patch [1, 11, 11]
/// output fc5 [2]
///
/// node   op      output      params    MACs  sparsity
/// conv1  conv2d  [64, 9, 9]     640  46,656      0.0%
/// ...
/// ```
struct InspectCommand: Command {
  let spec = CommandSpec(
    name: "inspect",
    summary: "Show a model's layers, shapes, parameters, MACs and weight sparsity.",
    discussion: """
      Loads and verifies the model, then lists every node: its operator, output shape \
      (batch left out), parameters (elements of its weights and biases), multiply-\
      accumulates per frame, and the fraction of exactly-zero weights. The totals count a \
      tensor shared by several nodes once.

      With --ir the graph's text form follows the table: one line per input and node, \
      every attribute spelled out, parameters with their shapes, and the inferred output \
      shape. With --json the same facts are one object: model, file, inputs and outputs \
      with their shapes, layers, totals (and ir with --ir).
      """,
    arguments: [ModelReference.argument],
    options: [
      .flag("ir", help: "Also print the graph's text form (every attribute, param and shape).")
    ],
    examples: [
      CommandExample(
        "etch inspect braggnn_fc16_8_4_2_sz11",
        "Lists the layers of the bundled BraggNN: 33,172 parameters in all."),
      CommandExample(
        "etch inspect exports/mynet.json --ir", "Shows a model's layers and its text form."),
      CommandExample(
        "etch inspect braggnn_fc16_8_4_2_sz11 --json",
        "Prints the same facts as one JSON object, for scripts."),
    ])

  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
    let reference = ModelReference(try arguments.required(ModelReference.argument.name))
    let (model, url) = try reference.load()
    let file = reference.displayPath(url)
    let statistics = try ModelStatistics(model: model, file: url.path)
    let shapes = try ShapeInference.shapes(of: model, file: url.path)
    let ir = arguments.flag("ir") ? model.textForm(shapes: shapes) : nil
    context.report(
      summary: Self.summary(model: model, file: file, statistics: statistics, shapes: shapes)
        + (ir.map { "\n" + $0 } ?? ""),
      json: Self.json(
        model: model, file: file, statistics: statistics, shapes: shapes, ir: ir))
    return .success
  }

  /// The readable report: the model's name and file, its inputs and outputs, the table.
  static func summary(
    model: Model, file: String, statistics: ModelStatistics, shapes: [String: [Int]]
  ) -> String {
    var lines = ["model \(model.name) (\(file))"]
    for input in model.inputs {
      lines.append("input  \(input.name) \(ShapeText.text(input.shape))")
    }
    for output in model.outputs {
      lines.append("output \(output) \(ShapeText.text(shapes[output] ?? []))")
    }
    var table = TextTable(columns: ["node", "op", "output", "params", "MACs", "sparsity"])
    table.alignments = [.left, .left, .left, .right, .right, .right]
    for layer in statistics.layers {
      table.append([
        layer.name, layer.op, ShapeText.text(layer.outputShape),
        TextTable.grouped(layer.parameters), TextTable.grouped(layer.macs),
        layer.weights == 0 ? "" : percent(layer.sparsity),
      ])
    }
    table.totals = [
      "total", "\(statistics.layers.count) nodes", "",
      TextTable.grouped(statistics.totalParameters),
      TextTable.grouped(statistics.totalMACs),
      statistics.totalWeights == 0 ? "" : percent(statistics.sparsity),
    ]
    return lines.joined(separator: "\n") + "\n\n" + table.rendered()
  }

  /// The `--json` report.
  static func json(
    model: Model, file: String, statistics: ModelStatistics, shapes: [String: [Int]],
    ir: String?
  ) -> JSONValue {
    let layers: [JSONValue] = zip(model.nodes, statistics.layers).map { node, layer in
      [
        "name": .string(layer.name), "op": .string(layer.op),
        "inputs": .array(node.inputs.map(JSONValue.string)),
        "output_shape": shape(layer.outputShape), "parameters": .int(layer.parameters),
        "macs": .int(layer.macs), "weights": .int(layer.weights),
        "zero_weights": .int(layer.zeroWeights), "sparsity": .double(layer.sparsity),
      ]
    }
    var object: [String: JSONValue] = [
      "model": .string(model.name), "file": .string(file),
      "inputs": .array(
        model.inputs.map { ["name": .string($0.name), "shape": shape($0.shape)] }),
      "outputs": .array(
        model.outputs.map { ["name": .string($0), "shape": shape(shapes[$0] ?? [])] }),
      "layers": .array(layers),
      "totals": [
        "nodes": .int(statistics.layers.count), "parameters": .int(statistics.totalParameters),
        "macs": .int(statistics.totalMACs), "weights": .int(statistics.totalWeights),
        "zero_weights": .int(statistics.totalZeroWeights),
        "sparsity": .double(statistics.sparsity),
      ],
    ]
    if let ir { object["ir"] = .string(ir) }
    return .object(object)
  }

  private static func shape(_ dims: [Int]) -> JSONValue {
    .array(dims.map(JSONValue.int))
  }

  /// `22.2%`; a fraction that would round to `0.0%` or `100.0%` without being 0 or 1 prints
  /// `<0.1%` or `>99.9%`, so that "no zeros" and "a few zeros" never look the same.
  static func percent(_ fraction: Double) -> String {
    let text = String(format: "%.1f%%", fraction * 100)
    if fraction > 0, text == "0.0%" { return "<0.1%" }
    if fraction < 1, text == "100.0%" { return ">99.9%" }
    return text
  }
}
