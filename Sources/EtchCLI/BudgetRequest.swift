import Compiler

/// The command line of `etch budget`, checked before anything is compiled.
struct BudgetRequest {
  /// `--target`.
  var target: String
  /// `--detector`.
  var detector: String
  /// `--per-frame`, if given.
  var perFrame: Int?
  /// `--io`, if given.
  var io: BudgetCommand.IO?
  /// `--reuse`, if given.
  var reuse: Int?
  /// `--fit`.
  var fit: Bool
  /// `--out-config`, if given.
  var outConfig: String?
  /// `--precision`, `--config`, `--calibration`.
  var options: FixedRunOptions

  /// Reads and checks the options.
  ///
  /// - Throws: ``UsageError`` for values out of range or `--out-config` without `--fit`;
  ///   `PrecisionConfigError` for a bad `--config`.
  init(_ arguments: ParsedArguments) throws {
    target = try arguments.requiredValue("target")
    detector = try arguments.requiredValue("detector")
    perFrame = try arguments.value("per-frame", as: Int.self)
    if let k = perFrame, k < 1 {
      throw UsageError.invalidValue(
        name: "--per-frame", value: "\(k)", expected: "a positive integer", suggestion: nil)
    }
    io = try arguments.value("io", as: BudgetCommand.IO.self)
    reuse = try arguments.value("reuse", as: Int.self)
    if let r = reuse, !(1...ReuseConfig.maxFactor).contains(r) {
      throw UsageError.invalidValue(
        name: "--reuse", value: "\(r)",
        expected: "an integer from 1 to \(ReuseConfig.maxFactor)", suggestion: nil)
    }
    fit = arguments.flag("fit")
    outConfig = arguments.value("out-config")
    if outConfig != nil && !fit {
      throw UsageError.invalid("--out-config writes the reuse factors --fit finds; add --fit")
    }
    options = try FixedRunOptions(arguments)
  }
}
