/// A named option of a command: a flag (`--fixed`) or an option with a value
/// (`--input X.npy`, also written `--input=X.npy`).
///
/// The declaration carries everything the parser checks and the help shows: the value's
/// placeholder, its default, the allowed choices, whether it is required or may repeat.
///
/// ```swift
/// OptionSpec.value("engine", valueName: "E", choices: ["float", "fixed"],
///                  defaultValue: "float", help: "The engine to run.")
/// OptionSpec.flag("fixed", help: "Run the bit-accurate fixed-point engine.")
/// ```
public struct OptionSpec: Sendable, Equatable {
  /// The long name without dashes: `input` for `--input`.
  public var name: String
  /// An optional one-letter alias without the dash: `o` for `-o`.
  public var shortName: Character?
  /// One or two sentences describing the option.
  public var help: String
  /// The value's placeholder in usage and help (`X.npy`), or `nil` for a flag.
  public var valueName: String?
  /// The value used when the option is not given, shown in help.
  public var defaultValue: String?
  /// The only values accepted, if the option takes one of a fixed set.
  public var choices: [String]
  /// Whether the command refuses to run without the option.
  public var isRequired: Bool
  /// Whether the option may be given more than once (each value is kept, in order).
  public var isRepeatable: Bool

  /// Declares a flag: present or absent, no value.
  public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
    OptionSpec(
      name: name, shortName: short, help: help, valueName: nil, defaultValue: nil, choices: [],
      isRequired: false, isRepeatable: false)
  }

  /// Declares an option that takes a value.
  public static func value(
    _ name: String, short: Character? = nil, valueName: String, choices: [String] = [],
    defaultValue: String? = nil, isRequired: Bool = false, isRepeatable: Bool = false,
    help: String
  ) -> OptionSpec {
    OptionSpec(
      name: name, shortName: short, help: help, valueName: valueName,
      defaultValue: defaultValue, choices: choices, isRequired: isRequired,
      isRepeatable: isRepeatable)
  }

  /// Whether the option is a flag rather than taking a value.
  public var isFlag: Bool { valueName == nil }

  /// The option as typed: `--input`.
  public var longForm: String { "--\(name)" }

  /// The spellings shown in help: `-o, --output` or `--output`.
  public var forms: String {
    shortName.map { "-\($0), \(longForm)" } ?? longForm
  }

  /// How the option appears in a usage line: `--input X.npy`, `[--fixed]`, `[--data X ...]`.
  public var usage: String {
    let core = valueName.map { "\(longForm) \($0)" } ?? longForm
    let repeated = isRepeatable ? "\(core) ..." : core
    return isRequired ? repeated : "[\(repeated)]"
  }
}
