/// `etch help [COMMAND]`: the help of `etch` or of one command, also as JSON.
///
/// The same text as `etch --help` and `etch COMMAND --help`; as a command of its own it is
/// listed, accepts `--json` (a machine-readable description of every option, for editors
/// and documentation) and reports an unknown command like any other usage error.
struct HelpCommand: Command {
  /// The registry whose commands this help describes.
  let registry: CommandRegistry

  let spec = CommandSpec(
    name: "help", summary: "Show help for etch or one of its commands.",
    arguments: [
      ArgumentSpec(
        "COMMAND", help: "The command to describe; all of etch if omitted.", isOptional: true)
    ],
    examples: [
      CommandExample("etch help", "Lists the commands."),
      CommandExample("etch help help --json", "Describes the help command as JSON."),
    ])

  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
    guard let name = arguments.argument("COMMAND") else {
      let specs = registry.allCommands.map(\.spec)
      context.report(
        summary: HelpFormatter.toolHelp(commands: specs),
        json: HelpFormatter.toolJSON(commands: specs))
      return .success
    }
    guard let command = registry.command(named: name) else {
      throw UsageError.unknownCommand(
        name, suggestion: NameSuggestion.closest(to: name, among: registry.names),
        commands: registry.names)
    }
    context.report(
      summary: HelpFormatter.help(for: command.spec), json: HelpFormatter.json(for: command.spec))
    return .success
  }
}
