/// Parses the words after a command's name against its ``CommandSpec``.
///
/// Accepted forms: positional arguments in declared order; `--name value` and `--name=value`;
/// flags `--name`; one-letter aliases `-o value`; options in any order and between
/// arguments; `--` to end options (so a file may be called `-x.npy`). A value may start with
/// `-` if it is a number (`--offset -3`) or just `-`. `-h`/`--help` anywhere before `--`
/// asks for help, whatever else is wrong. Every mistake is a ``UsageError`` naming the word
/// at fault, with a suggestion for a near-miss option or choice.
///
/// ```swift
/// let outcome = try CommandLineParser.parse(["m.json", "--input=x.npy"], for: runSpec)
/// ```
public enum CommandLineParser {
  /// What the command line asks for.
  public enum Outcome: Sendable {
    /// `-h` or `--help` was given: show the command's help.
    case help
    /// Run the command with these arguments.
    case arguments(ParsedArguments)
  }

  /// Parses `words` (the command line after the command's name) for `spec`.
  public static func parse(_ words: [String], for spec: CommandSpec) throws(UsageError)
    -> Outcome
  {
    let beforeTerminator = words.prefix { $0 != "--" }
    if beforeTerminator.contains(where: { $0 == "--help" || $0 == "-h" }) { return .help }

    var positionalWords: [String] = []
    var given: [String: [String]] = [:]
    var index = 0
    var optionsEnded = false
    while index < words.count {
      let word = words[index]
      index += 1
      if optionsEnded || !looksLikeOption(word) {
        positionalWords.append(word)
        continue
      }
      if word == "--" {
        optionsEnded = true
        continue
      }
      let (option, inlineValue) = try resolve(word, in: spec)
      if option.isFlag {
        if let inlineValue { throw .unexpectedValue(flag: option.longForm, value: inlineValue) }
        given[option.name] = [""]
        continue
      }
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if index < words.count, !looksLikeOption(words[index]) {
        value = words[index]
        index += 1
      } else {
        throw .missingValue(option: option.longForm, valueName: option.valueName ?? "")
      }
      try check(value, against: option)
      if given[option.name] != nil, !option.isRepeatable {
        throw .repeatedOption(option.longForm)
      }
      given[option.name, default: []].append(value)
    }

    for option in spec.options where option.isRequired && given[option.name] == nil {
      throw .missingOption(option: option.longForm, valueName: option.valueName ?? "")
    }
    let positional = try assign(positionalWords, to: spec.arguments)
    return .arguments(ParsedArguments(spec: spec, positional: positional, given: given))
  }

  /// Whether a word is an option (or `--`) rather than a value: it starts with `-`, is not
  /// just `-`, and is not a negative number.
  static func looksLikeOption(_ word: String) -> Bool {
    guard word.hasPrefix("-"), word.count > 1 else { return false }
    return Double(word) == nil
  }

  /// The option a word names and the value after its `=`, if any.
  private static func resolve(_ word: String, in spec: CommandSpec) throws(UsageError)
    -> (OptionSpec, String?)
  {
    if word.hasPrefix("--") {
      let body = word.dropFirst(2)
      let name = body.prefix { $0 != "=" }
      let value = body.count > name.count ? String(body.dropFirst(name.count + 1)) : nil
      if let option = spec.option(named: String(name)) { return (option, value) }
      let suggestion = NameSuggestion.closest(
        to: "--" + name, among: spec.allOptions.map(\.longForm))
      throw .unknownOption("--" + name, suggestion: suggestion)
    }
    if word.count == 2, let letter = word.last, let option = spec.option(short: letter) {
      return (option, nil)
    }
    // "-input" is a common slip for "--input".
    let suggestion = NameSuggestion.closest(to: "-" + word, among: spec.allOptions.map(\.longForm))
    throw .unknownOption(word, suggestion: suggestion)
  }

  private static func check(_ value: String, against option: OptionSpec) throws(UsageError) {
    guard !option.choices.isEmpty, !option.choices.contains(value) else { return }
    throw .invalidValue(
      name: option.longForm, value: value,
      expected: "one of " + option.choices.joined(separator: ", "),
      suggestion: NameSuggestion.closest(to: value, among: option.choices))
  }

  /// Matches positional words to the declared arguments, in order.
  private static func assign(_ words: [String], to arguments: [ArgumentSpec]) throws(UsageError)
    -> [String: [String]]
  {
    var assigned: [String: [String]] = [:]
    var remaining = words[...]
    let requiredCount = arguments.filter { !$0.isOptional }.count
    var requiredSeen = 0
    for argument in arguments {
      if !argument.isOptional { requiredSeen += 1 }
      // Leave enough words for the required arguments still to come.
      let reserved = requiredCount - requiredSeen
      let available = remaining.count - reserved
      if argument.isRepeatable {
        let taken = remaining.prefix(max(available, 0))
        if taken.isEmpty, !argument.isOptional { throw .missingArgument(argument.name) }
        assigned[argument.name] = Array(taken)
        remaining = remaining.dropFirst(taken.count)
      } else if let word = remaining.first, available > 0 || !argument.isOptional {
        assigned[argument.name] = [word]
        remaining = remaining.dropFirst()
      } else if !argument.isOptional {
        throw .missingArgument(argument.name)
      }
    }
    if let extra = remaining.first { throw .extraArgument(extra) }
    return assigned
  }
}
