/// The declaration of a command: its name, what it does, its arguments and options, and
/// examples. The parser, the usage line and `--help` are all generated from it.
///
/// Every command accepts `--json` (one JSON object on stdout instead of the readable
/// summary) and `-h`/`--help`; they are added to `options` by ``allOptions`` and need not be
/// declared.
///
/// ```swift
/// CommandSpec(
///   name: "inspect", summary: "Show a model's layers, shapes, parameters and MACs.",
///   arguments: [ArgumentSpec("MODEL", help: "NAME.json, or a name under models/.")],
///   examples: [CommandExample("etch inspect models/braggnn.json", "Lists BraggNN's layers.")])
/// ```
public struct CommandSpec: Sendable, Equatable {
  /// The `--json` flag every command has.
  public static let jsonOption = OptionSpec.flag(
    "json", help: "Print one JSON object instead of the readable summary.")
  /// The `-h`/`--help` flag every command has.
  public static let helpOption = OptionSpec.flag("help", short: "h", help: "Show this help.")

  /// The word after `etch` that selects the command.
  public var name: String
  /// One sentence, shown in `etch --help` and as the help's overview.
  public var summary: String
  /// Paragraphs explaining the command in more depth; may be empty.
  public var discussion: String
  /// The positional arguments, in order.
  public var arguments: [ArgumentSpec]
  /// The options, excluding the standard `--json` and `--help`.
  public var options: [OptionSpec]
  /// Example command lines for the end of the help.
  public var examples: [CommandExample]

  /// Declares a command.
  public init(
    name: String, summary: String, discussion: String = "", arguments: [ArgumentSpec] = [],
    options: [OptionSpec] = [], examples: [CommandExample] = []
  ) {
    self.name = name
    self.summary = summary
    self.discussion = discussion
    self.arguments = arguments
    self.options = options
    self.examples = examples
  }

  /// The declared options followed by `--json` and `--help`.
  public var allOptions: [OptionSpec] { options + [Self.jsonOption, Self.helpOption] }

  /// The option with this long name (without dashes), if declared.
  public func option(named name: String) -> OptionSpec? {
    allOptions.first { $0.name == name }
  }

  /// The option with this one-letter alias, if declared.
  public func option(short: Character) -> OptionSpec? {
    allOptions.first { $0.shortName == short }
  }

  /// Mistakes in the declaration itself (duplicate names, an argument that can never be
  /// reached after a repeatable one, a default outside the choices); empty when the spec is sound. A test runs this
  /// over every registered command, so such mistakes never reach a user.
  public var problems: [String] {
    var problems: [String] = []
    let longNames = allOptions.map(\.name)
    for name in Set(longNames) where longNames.filter({ $0 == name }).count > 1 {
      problems.append("\(self.name): option '--\(name)' is declared twice")
    }
    let shortNames = allOptions.compactMap(\.shortName)
    for short in Set(shortNames) where shortNames.filter({ $0 == short }).count > 1 {
      problems.append("\(self.name): short option '-\(short)' is declared twice")
    }
    // One repeatable argument can take "the rest"; arguments after it must be required,
    // or they could never receive a value.
    if let repeatable = arguments.firstIndex(where: \.isRepeatable) {
      for argument in arguments[(repeatable + 1)...]
      where argument.isRepeatable || argument.isOptional {
        problems.append(
          "\(self.name): \(argument.name) follows the repeatable "
            + "\(arguments[repeatable].name), so it must be required and not repeat")
      }
    }
    for option in options {
      if let value = option.defaultValue, !option.choices.isEmpty, !option.choices.contains(value) {
        problems.append("\(self.name): default '\(value)' of --\(option.name) is not a choice")
      }
      if option.isRequired, option.defaultValue != nil {
        problems.append("\(self.name): --\(option.name) is required but has a default")
      }
      if option.help.isEmpty { problems.append("\(self.name): --\(option.name) has no help") }
    }
    if summary.isEmpty { problems.append("\(name): the command has no summary") }
    return problems
  }
}
