/// The commands `etch` knows, looked up by name; `help` is always among them.
///
/// ``standard`` is the single list a new command is added to. A registry can also be built
/// from other commands, which is how tests exercise dispatch without real models.
///
/// ```swift
/// let registry = CommandRegistry(commands: [InspectCommand(), RunCommand()])
/// registry.command(named: "inspect")?.spec.summary
/// ```
public struct CommandRegistry: Sendable {
  /// The commands of the `etch` executable. Add each new command here.
  public static let standard = CommandRegistry(commands: [
    InspectCommand(), RunCommand(), ValidateCommand(), CompileCommand(), BudgetCommand(),
    BenchCommand(), SynthCommand(),
  ])

  /// The registered commands, without the built-in `help`, in the order given.
  public let commands: [any Command]

  /// Creates a registry of `commands`; their names must be distinct and not `help`.
  public init(commands: [any Command]) {
    self.commands = commands
  }

  /// Every command including `help`, in the order `etch --help` lists them.
  public var allCommands: [any Command] {
    commands + [HelpCommand(registry: self)]
  }

  /// The names of all commands, for listings and suggestions.
  public var names: [String] { allCommands.map(\.spec.name) }

  /// The command called `name`, if any.
  public func command(named name: String) -> (any Command)? {
    allCommands.first { $0.spec.name == name }
  }

  /// Declaration mistakes across the registry: duplicate names and each spec's problems.
  public var problems: [String] {
    let names = self.names
    let duplicates = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
    return duplicates.sorted().map { "command '\($0)' is registered twice" }
      + allCommands.flatMap(\.spec.problems)
  }
}
