import HLSEmitter

/// What `etch compile --out DIR` wrote: where, with which architecture, part, clock and reuse
/// factor, and every file; as summary lines and as the `hls` member of `--json`.
///
/// ```
/// HLS project braggnn_fc16_8_4_2_sz11 written to hls-out/braggnn_fc16_8_4_2_sz11: 27 files
/// io stream (default: a tensor of 6,561 values exceeds 4,096), part xcvu9p-flga2104-2L-e
/// (xcvu9p) at 5 ns, reuse 1
/// ```
struct HLSOutput {
  /// `--out` as given.
  var directory: String
  /// The project's name: the top function and file stem.
  var name: String
  /// The architecture written.
  var io: HLSOptions.IO
  /// Whether `io` was chosen by model size rather than by `--io`.
  var ioIsDefault: Bool
  /// Values in the program's largest tensor, which decides the default architecture.
  var largestTensor: Int
  /// The part and clock.
  var target: HLSTarget
  /// The reuse factor of every multiply-accumulate layer.
  var reuse: Int
  /// Every file written, relative to `directory`, sorted.
  var files: [String]

  /// Why `io` was chosen.
  var ioReason: String {
    guard ioIsDefault else { return "--io" }
    let limit = TextTable.grouped(HLSOptions.parallelTensorLimit)
    let largest = TextTable.grouped(largestTensor)
    return io == .stream
      ? "default: a tensor of \(largest) values exceeds \(limit)"
      : "default: every tensor holds at most \(limit) values"
  }

  /// The clock period without a trailing `.0`.
  private var clock: String {
    let period = target.clockPeriodNs
    return period == period.rounded() ? "\(Int(period))" : "\(period)"
  }

  /// The summary lines.
  var summaryLines: [String] {
    [
      "HLS project \(name) written to \(directory): \(files.count) files "
        + "(firmware/\(name).cpp, tb/\(name)_tb.cpp, build_prj.tcl, csim.sh, README.md, ...)",
      "io \(io.rawValue) (\(ioReason)), part \(target.part) (\(target.name)) at \(clock) ns, "
        + "reuse \(reuse)",
    ]
  }

  /// The `hls` member of `--json`.
  var json: JSONValue {
    [
      "directory": .string(directory), "name": .string(name), "io": .string(io.rawValue),
      "io_default": .bool(ioIsDefault), "largest_tensor": .int(largestTensor),
      "target": .string(target.name), "part": .string(target.part),
      "clock_period_ns": .double(target.clockPeriodNs), "reuse": .int(reuse),
      "files": .array(files.map(JSONValue.string)),
    ]
  }
}
