import Compression
import FixedPoint
import Foundation

/// One tensor compared between the float model and the fixed-point program over the
/// validation frames: its format, the error, the signal-to-noise ratio, overflows, and the
/// ranges the profile plot draws.
///
/// Tensors are matched by name: the graph's inputs and nodes against the program's inputs
/// and ops. Frames arrive in chunks, so only sums are kept.
///
/// ```swift
/// var fc1 = NodeComparison(name: "fc1", op: "dense", format: format)
/// fc1.add(float: [1, 2], fixed: [1, 2.5])
/// fc1.snrDecibels  // 13.01
/// ```
struct NodeComparison {
  /// The tensor's name.
  var name: String
  /// The op of the fixed-point program that writes it (`dense`, `input`, ...).
  var op: String
  /// Its format in the program.
  var format: FixedFormat
  /// Values outside the format before overflow handling, over all frames.
  var overflows = 0
  /// Accumulator steps that overflowed; `nil` when not counted.
  var accumulatorOverflows: Int? = 0
  /// Elements compared.
  private(set) var count = 0
  /// The largest `|fixed − float|`.
  private(set) var maxAbsError = 0.0
  /// `Σ float²`.
  private(set) var signalPower = 0.0
  /// `Σ (fixed − float)²`.
  private(set) var noisePower = 0.0
  /// The smallest float value seen.
  private(set) var floatMin = Double.infinity
  /// The largest float value seen.
  private(set) var floatMax = -Double.infinity

  /// Creates an empty comparison.
  init(name: String, op: String, format: FixedFormat) {
    self.name = name
    self.op = op
    self.format = format
  }

  /// Adds the next frames: the float model's values and the program's, in the same order.
  mutating func add(float: [Float], fixed: [Double]) {
    for (f, x) in zip(float, fixed) {
      let value = Double(f)
      let error = x - value
      maxAbsError = max(maxAbsError, error.magnitude)
      signalPower += value * value
      noisePower += error * error
      floatMin = min(floatMin, value)
      floatMax = max(floatMax, value)
    }
    count += min(float.count, fixed.count)
  }

  /// `10·log10(Σ float² / Σ error²)`.
  var snrDecibels: Double {
    ValidationMetrics.snrDecibels(signalPower: signalPower, noisePower: noisePower)
  }

  /// The comparison as JSON.
  var json: JSONValue {
    [
      "name": .string(name), "op": .string(op), "format": .string(format.description),
      "elements": .int(count), "max_abs_error": .double(maxAbsError),
      "snr_db": snrDecibels.isFinite ? .double(snrDecibels) : nil,
      "exact": .bool(noisePower == 0), "overflows": .int(overflows),
      "accumulator_overflows": accumulatorOverflows.map(JSONValue.int) ?? nil,
      "float_min": count > 0 ? .double(floatMin) : nil,
      "float_max": count > 0 ? .double(floatMax) : nil,
      "format_min": .double(format.minValue), "format_max": .double(format.maxValue),
    ]
  }

  /// The table row: name, op, format, max abs error, SNR, overflows.
  var row: [String] {
    [
      name, op, format.description, String(format: "%.3g", maxAbsError),
      snrDecibels.isFinite
        ? String(format: "%.1f", snrDecibels) : (noisePower == 0 ? "exact" : "-inf"),
      TextTable.grouped(overflows)
        + (accumulatorOverflows.map { $0 > 0 ? " (+\(TextTable.grouped($0)) acc)" : "" }
          ?? ""),
    ]
  }
}
