/// The arguments and options of one command line, checked against the command's spec,
/// with typed access.
///
/// The parser has already rejected unknown options, missing values and missing required
/// arguments, so a command only converts. Asking for a name the spec does not declare is a
/// programming error and stops the program, which the spec test of every command catches.
///
/// ```swift
/// let model = try arguments.required("MODEL")
/// let threads = try arguments.value("threads", as: Int.self) ?? 1
/// if arguments.flag("fixed") { ... }
/// ```
public struct ParsedArguments: Sendable {
  /// The spec the command line was checked against.
  public let spec: CommandSpec
  private let positional: [String: [String]]
  private let given: [String: [String]]

  /// Creates parsed arguments; `positional` and `given` are keyed by argument and option name.
  init(spec: CommandSpec, positional: [String: [String]], given: [String: [String]]) {
    self.spec = spec
    self.positional = positional
    self.given = given
  }

  /// Whether `--json` was given: print one JSON object instead of the readable summary.
  public var isJSON: Bool { flag(CommandSpec.jsonOption.name) }

  /// Whether the flag `--name` was given.
  public func flag(_ name: String) -> Bool {
    _ = declaredOption(name)
    return given[name] != nil
  }

  /// The value of `--name` (the last one if repeated), else its default, else `nil`.
  public func value(_ name: String) -> String? {
    values(name).last
  }

  /// Every value of a repeatable `--name`, in order; its default alone if none was given.
  public func values(_ name: String) -> [String] {
    let option = declaredOption(name)
    return given[name] ?? option.defaultValue.map { [$0] } ?? []
  }

  /// The value of `--name` converted to `T`, or `nil` if absent without a default.
  public func value<T: ArgumentValue>(_ name: String, as type: T.Type) throws(UsageError) -> T? {
    guard let text = value(name) else { return nil }
    return try Self.convert(text, to: type, for: "--\(name)")
  }

  /// Every value of a repeatable `--name`, converted to `T`.
  public func values<T: ArgumentValue>(_ name: String, as type: T.Type) throws(UsageError) -> [T] {
    var converted: [T] = []
    for text in values(name) {
      converted.append(try Self.convert(text, to: type, for: "--\(name)"))
    }
    return converted
  }

  /// The positional argument `name` (such as `MODEL`), or `nil` if it is optional and absent.
  public func argument(_ name: String) -> String? {
    arguments(name).first
  }

  /// All values of a repeatable positional argument.
  public func arguments(_ name: String) -> [String] {
    precondition(spec.arguments.contains { $0.name == name }, "\(spec.name) has no \(name)")
    return positional[name] ?? []
  }

  /// The positional argument `name` converted to `T`, or `nil` if absent.
  public func argument<T: ArgumentValue>(_ name: String, as type: T.Type) throws(UsageError)
    -> T?
  {
    guard let text = argument(name) else { return nil }
    return try Self.convert(text, to: type, for: name)
  }

  /// The positional argument `name`, or a usage error if it is absent.
  public func required(_ name: String) throws(UsageError) -> String {
    guard let value = argument(name) else { throw .missingArgument(name) }
    return value
  }

  /// The value of `--name`, or a usage error if it is absent and has no default.
  public func requiredValue(_ name: String) throws(UsageError) -> String {
    guard let value = value(name) else {
      throw .missingOption(option: "--\(name)", valueName: declaredOption(name).valueName ?? "")
    }
    return value
  }

  private func declaredOption(_ name: String) -> OptionSpec {
    guard let option = spec.option(named: name) else {
      preconditionFailure("\(spec.name) declares no option --\(name)")
    }
    return option
  }

  private static func convert<T: ArgumentValue>(_ text: String, to type: T.Type, for name: String)
    throws(UsageError) -> T
  {
    guard let value = T(argument: text) else {
      throw .invalidValue(
        name: name, value: text, expected: T.expectedValue,
        suggestion: NameSuggestion.closest(to: text, among: T.suggestions))
    }
    return value
  }
}
