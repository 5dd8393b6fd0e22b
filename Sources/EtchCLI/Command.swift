/// A subcommand of `etch`: a spec saying what it accepts and a function that does the work.
///
/// A command is one file: a struct with its ``CommandSpec`` and `run`, added to
/// ``CommandRegistry/standard``. Parsing, `--help`, `--json`, usage errors and exit codes are
/// handled around it; `run` gets checked arguments, returns a status or throws. A thrown
/// ``UsageError`` exits with 64 and the usage line; any other error prints as a diagnostic
/// (see ``Diagnostic``) and exits with 1.
///
/// ```swift
/// struct InspectCommand: Command {
///   let spec = CommandSpec(name: "inspect", summary: "Show a model's layers.",
///                          arguments: [ArgumentSpec("MODEL", help: "NAME.json.")])
///   func run(_ arguments: ParsedArguments, context: CommandContext) async throws
///     -> ExitCode
///   {
///     let model = try arguments.required("MODEL")
///     context.report(summary: "model \(model)", json: ["model": .string(model)])
///     return .success
///   }
/// }
/// ```
public protocol Command: Sendable {
  /// What the command accepts; the parser and the help are generated from it.
  var spec: CommandSpec { get }

  /// Does the command's work with parsed `arguments`, printing through `context`.
  func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode
}
