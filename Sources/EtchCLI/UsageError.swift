/// A command line that `etch` cannot act on: it exits with status 64 and prints the message,
/// the command's usage line and where to find its help.
///
/// The parser throws these for the command line's shape; commands throw them too, from the
/// typed accessors of ``ParsedArguments`` or as ``invalid(_:)`` for their own rules, so that
/// every kind of bad usage looks the same to the user.
///
/// ```swift
/// UsageError.unknownOption("--inptu", suggestion: "--input").message
/// // unknown option '--inptu'; did you mean '--input'?
/// ```
public enum UsageError: Error, Sendable, Equatable {
  /// No command followed `etch`; `commands` lists the ones there are.
  case missingCommand(commands: [String])
  /// The word after `etch` names no command.
  case unknownCommand(String, suggestion: String?, commands: [String])
  /// An option the command does not declare.
  case unknownOption(String, suggestion: String?)
  /// An option that takes a value came last or was followed by another option.
  case missingValue(option: String, valueName: String)
  /// A flag was given a value with `=`.
  case unexpectedValue(flag: String, value: String)
  /// A required positional argument is absent.
  case missingArgument(String)
  /// A required option is absent.
  case missingOption(option: String, valueName: String)
  /// More positional arguments than the command takes.
  case extraArgument(String)
  /// An option that may appear once appeared again.
  case repeatedOption(String)
  /// A value that does not convert or is not one of the choices; `name` is the option or
  /// argument it was given for.
  case invalidValue(name: String, value: String, expected: String, suggestion: String?)
  /// A rule of the command itself, as one sentence: "--precision needs --fixed".
  case invalid(String)

  /// One sentence saying what is wrong and what was expected.
  public var message: String {
    switch self {
    case .missingCommand(let commands):
      return "no command given; expected one of \(commands.joined(separator: ", "))"
    case .unknownCommand(let name, let suggestion, let commands):
      return "unknown command '\(name)'"
        + (suggestion.map { "; did you mean '\($0)'?" }
          ?? "; expected one of \(commands.joined(separator: ", "))")
    case .unknownOption(let option, let suggestion):
      return "unknown option '\(option)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .missingValue(let option, let valueName):
      return "option '\(option)' needs a value; expected \(option) \(valueName)"
    case .unexpectedValue(let flag, let value):
      return "flag '\(flag)' takes no value, but was given '\(value)'; expected just \(flag)"
    case .missingArgument(let name):
      return "missing argument \(name)"
    case .missingOption(let option, let valueName):
      return "missing required option \(option) \(valueName)"
    case .extraArgument(let value):
      return "unexpected argument '\(value)'"
    case .repeatedOption(let option):
      return "option '\(option)' was given more than once; expected it once"
    case .invalidValue(let name, let value, let expected, let suggestion):
      return "invalid value '\(value)' for \(name); expected \(expected)"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .invalid(let message):
      return message
    }
  }
}

extension UsageError: CustomStringConvertible {
  /// The message, so the error reads well when printed directly.
  public var description: String { message }
}
