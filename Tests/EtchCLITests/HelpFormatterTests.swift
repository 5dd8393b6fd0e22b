import EtchCLI
import Foundation
import Testing

/// Help is generated from the spec: every option, default and example appears.
@Suite struct HelpFormatterTests {
  @Test func writesTheUsageLineFromTheSpec() {
    #expect(
      HelpFormatter.usage(for: Samples.runSpec)
        == "etch run MODEL --input X.npy [--output Y.npy] [--fixed] [--engine E] [--threads N] "
        + "[--offset X] [--data X.npy ...] [--json]")
    #expect(
      HelpFormatter.usage(for: Samples.copySpec)
        == "etch copy FIRST [MIDDLE] [REST ...] LAST [--json]")
  }

  @Test func writesTheWholeHelpOfACommand() {
    let expected = """
      OVERVIEW: Run a model on a batch of inputs.

      Reads every item of the input file, runs the model on it and writes the outputs
      in the same order.

      With --fixed the bit-accurate engine is used.

      USAGE: etch run MODEL --input X.npy [--output Y.npy] [--fixed] [--engine E] [--threads N] [--offset X] [--data X.npy ...] [--json]

      ARGUMENTS:
        MODEL                   The model: NAME.json, or a name under models/.

      OPTIONS:
        -i, --input X.npy       Input items. (required)
        -o, --output Y.npy      Where to write the outputs. (default: out.npy)
        --fixed                 Run the bit-accurate fixed-point engine.
        --engine E              The engine. (one of: float, fixed; default: float)
        --threads N             Worker threads. (default: 1)
        --offset X              A value added to every input.
        --data X.npy            Extra data files. (repeatable)
        --json                  Print one JSON object instead of the readable summary.
        -h, --help              Show this help.

      EXAMPLES:
        etch run models/braggnn.json --input patches.npy
            Runs BraggNN on every patch in float32.

      """
    #expect(HelpFormatter.help(for: Samples.runSpec) == expected)
  }

  @Test func wrapsLongDescriptionsInTheirColumn() {
    let spec = CommandSpec(
      name: "long", summary: "Long.",
      options: [
        .value(
          "a-very-long-option-name", valueName: "VALUE",
          help: String(repeating: "word ", count: 30))
      ])
    let help = HelpFormatter.help(for: spec)
    let lines = help.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.allSatisfy { $0.count <= 80 || $0.hasPrefix("USAGE:") }, "\(help)")
    #expect(
      help.contains(
        "  --a-very-long-option-name VALUE\n" + String(repeating: " ", count: 26) + "word"))
  }

  @Test func listsEveryCommandInTheToolHelp() {
    let help = HelpFormatter.toolHelp(commands: Samples.registry.allCommands.map(\.spec))
    #expect(
      help.contains(
        "\nCOMMANDS:\n  run                     Run a model on a batch of inputs.\n"
          + "  fail                    Fail on purpose.\n"
          + "  help                    Show help for etch or one of its commands.\n"))
    #expect(help.contains("USAGE: etch COMMAND [OPTIONS]"))
    #expect(help.contains("--version               Print the version (0.1.0)."))
  }

  @Test func describesACommandAsJSON() throws {
    let json = HelpFormatter.json(for: Samples.runSpec).rendered()
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["usage"] as? String == HelpFormatter.usage(for: Samples.runSpec))
    let options = try #require(object["options"] as? [[String: Any]])
    #expect(options.map { $0["name"] as? String } == Samples.runSpec.allOptions.map(\.longForm))
    #expect(options[0]["short"] as? String == "-i" && options[0]["required"] as? Bool == true)
    #expect(options[3]["choices"] as? [String] == ["float", "fixed"])
    #expect(options[2]["value"] is NSNull)
  }
}
