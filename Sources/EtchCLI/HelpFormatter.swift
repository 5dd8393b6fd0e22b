/// Generates usage lines, `--help` text and the JSON form of help from command specs.
///
/// Help is generated, never written by hand, so it cannot drift from what the parser
/// accepts. Text is wrapped at 80 columns with option descriptions aligned; defaults,
/// choices and requirements are appended to each option's description.
///
/// ```swift
/// HelpFormatter.usage(for: spec)  // "etch run MODEL --input X.npy [--fixed] [--json]"
/// ```
public enum HelpFormatter {
  /// The width help text is wrapped to.
  public static let width = 80
  /// The column option and argument descriptions start in.
  static let descriptionColumn = 26

  /// The usage line: `etch NAME` followed by arguments and options.
  public static func usage(for spec: CommandSpec) -> String {
    let options = (spec.options + [CommandSpec.jsonOption]).map(\.usage)
    return ([EtchTool.name, spec.name] + spec.arguments.map(\.usage) + options)
      .joined(separator: " ")
  }

  /// The usage line of `etch` itself.
  public static let toolUsage = "\(EtchTool.name) COMMAND [OPTIONS]"

  /// The full help of one command.
  public static func help(for spec: CommandSpec) -> String {
    var text = wrap("OVERVIEW: \(spec.summary)", indent: 0) + "\n"
    if !spec.discussion.isEmpty { text += paragraphs(spec.discussion) + "\n" }
    text += "USAGE: \(usage(for: spec))\n"
    if !spec.arguments.isEmpty {
      text += "\nARGUMENTS:\n"
      text += spec.arguments.map { entry($0.name, describing: $0.help) }.joined()
    }
    text += "\nOPTIONS:\n"
    text += spec.allOptions.map { option in
      let name = option.valueName.map { "\(option.forms) \($0)" } ?? option.forms
      return entry(name, describing: describe(option))
    }.joined()
    if !spec.examples.isEmpty {
      text += "\nEXAMPLES:\n"
      text += spec.examples.map { example in
        "  \(example.command)\n" + wrap(example.explanation, indent: 6)
      }.joined()
    }
    return text
  }

  /// The help of `etch` itself, listing `commands`.
  public static func toolHelp(commands: [CommandSpec]) -> String {
    var text = wrap("OVERVIEW: \(EtchTool.summary)", indent: 0) + "\n"
    text += paragraphs(EtchTool.discussion) + "\n"
    text += "USAGE: \(toolUsage)\n\nCOMMANDS:\n"
    text += commands.map { entry($0.name, describing: $0.summary) }.joined()
    text += "\nOPTIONS:\n"
    text += entry("-h, --help", describing: "Show this help.")
    text += entry("--version", describing: "Print the version (\(EtchTool.version)).")
    text += "\nSee '\(EtchTool.name) help COMMAND' for a command's arguments and options.\n"
    return text
  }

  /// The help of `etch` as JSON: version and each command's name and summary.
  public static func toolJSON(commands: [CommandSpec]) -> JSONValue {
    [
      "name": .string(EtchTool.name), "version": .string(EtchTool.version),
      "usage": .string(toolUsage),
      "commands": .array(
        commands.map { ["name": .string($0.name), "summary": .string($0.summary)] }),
    ]
  }

  /// One command's help as JSON, with every argument and option as declared.
  public static func json(for spec: CommandSpec) -> JSONValue {
    let arguments: [JSONValue] = spec.arguments.map { argument in
      [
        "name": .string(argument.name), "help": .string(argument.help),
        "optional": .bool(argument.isOptional), "repeatable": .bool(argument.isRepeatable),
      ]
    }
    let options: [JSONValue] = spec.allOptions.map { option in
      [
        "name": .string(option.longForm),
        "short": option.shortName.map { .string("-\($0)") } ?? nil,
        "value": option.valueName.map(JSONValue.string) ?? nil,
        "default": option.defaultValue.map(JSONValue.string) ?? nil,
        "choices": .array(option.choices.map(JSONValue.string)),
        "required": .bool(option.isRequired), "repeatable": .bool(option.isRepeatable),
        "help": .string(option.help),
      ]
    }
    let examples: [JSONValue] = spec.examples.map { example in
      ["command": .string(example.command), "explanation": .string(example.explanation)]
    }
    return [
      "name": .string(spec.name), "summary": .string(spec.summary),
      "discussion": .string(spec.discussion), "usage": .string(usage(for: spec)),
      "arguments": .array(arguments), "options": .array(options), "examples": .array(examples),
    ]
  }

  /// An option's help with its requirements, choices and default appended.
  static func describe(_ option: OptionSpec) -> String {
    var notes: [String] = []
    if option.isRequired { notes.append("required") }
    if !option.choices.isEmpty { notes.append("one of: " + option.choices.joined(separator: ", ")) }
    if let value = option.defaultValue { notes.append("default: \(value)") }
    if option.isRepeatable { notes.append("repeatable") }
    return notes.isEmpty ? option.help : "\(option.help) (\(notes.joined(separator: "; ")))"
  }

  /// `  NAME                    description`, the description wrapped in its column.
  static func entry(_ name: String, describing description: String) -> String {
    let head = "  " + name
    let wrapped = wrap(description, indent: descriptionColumn)
    guard head.count + 2 <= descriptionColumn else { return head + "\n" + wrapped }
    return head + String(wrapped.dropFirst(head.count))
  }

  /// Paragraphs separated by blank lines, each wrapped to the width.
  static func paragraphs(_ text: String) -> String {
    text.split(separator: "\n\n", omittingEmptySubsequences: true)
      .map { wrap($0.split(whereSeparator: \.isNewline).joined(separator: " "), indent: 0) }
      .joined(separator: "\n")
  }

  /// `text` broken into lines of at most ``width`` characters, each indented by `indent`.
  static func wrap(_ text: String, indent: Int) -> String {
    let margin = String(repeating: " ", count: indent)
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty, indent + line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += line.isEmpty ? String(word) : " " + word
    }
    lines.append(line)
    return lines.map { margin + $0 + "\n" }.joined()
  }
}
