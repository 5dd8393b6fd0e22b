import Compiler
import FixedPoint
import Foundation
import ModelFormat

/// The options every fixed-point command shares: `--precision`, `--config` and
/// `--calibration`, and the compilation they lead to.
///
/// `etch run --fixed`, `etch validate` and `etch compile` choose formats the same way, so the
/// three declare these options from one place and compile through ``compile(_:file:
/// defaultCalibration:printIRAfter:printIR:)``. The calibrated precision needs frames: those
/// of `--calibration`, else the command's own frames (`defaultCalibration`), and the summary
/// says which (``Compilation/calibrationNote``).
///
/// ```swift
/// let options = try FixedRunOptions(arguments)  // --precision 'ap_fixed<16,6>'
/// let compiled = try options.compile(model, file: path, defaultCalibration: nil)
/// compiled.result.program.ops.count
/// ```
struct FixedRunOptions {
  /// `--precision P`.
  static let precisionOption = OptionSpec.value(
    "precision", valueName: "P", defaultValue: "calibrated",
    help: "calibrated (formats from the calibration frames' ranges, accumulators that "
      + "cannot overflow), or one HLS format for everything such as 'ap_fixed<16,6>'.")
  /// `--config FILE.json`.
  static let configOption = OptionSpec.value(
    "config", valueName: "FILE.json",
    help: "A precision config (docs/precision-config.md): formats per tensor or node, table "
      + "sizes, reuse factors; its \"precision\" replaces --precision.")
  /// `--calibration C.npy`, once per graph input.
  static let calibrationOption = OptionSpec.value(
    "calibration", valueName: "C.npy", isRepeatable: true,
    help: "Frames [N, *input shape] whose ranges the calibrated precision sizes formats "
      + "from, once per graph input.")

  /// The three options, in the order the commands declare them.
  static let options = [precisionOption, configOption, calibrationOption]

  /// Frames a command calibrates on when `--calibration` is not given.
  struct DefaultCalibration {
    /// How many frames there are.
    var count: Int
    /// Frames `range`, one batch `[range.count, *input shape]` per graph input.
    var read: (Range<Int>) throws -> [Tensor]
    /// How the summary names them: `the --input frames`.
    var note: String
  }

  /// What the compiler produced, and where the calibration came from.
  struct Compilation {
    /// The compiler's result: program, plan, simplified graph, calibration table.
    var result: CompileResult
    /// `calibrated on 2,010 frames of patches.npy (--calibration)`, or `nil` for a uniform
    /// precision, which needs none.
    var calibrationNote: String?
    /// The precision used: the config's if it sets one, else `--precision`.
    var precision: Precision
  }

  /// The precision `--precision` names.
  var precision: Precision
  /// The parsed `--config` file, if given.
  var config: PrecisionConfig?
  /// The `--calibration` files, one per graph input; empty when not given.
  var calibrationPaths: [String]

  /// Reads the options from `arguments`.
  ///
  /// - Throws: ``UsageError`` for a precision that does not parse (with the format parser's
  ///   sentence), `PrecisionConfigError` for a bad config file.
  init(_ arguments: ParsedArguments) throws {
    let text = arguments.value(Self.precisionOption.name) ?? "calibrated"
    do {
      precision = try Precision(parsing: text)
    } catch {
      throw UsageError.invalid("invalid value '\(text)' for --precision: \(error)")
    }
    config = try arguments.value(Self.configOption.name).map { path in
      try PrecisionConfig(contentsOf: URL(fileURLWithPath: path))
    }
    calibrationPaths = arguments.values(Self.calibrationOption.name)
  }

  /// The precision compilation will use: the config's, else `--precision`'s.
  var effectivePrecision: Precision { config?.precision ?? precision }

  /// Compiles `model` (loaded from `file`) with these options.
  ///
  /// - Parameters:
  ///   - defaultCalibration: the frames to calibrate on without `--calibration` (one batch
  ///     per graph input) and how the summary names them; `nil` when the command has none.
  ///   - printIRAfter: pass names whose IR `printIR` receives.
  /// - Throws: ``CompileFailure`` naming the model file and the pass, ``UsageError`` when
  ///   calibration frames are needed and missing or `--calibration` is given the wrong number
  ///   of times, and the `.npy` reader's errors.
  func compile(
    _ model: Model, file: String, defaultCalibration: DefaultCalibration?,
    printIRAfter: Set<String> = [], printIR: (String, String) -> Void = { _, _ in }
  ) throws -> Compilation {
    var options = CompileOptions(precision: precision, config: config)
    options.printIRAfter = printIRAfter
    var source: CalibrationSource?
    var note: String?
    if case .calibrated = effectivePrecision {
      (source, note) = try calibration(for: model, default: defaultCalibration)
    }
    do {
      let result = try FixedCompiler.compile(
        model: model, options: options, calibration: source, printIR: printIR)
      return Compilation(result: result, calibrationNote: note, precision: effectivePrecision)
    } catch let error as CompilerError {
      if case .unknownPass = error { throw UsageError.invalid(error.message) }
      throw CompileFailure(file: file, error: error)
    }
  }

  /// The calibration source and its note: `--calibration`'s files read in chunks, else the
  /// default frames.
  private func calibration(
    for model: Model, default fallback: DefaultCalibration?
  ) throws -> (CalibrationSource, String) {
    guard !calibrationPaths.isEmpty else {
      guard let fallback else {
        throw UsageError.invalid(
          "the calibrated precision needs frames: give --calibration C.npy with frames of the "
            + "model's input, or a uniform precision such as --precision 'ap_fixed<16,6>'")
      }
      return (
        .chunks(count: fallback.count, read: fallback.read),
        "calibrated on \(Self.frames(fallback.count)) of \(fallback.note)"
      )
    }
    guard calibrationPaths.count == model.inputs.count else {
      throw UsageError.invalid(
        "--calibration was given \(calibrationPaths.count) times but model '\(model.name)' "
          + "has \(model.inputs.count) inputs; give it once per input, in order")
    }
    let files = try FrameFiles.open(calibrationPaths, for: model)
    let count = files.map(\.itemCount).min() ?? 0
    let names = calibrationPaths.joined(separator: ", ")
    return (
      .chunks(
        count: count,
        read: { range in
          try files.map { file in
            Tensor(shape: [range.count] + file.itemShape, scalars: try file.floats(items: range))
          }
        }),
      "calibrated on \(Self.frames(count)) of \(names) (--calibration)"
    )
  }

  /// `1 frame`, `2,010 frames`.
  static func frames(_ count: Int) -> String {
    count == 1 ? "1 frame" : "\(TextTable.grouped(count)) frames"
  }
}
