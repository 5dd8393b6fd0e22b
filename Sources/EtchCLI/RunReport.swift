import Foundation

/// What `etch run` reports: the frames run, the time the engine took, and for each output
/// its shape, where it was written and how it compares with a reference.
///
/// ```
/// model braggnn_fc16_8_4_2_sz11: 2,010 frames in 0.051 s (39,412 frames/s), float32 reference
/// input  patch [2010, 1, 11, 11] from patches.npy
/// output peak [2010, 2] written to peaks.npy
/// output peak vs pytorch_output.npy: max abs difference 5.96e-08 (frame 17), max relative ...
/// ```
struct RunReport {
  /// One output of the model.
  struct Output {
    /// The output's name.
    var name: String
    /// The shape written: `[N, *output shape]`, or the output shape for one unbatched frame.
    var shape: [Int]
    /// Where it was written, or `nil` without `--output`.
    var path: String?
    /// The comparison with `--compare`'s reference, if one was given.
    var comparison: OutputComparison?
  }

  /// The fixed-point engine's precision and calibration, for `--fixed`.
  struct FixedEngine {
    /// `calibrated` or the uniform format.
    var precision: String
    /// Where the calibration came from; `nil` for a uniform precision.
    var note: String?
  }

  /// The model's name.
  var model: String
  /// The model document, as the summary shows it.
  var file: String
  /// Frames run, or `nil` for one frame given without a batch axis.
  var frames: Int?
  /// The fixed-point engine, or `nil` for the float32 Reference engine.
  var engine: FixedEngine?
  /// Seconds spent in the engine, reading and writing files left out.
  var seconds: Double
  /// Each graph input's name, file and the file's shape.
  var inputs: [(name: String, path: String, shape: [Int])]
  /// The outputs, in the model's order.
  var outputs: [Output]

  /// Frames per second of engine time; 0 when no time was measured.
  var framesPerSecond: Double {
    seconds > 0 ? Double(frames ?? 1) / seconds : 0
  }

  /// The readable summary.
  var summary: String {
    let count =
      frames.map { $0 == 1 ? "1 frame" : "\(TextTable.grouped($0)) frames" }
      ?? "1 frame (no batch axis)"
    var lines = [
      "model \(model): \(count) in \(Self.duration(seconds)) "
        + "(\(TextTable.grouped(Int(framesPerSecond.rounded()))) frames/s), "
        + (engine.map { "fixed point (Simulator), precision \($0.precision)" }
          ?? "float32 reference")
    ]
    if let note = engine?.note { lines.append(note) }
    for input in inputs {
      lines.append("input  \(input.name) \(ShapeText.text(input.shape)) from \(input.path)")
    }
    for output in outputs {
      let destination = output.path.map { "written to \($0)" } ?? "not written (no --output)"
      lines.append("output \(output.name) \(ShapeText.text(output.shape)) \(destination)")
      if let comparison = output.comparison {
        lines.append("output \(output.name) vs \(comparison.reference): \(comparison.summary)")
      }
    }
    return lines.joined(separator: "\n")
  }

  /// `16.57 s`, `0.378 ms`: seconds from one second up, else milliseconds to 3 digits.
  static func duration(_ seconds: Double) -> String {
    seconds >= 1
      ? String(format: "%.2f s", seconds) : String(format: "%.3g ms", seconds * 1000)
  }

  /// The `--json` report.
  var json: JSONValue {
    [
      "model": .string(model), "file": .string(file),
      "engine": engine == nil ? "float" : "fixed",
      "precision": engine.map { .string($0.precision) } ?? nil,
      "calibration": engine?.note.map(JSONValue.string) ?? nil,
      "frames": .int(frames ?? 1), "batched": .bool(frames != nil),
      "seconds": .double(seconds), "frames_per_second": .double(framesPerSecond),
      "inputs": .array(
        inputs.map { input in
          [
            "name": .string(input.name), "file": .string(input.path),
            "shape": .array(input.shape.map(JSONValue.int)),
          ]
        }),
      "outputs": .array(
        outputs.map { output in
          [
            "name": .string(output.name), "shape": .array(output.shape.map(JSONValue.int)),
            "file": output.path.map(JSONValue.string) ?? nil,
            "comparison": output.comparison?.json ?? nil,
          ]
        }),
    ]
  }
}
