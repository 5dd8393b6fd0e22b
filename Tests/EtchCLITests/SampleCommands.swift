import EtchCLI
import ModelFormat

/// Commands that exist only in tests, to exercise parsing, dispatch and error handling
/// without real models.
enum Samples {
  /// A spec shaped like `etch run`, with every kind of argument and option.
  static let runSpec = CommandSpec(
    name: "run", summary: "Run a model on a batch of inputs.",
    discussion: "Reads every item of the input file, runs the model on it and writes the "
      + "outputs in the same order.\n\nWith --fixed the bit-accurate engine is used.",
    arguments: [ArgumentSpec("MODEL", help: "The model: NAME.json, or a name under models/.")],
    options: [
      .value("input", short: "i", valueName: "X.npy", isRequired: true, help: "Input items."),
      .value(
        "output", short: "o", valueName: "Y.npy", defaultValue: "out.npy",
        help: "Where to write the outputs."),
      .flag("fixed", help: "Run the bit-accurate fixed-point engine."),
      .value(
        "engine", valueName: "E", choices: ["float", "fixed"], defaultValue: "float",
        help: "The engine."),
      .value("threads", valueName: "N", defaultValue: "1", help: "Worker threads."),
      .value("offset", valueName: "X", help: "A value added to every input."),
      .value("data", valueName: "X.npy", isRepeatable: true, help: "Extra data files."),
    ],
    examples: [
      CommandExample(
        "etch run models/braggnn.json --input patches.npy",
        "Runs BraggNN on every patch in float32.")
    ])

  /// A spec with optional and repeatable positional arguments.
  static let copySpec = CommandSpec(
    name: "copy", summary: "Copy files.",
    arguments: [
      ArgumentSpec("FIRST", help: "First."),
      ArgumentSpec("MIDDLE", help: "Optional.", isOptional: true),
      ArgumentSpec("REST", help: "All the rest.", isOptional: true, isRepeatable: true),
      ArgumentSpec("LAST", help: "Last."),
    ])

  enum Engine: String, CaseIterable, ArgumentValue {
    case float, fixed
  }

  /// Echoes its arguments as the summary or as JSON.
  struct EchoCommand: Command {
    let spec = runSpec

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
      let model = try arguments.required("MODEL")
      let threads = try arguments.value("threads", as: Int.self) ?? 0
      let engine = try arguments.value("engine", as: Engine.self) ?? .float
      context.report(
        summary: "model \(model) on \(threads) threads with \(engine.rawValue)",
        json: [
          "model": .string(model), "threads": .int(threads), "engine": .string(engine.rawValue),
        ])
      return .success
    }
  }

  /// Fails in the ways a real command can.
  struct FailCommand: Command {
    let spec = CommandSpec(
      name: "fail", summary: "Fail on purpose.",
      options: [
        .value(
          "how", valueName: "HOW", choices: ["npy", "pass", "plain", "usage", "status"],
          isRequired: true, help: "The way to fail.")
      ])

    struct PassFailure: Diagnostic {
      var location: String? { "models/tiny.json:fc1" }
      var passName: String? { "quantize" }
      var message: String { "accumulator needs 40 bits\nbut at most 32 are allowed" }
    }

    struct PlainFailure: Error, CustomStringConvertible {
      var description: String { "something plain went wrong" }
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
      context.warn("about to fail", location: "models/tiny.json")
      switch try arguments.requiredValue("how") {
      case "npy": throw NpyError.fortranOrder(path: "x.npy", shape: [2, 3])
      case "pass": throw PassFailure()
      case "plain": throw PlainFailure()
      case "usage": throw UsageError.invalid("--how usage needs company")
      default: return ExitCode(rawValue: 3)
      }
    }
  }

  static let registry = CommandRegistry(commands: [EchoCommand(), FailCommand()])
}
