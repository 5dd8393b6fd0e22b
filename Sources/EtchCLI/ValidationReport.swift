import Foundation

/// What `etch validate` reports: the per-node table, the nodes that could not be matched,
/// and the end-to-end metrics of each output.
struct ValidationReport {
  /// The end-to-end metrics of one output.
  struct Output {
    /// The output's name.
    var name: String
    /// Classification or regression.
    var task: ValidateCommand.Task
    /// The `--pixels` factor regression errors are multiplied by, if given.
    var pixels: Double?
    /// Metric name (as in the JSON) → value.
    var metrics: [String: Double] = [:]

    /// The summary lines of this output.
    var lines: [String] {
      let unit = pixels == nil ? "" : " px"
      func value(_ key: String) -> String {
        metrics[key].map { String(format: "%.4g", $0) + unit } ?? "-"
      }
      func fraction(_ key: String) -> String {
        metrics[key].map { String(format: "%.2f%%", $0 * 100) } ?? "-"
      }
      switch task {
      case .classification:
        var lines = [
          "output \(name) (classification): argmax agreement fixed vs float "
            + fraction("argmax_agreement")
        ]
        if metrics["fixed_accuracy"] != nil {
          lines.append(
            "  vs labels: accuracy float \(fraction("float_accuracy")), fixed "
              + "\(fraction("fixed_accuracy")); macro-F1 float "
              + String(format: "%.4f", metrics["float_macro_f1"] ?? 0) + ", fixed "
              + String(format: "%.4f", metrics["fixed_macro_f1"] ?? 0))
        }
        return lines
      case .regression:
        let distance = pixels == nil ? "mean distance" : "mean peak distance"
        let scale = pixels.map { String(format: ", errors x %g", $0) } ?? ""
        var lines = [
          "output \(name) (regression\(scale)): \(distance) \(value("mean_distance")) "
            + "(fixed vs float), RMSE \(value("rmse")), max error \(value("max_error"))"
        ]
        if metrics["fixed_label_distance"] != nil {
          lines.append(
            "  vs labels: \(distance) float \(value("float_label_distance")), fixed "
              + value("fixed_label_distance"))
        }
        return lines
      }
    }

    /// The output as JSON.
    var json: JSONValue {
      var object: [String: JSONValue] = [
        "name": .string(name), "task": .string(task.rawValue),
        "pixels": pixels.map(JSONValue.double) ?? nil,
      ]
      for (key, value) in metrics { object[key] = .double(value) }
      return .object(object)
    }
  }

  /// The model's name.
  var model: String
  /// The model document, as shown.
  var file: String
  /// `calibrated` or the uniform format.
  var precision: String
  /// Where the calibration came from, for the calibrated precision.
  var calibration: String?
  /// Frames validated.
  var frames: Int
  /// The `--data` files.
  var data: String
  /// The matched tensors, in program order.
  var nodes: [NodeComparison]
  /// Float nodes without a fixed tensor of the same name (folded, fused).
  var floatOnly: [String]
  /// Fixed ops without a float node of the same name (inserted casts).
  var fixedOnly: [String]
  /// The end-to-end metrics per output.
  var endToEnd: [Output]

  /// The readable summary.
  var summary: String {
    var lines = [
      "model \(model) (\(file)): fixed point, precision \(precision), vs float32 on "
        + "\(FixedRunOptions.frames(frames)) of \(data)"
    ]
    if let calibration { lines.append(calibration) }
    var table = TextTable(
      columns: ["node", "op", "format", "max abs error", "SNR dB", "overflows"])
    table.alignments = [.left, .left, .left, .right, .right, .right]
    for node in nodes { table.append(node.row) }
    lines.append("")
    lines.append(table.rendered())
    if !floatOnly.isEmpty {
      lines.append(
        "float nodes without a fixed tensor (folded, or fused into the layer before): "
          + floatOnly.joined(separator: ", "))
    }
    if !fixedOnly.isEmpty {
      lines.append("fixed ops without a float node: " + fixedOnly.joined(separator: ", "))
    }
    for output in endToEnd { lines += output.lines }
    return lines.joined(separator: "\n")
  }

  /// The `--json` report.
  var json: JSONValue {
    [
      "model": .string(model), "file": .string(file), "precision": .string(precision),
      "calibration": calibration.map(JSONValue.string) ?? nil, "frames": .int(frames),
      "nodes": .array(nodes.map(\.json)),
      "float_only": .array(floatOnly.map(JSONValue.string)),
      "fixed_only": .array(fixedOnly.map(JSONValue.string)),
      "outputs": .array(endToEnd.map(\.json)),
    ]
  }
}
