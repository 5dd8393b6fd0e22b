/// A positional argument of a command, such as the `MODEL` of `etch inspect MODEL`.
///
/// Positional arguments are matched in the order they are declared. One may be repeatable
/// (`SOURCE ... DEST`); the required arguments after it still get their values. Help and usage lines are generated from these declarations, so the help
/// never disagrees with the parser.
///
/// ```swift
/// ArgumentSpec("MODEL", help: "The model: a path to NAME.json, or a name under models/.")
/// ```
public struct ArgumentSpec: Sendable, Equatable {
  /// The name shown in usage and help, conventionally upper case (`MODEL`).
  public var name: String
  /// One sentence describing the argument.
  public var help: String
  /// Whether the command runs without it.
  public var isOptional: Bool
  /// Whether it takes all positional words not needed by the arguments after it.
  public var isRepeatable: Bool

  /// Declares a positional argument.
  public init(_ name: String, help: String, isOptional: Bool = false, isRepeatable: Bool = false) {
    self.name = name
    self.help = help
    self.isOptional = isOptional
    self.isRepeatable = isRepeatable
  }

  /// How the argument appears in a usage line: `MODEL`, `[MODEL]`, `FILE ...`.
  public var usage: String {
    let core = isRepeatable ? "\(name) ..." : name
    return isOptional ? "[\(core)]" : core
  }
}
