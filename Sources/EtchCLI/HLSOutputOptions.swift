import Compiler
import FixedIR
import Foundation
import HLSEmitter
import ModelFormat

/// The options of `etch compile` that write the Vitis HLS project: `--out DIR`, `--io`,
/// `--target` and `--reuse`, and the writing itself.
///
/// Without `--out` nothing is written and the other three are bad usage (they would have no
/// effect). The architecture defaults by model size (``HLSOptions/defaultIO(for:)``), the
/// part and clock to ``HLSTarget/standard``. The testbench's sample frames (`tb_data/`) are
/// the first ``sampleFrameCount`` frames of `--calibration`, else one frame of zeros.
///
/// ```swift
/// let hls = try HLSOutputOptions(arguments)  // --out hls-out/braggnn --io stream
/// let written = try hls.write(program, calibrationPaths: ["patches.npy"])
/// written?.files  // ["README.md", "build_prj.tcl", ...]
/// ```
struct HLSOutputOptions {
  /// `--out DIR`.
  static let outOption = OptionSpec.value(
    "out", valueName: "DIR",
    help: "Write the Vitis HLS project (firmware, testbench, build_prj.tcl, csim.sh, README) "
      + "into DIR, created as needed; files of the same names are replaced, others left.")
  /// `--io parallel|stream`.
  static let ioOption = OptionSpec.value(
    "io", valueName: "IO", choices: HLSOptions.IO.allCases.map(\.rawValue),
    help: "The architecture: parallel (arrays, pipelined, ap_vld ports) or stream "
      + "(hls::stream, DATAFLOW, line buffers, axis ports). Default: parallel when every "
      + "tensor holds at most \(TextTable.grouped(HLSOptions.parallelTensorLimit)) values, "
      + "else stream.")
  /// `--target PART`.
  static let targetOption = OptionSpec.value(
    "target", valueName: "PART",
    help: "The FPGA part: a name under targets/parts/ (such as xczu9eg) or a part file; "
      + "build_prj.tcl gets its part string and clock, and --prune and --precision auto "
      + "price DSPs and LUTs on it. Default: \(HLSTarget.standard.name) "
      + "(\(HLSTarget.standard.part)) at \(Int(HLSTarget.standard.clockPeriodNs)) ns.")
  /// `--reuse R`.
  static let reuseOption = OptionSpec.value(
    "reuse", valueName: "R",
    help: "Products per multiplier in every dense, convolution and matmul layer (their "
      + "pipelines' II). Default: 1, which unrolls them fully.")

  /// The four options, in the order the command declares them.
  static let options = [outOption, ioOption, targetOption, reuseOption]

  /// How many `--calibration` frames go into `tb_data/` at most.
  static let sampleFrameCount = 10

  /// `--out`, or `nil` when no project is to be written.
  var directory: String?
  /// `--io`, or `nil` for the default by model size.
  var io: HLSOptions.IO?
  /// The part and clock.
  var target: HLSTarget
  /// `--reuse`.
  var reuse: Int

  /// Reads and checks the options, resolving `--target` in the catalogue.
  ///
  /// - Throws: ``UsageError`` for a reuse factor below 1 or an option that needs `--out`;
  ///   `TargetError` for an unknown part name or a malformed part file.
  init(_ arguments: ParsedArguments) throws {
    directory = arguments.value(Self.outOption.name)
    io = try arguments.value(Self.ioOption.name, as: HLSOptions.IO.self)
    reuse = try arguments.value(Self.reuseOption.name, as: Int.self) ?? 1
    guard reuse >= 1 else {
      throw UsageError.invalid("invalid value '\(reuse)' for --reuse: expected at least 1")
    }
    if directory == nil {
      for option in [Self.ioOption, Self.reuseOption]
      where arguments.value(option.name) != nil {
        throw UsageError.invalid(
          "\(option.longForm) chooses how the HLS project is written; give --out DIR too")
      }
    }
    target = try HLSTarget.resolve(arguments.value(Self.targetOption.name))
  }

  /// Emits `program`'s project into ``directory`` and says what was written; `nil` without
  /// `--out`.
  ///
  /// - Throws: `HLSEmitterError` (an op the kernels lack, a file that cannot be written),
  ///   the `.npy` reader's errors for the sample frames.
  /// A config's `reuse` section (from `etch budget --fit`, say) replaces `--reuse` as its
  /// default and names per-layer factors; `fusedActivations` maps its layer names to ops.
  func write(
    _ program: FixedProgram, calibrationPaths: [String], reuse config: ReuseConfig? = nil,
    fusedActivations: [String: String] = [:]
  ) throws -> HLSOutput? {
    guard let directory else { return nil }
    let chosen = io ?? HLSOptions.defaultIO(for: program)
    let reuse = config?.defaultFactor ?? self.reuse
    let options = HLSOptions(
      io: chosen, reuseFactor: reuse,
      layerReuseFactors: config?.opFactors(fusedActivations: fusedActivations) ?? [:],
      part: target.part, clockPeriodNs: target.clockPeriodNs,
      sampleInputs: try sampleInputs(calibrationPaths, inputs: program.inputs.count))
    let project = try HLSProject.emit(program: program, options: options)
    try project.write(to: URL(fileURLWithPath: directory, isDirectory: true))
    let largest = (program.inputs + program.ops.map(\.output)).map(\.count).max() ?? 0
    return HLSOutput(
      directory: directory, name: project.name, io: chosen, ioIsDefault: io == nil,
      largestTensor: largest, target: target, reuse: reuse,
      files: project.files.keys.sorted())
  }

  /// The first frames of each calibration file, when there is one per graph input.
  private func sampleInputs(_ paths: [String], inputs: Int) throws -> [[Float]]? {
    guard !paths.isEmpty, paths.count == inputs else { return nil }
    let files = try paths.map { try NpyFile(path: $0) }
    let count = min(Self.sampleFrameCount, files.map(\.itemCount).min() ?? 0)
    guard count > 0 else { return nil }
    return try files.map { try $0.floats(items: 0..<count) }
  }
}

extension HLSOptions.IO: ArgumentValue {}
