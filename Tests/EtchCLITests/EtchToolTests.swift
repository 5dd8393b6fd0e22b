import EtchCLI
import Foundation
import ModelFormat
import Testing

/// Dispatch, exit codes and where each kind of output goes, run in-process.
@Suite struct EtchToolTests {
  struct Run {
    var status: ExitCode
    var stdout: String
    var stderr: String
  }

  static func run(_ words: [String], registry: CommandRegistry = Samples.registry) async -> Run {
    let stdout = TextOutput.capturing()
    let stderr = TextOutput.capturing()
    let status = await EtchTool(registry: registry, stdout: stdout, stderr: stderr).run(words)
    return Run(status: status, stdout: stdout.text, stderr: stderr.text)
  }

  @Test func runsTheNamedCommandAndPrintsItsSummary() async {
    let run = await Self.run(["run", "m.json", "--input", "x.npy", "--threads", "4"])
    #expect(run.status == .success)
    #expect(run.stdout == "model m.json on 4 threads with float\n")
    #expect(run.stderr.isEmpty)
  }

  @Test func printsOneJSONObjectInsteadWithJSON() async throws {
    let run = await Self.run(["run", "m.json", "--input", "x.npy", "--json", "--engine=fixed"])
    #expect(run.status == .success)
    #expect(
      run.stdout == "{\n  \"engine\": \"fixed\",\n  \"model\": \"m.json\",\n  \"threads\": 1\n}\n")
  }

  @Test func showsCommandHelpOnStdout() async {
    for words in [["run", "--help"], ["run", "-h", "--bogus"], ["help", "run"]] {
      let run = await Self.run(words)
      #expect(run.status == .success, "\(words)")
      #expect(run.stdout == HelpFormatter.help(for: Samples.runSpec), "\(words)")
      #expect(run.stderr.isEmpty, "\(words)")
    }
  }

  @Test func reportsBadUsageWithTheCommandsUsageLineAnd64() async {
    let run = await Self.run(["run", "m.json", "--input", "x.npy", "--thread", "2"])
    #expect(run.status == .usage)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr == "etch: error: unknown option '--thread'; did you mean '--threads'?\n"
        + "usage: \(HelpFormatter.usage(for: Samples.runSpec))\n"
        + "See 'etch help run' for more.\n")
  }

  @Test func reportsConversionErrorsFromACommandAsBadUsage() async {
    let run = await Self.run(["run", "m.json", "--input", "x.npy", "--threads", "many"])
    #expect(run.status == .usage)
    #expect(
      run.stderr.hasPrefix(
        "etch: error: invalid value 'many' for --threads; expected an integer\nusage: etch run "))
  }

  @Test func reportsUnknownCommandsWithASuggestion() async {
    let run = await Self.run(["rnu"])
    #expect(run.status == .usage)
    #expect(run.stdout.isEmpty)
    #expect(
      run.stderr == "etch: error: unknown command 'rnu'; did you mean 'run'?\n"
        + "usage: etch COMMAND [OPTIONS]\nSee 'etch --help' for more.\n")
    let none = await Self.run([])
    #expect(none.status == .usage)
    #expect(
      none.stderr.hasPrefix("etch: error: no command given; expected one of run, fail, help\n"))
    let option = await Self.run(["--jsn"])
    #expect(option.status == .usage)
    #expect(option.stderr.hasPrefix("etch: error: unknown option '--jsn'\n"))
  }

  @Test(arguments: [
    (
      "npy", ExitCode.failure,
      "models/tiny.json: warning: about to fail\n"
        + "x.npy: error: header field 'fortran_order' is True for shape (2, 3); Etch reads "
        + "C-order arrays only — save numpy.ascontiguousarray(a) instead\n"
    ),
    (
      "pass", .failure,
      "models/tiny.json: warning: about to fail\n"
        + "models/tiny.json:fc1: error: [quantize] accumulator needs 40 bits but at most 32 are "
        + "allowed\n"
    ),
    (
      "plain", .failure,
      "models/tiny.json: warning: about to fail\n"
        + "etch: error: something plain went wrong\n"
    ),
    (
      "usage", .usage,
      "models/tiny.json: warning: about to fail\n"
        + "etch: error: --how usage needs company\nusage: etch fail --how HOW [--json]\n"
        + "See 'etch help fail' for more.\n"
    ),
    ("status", ExitCode(rawValue: 3), "models/tiny.json: warning: about to fail\n"),
  ])
  func turnsEachFailureIntoOneDiagnosticLineAndItsStatus(
    how: String, status: ExitCode, stderr: String
  ) async {
    let run = await Self.run(["fail", "--how", how])
    #expect(run.status == status)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr == stderr)
  }

  @Test func formatsErrorsOfEveryKind() {
    #expect(
      DiagnosticFormatter.line(for: NpyError.cannotOpen(path: "a.npy", reason: "Permission denied"))
        == "a.npy: error: cannot open the file (Permission denied); expected a readable .npy "
        + "file at this path")
    #expect(
      DiagnosticFormatter.line(for: CocoaError(.fileNoSuchFile), severity: .warning)
        .hasPrefix("etch: warning: "))
    #expect(
      DiagnosticFormatter.line(location: "m.json", passName: "fold", message: "a\nb")
        == "m.json: error: [fold] a b")
  }

  @Test func hasNoMistakesInAnyRegisteredSpec() {
    #expect(CommandRegistry.standard.problems.isEmpty)
    #expect(Samples.registry.problems.isEmpty)
    #expect(CommandRegistry.standard.names.contains("help"))
  }

  @Test func findsMistakesInABadSpec() {
    let bad = CommandSpec(
      name: "help", summary: "",
      arguments: [
        ArgumentSpec("A", help: "a", isRepeatable: true),
        ArgumentSpec("B", help: "b", isOptional: true),
      ],
      options: [
        .flag("json", short: "h", help: "again"),
        .value("mode", valueName: "M", choices: ["a"], defaultValue: "b", help: "mode"),
        .value("need", valueName: "N", defaultValue: "1", isRequired: true, help: ""),
      ])
    struct Bad: Command {
      let spec: CommandSpec
      func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        .success
      }
    }
    #expect(
      CommandRegistry(commands: [Bad(spec: bad)]).problems == [
        "command 'help' is registered twice",
        "help: option '--json' is declared twice",
        "help: short option '-h' is declared twice",
        "help: B follows the repeatable A, so it must be required and not repeat",
        "help: default 'b' of --mode is not a choice",
        "help: --need is required but has a default",
        "help: --need has no help",
        "help: the command has no summary",
      ])
  }
}
