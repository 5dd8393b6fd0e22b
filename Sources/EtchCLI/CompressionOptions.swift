import Compiler
import Compression
import Foundation
import ModelFormat
import Targets

/// `etch compile`'s pruning and precision-search options: `--prune`, `--prune-tolerance`,
/// `--precision auto --tolerance`, the metric they bound and the frames they measure on.
///
/// They run before compiling and leave their result in the options' config (`prune`, and
/// the formats the search found), so the compile that follows is the one reported, and the
/// config written by `--precision auto` reproduces it with `etch compile --config`.
///
/// ```
/// $ etch compile braggnn_fc16_8_4_2_sz11 --calibration patches.npy --pixels 11 \
///     --precision auto --tolerance 0.05 --write-config braggnn.auto.json
/// ```
struct CompressionOptions {
  /// The options, in the order `etch compile --help` lists them.
  static let options: [OptionSpec] = [
    .value(
      "prune", valueName: "SPEC",
      help: "Prune before quantizing: steps such as global:0.5, layer:0.5, layer:fc1=0.8, "
        + "threshold:0.01, channels:0.25, joined by commas (docs/compression.md)."),
    .value(
      "prune-tolerance", valueName: "X",
      help: "Sweep the last fraction of --prune up from 0.05 and keep the largest whose "
        + "--metric stays within X."),
    .value(
      "tolerance", valueName: "X",
      help: "With --precision auto: the bound on --metric that the formats found must meet "
        + "on held-out frames."),
    .value(
      "metric", valueName: "M", choices: FidelityMetric.names, defaultValue: "mean-distance",
      help: "What the tolerances bound: mean-distance (times --pixels; at most X), argmax "
        + "(agreement; at least X) or max-relative (at most X)."),
    .value(
      "pixels", valueName: "N", help: "Scale of mean-distance (11 for BraggNN: pixels)."),
    .value(
      "data", valueName: "X.npy", isRepeatable: true,
      help: "Frames the metric is measured on, once per graph input (default: the "
        + "--calibration frames)."),
    .value(
      "held-out", valueName: "F", defaultValue: "0.5",
      help: "With --precision auto: the fraction of the metric frames kept out of the "
        + "search and used to check its result."),
    .value(
      "write-config", valueName: "FILE.json",
      help: "With --precision auto: where to write the config found (default: "
        + "NAME.auto.json)."),
  ]

  /// `--precision auto` was given.
  var isAutomatic: Bool
  /// `--prune`, parsed.
  var prune: PruneSpec?
  /// `--prune-tolerance`.
  var pruneTolerance: Double?
  /// `--tolerance`.
  var tolerance: Double?
  /// `--metric` with `--pixels`.
  var metric: FidelityMetric
  /// `--data` paths.
  var dataPaths: [String]
  /// `--target`.
  var target: String
  /// `--held-out`.
  var heldOut: Double
  /// `--write-config`.
  var writeConfig: String?

  /// Reads the options.
  ///
  /// - Throws: ``UsageError`` for a bad spec, number or combination.
  init(_ arguments: ParsedArguments) throws {
    isAutomatic = arguments.value(FixedRunOptions.precisionOption.name) == "auto"
    do {
      prune = try arguments.value("prune").map { try PruneSpec(parsing: $0) }
    } catch let error as PruneError {
      throw UsageError.invalid("invalid value for --prune: \(error)")
    }
    pruneTolerance = try arguments.value("prune-tolerance", as: Double.self)
    tolerance = try arguments.value("tolerance", as: Double.self)
    let scale = try arguments.value("pixels", as: Double.self) ?? 1
    metric = FidelityMetric(name: arguments.value("metric") ?? "", scale: scale) ?? .argmaxAgreement
    dataPaths = arguments.values("data")
    // `--target` is declared once, by the HLS options: the same part prices the
    // candidates and gets the project.
    target = arguments.value(HLSOutputOptions.targetOption.name) ?? HLSTarget.standard.name
    heldOut = try arguments.value("held-out", as: Double.self) ?? 0.5
    writeConfig = arguments.value("write-config")
    if pruneTolerance != nil, prune == nil {
      throw UsageError.invalid("--prune-tolerance needs --prune SPEC, the pruning to sweep")
    }
    if isAutomatic, tolerance == nil {
      throw UsageError.invalid(
        "--precision auto needs --tolerance X, the bound on --metric (for BraggNN: "
          + "--pixels 11 --tolerance 0.05 bounds the mean peak error at 0.05 px)")
    }
    if !isAutomatic, tolerance != nil {
      throw UsageError.invalid("--tolerance applies to --precision auto only")
    }
    guard heldOut > 0, heldOut < 1 else {
      throw UsageError.invalid("--held-out must be a fraction between 0 and 1, not \(heldOut)")
    }
  }

  /// Whether anything here needs to run before compiling.
  var isActive: Bool { isAutomatic || prune != nil }
}
