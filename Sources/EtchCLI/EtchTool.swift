/// The `etch` command line: picks the command, parses its arguments, runs it, and turns
/// the outcome into output and an exit status.
///
/// `Sources/etch/main.swift` is one call to ``run(_:)``; tests call the same function with
/// captured outputs and their own registry. The rules that hold for every command live
/// here: `--help` and `--version`, usage errors on stderr with the usage line and exit 64,
/// other errors as one diagnostic line and exit 1, nothing on stdout unless there is a result.
///
/// ```swift
/// let status = await EtchTool().run(["inspect", "models/braggnn.json"])
/// ```
public struct EtchTool: Sendable {
  /// The executable's name, used in usage lines and diagnostics.
  public static let name = "etch"
  /// The version `etch --version` prints.
  public static let version = "0.1.0"
  /// One sentence on what Etch does, the overview of `etch --help`.
  public static let summary =
    "Compile trained neural networks into fixed-point HLS C++ for detector-side FPGAs."
  /// The paragraph under the overview of `etch --help`.
  public static let discussion = """
    Etch reads a model (NAME.json with NAME.safetensors), shows its layers and costs, runs \
    it in float32 or bit-accurate fixed point on your frames, validates fixed point against \
    float per layer and end to end, compiles it (with optional pruning and precision \
    search) to a Vitis HLS project whose C++ gives the same bits, estimates resources and \
    latency against a detector's frame period, streams frames through a CPU runtime, and \
    generates labelled synthetic data. Every command prints a readable summary, or one JSON \
    object with --json. Exit status: 0 success, 1 failure, 64 bad usage.
    """

  /// The commands this tool dispatches to.
  public let registry: CommandRegistry
  private let stdout: TextOutput
  private let stderr: TextOutput

  /// Creates the tool with `registry`, writing to `stdout` and `stderr`.
  public init(
    registry: CommandRegistry = .standard, stdout: TextOutput = .standardOutput,
    stderr: TextOutput = .standardError
  ) {
    self.registry = registry
    self.stdout = stdout
    self.stderr = stderr
  }

  /// Runs the command line `words` (without the executable's name) and returns the status.
  public func run(_ words: [String]) async -> ExitCode {
    guard let first = words.first else {
      return usageFailure(.missingCommand(commands: registry.names), spec: nil)
    }
    switch first {
    case "--help", "-h":
      stdout.write(HelpFormatter.toolHelp(commands: registry.allCommands.map(\.spec)))
      return .success
    case "--version":
      stdout.write("\(Self.name) \(Self.version)\n")
      return .success
    default:
      break
    }
    if CommandLineParser.looksLikeOption(first) {
      let suggestion = NameSuggestion.closest(to: first, among: ["--help", "--version"])
      return usageFailure(.unknownOption(first, suggestion: suggestion), spec: nil)
    }
    guard let command = registry.command(named: first) else {
      let suggestion = NameSuggestion.closest(to: first, among: registry.names)
      return usageFailure(
        .unknownCommand(first, suggestion: suggestion, commands: registry.names), spec: nil)
    }
    return await run(command, Array(words.dropFirst()))
  }

  private func run(_ command: any Command, _ words: [String]) async -> ExitCode {
    let arguments: ParsedArguments
    do {
      switch try CommandLineParser.parse(words, for: command.spec) {
      case .help:
        stdout.write(HelpFormatter.help(for: command.spec))
        return .success
      case .arguments(let parsed):
        arguments = parsed
      }
    } catch {
      return usageFailure(error, spec: command.spec)
    }
    let context = CommandContext(stdout: stdout, stderr: stderr, isJSON: arguments.isJSON)
    do {
      return try await command.run(arguments, context: context)
    } catch let error as UsageError {
      return usageFailure(error, spec: command.spec)
    } catch {
      stderr.write(DiagnosticFormatter.line(for: error) + "\n")
      return .failure
    }
  }

  /// Prints a usage error with the usage line of `spec` (or of `etch`) and returns 64.
  private func usageFailure(_ error: UsageError, spec: CommandSpec?) -> ExitCode {
    let usage = spec.map(HelpFormatter.usage(for:)) ?? HelpFormatter.toolUsage
    let helpCommand = spec.map { "\(Self.name) help \($0.name)" } ?? "\(Self.name) --help"
    stderr.write(
      DiagnosticFormatter.line(location: nil, passName: nil, message: error.message) + "\n"
        + "usage: \(usage)\n" + "See '\(helpCommand)' for more.\n")
    return .usage
  }
}
