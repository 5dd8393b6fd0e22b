import EtchCLI
import Foundation
import TestSupport
import Testing

/// The built `etch` executable behaves as users and scripts rely on.
@Suite struct EtchBinaryTests {
  @Test func printsHelpListingTheCommands() throws {
    for flag in ["--help", "-h"] {
      let output = try EtchBinary.run([flag])
      #expect(output.status == 0)
      #expect(output.stderr.isEmpty)
      #expect(output.stdout.hasPrefix("OVERVIEW: "))
      #expect(output.stdout.contains("\nCOMMANDS:\n"))
      for name in CommandRegistry.standard.names {
        #expect(output.stdout.contains("\n  \(name) "), "\(name) is listed")
      }
    }
  }

  @Test func printsTheVersion() throws {
    #expect(
      try EtchBinary.run(["--version"])
        == ProcessOutput(status: 0, stdout: "etch 0.1.0\n", stderr: ""))
  }

  @Test func refusesAnUnknownCommandWithUsageOnStderrOnly() throws {
    let output = try EtchBinary.run(["frobnicate", "model.json"])
    #expect(output.status == 64)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.hasPrefix("etch: error: unknown command 'frobnicate'"))
    #expect(output.stderr.contains("\nusage: etch COMMAND [OPTIONS]\n"))
  }

  @Test func refusesHelpForAnUnknownCommand() throws {
    let output = try EtchBinary.run(["help", "nosuch"])
    #expect(output.status == 64)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.hasPrefix("etch: error: unknown command 'nosuch'"))
  }

  @Test func refusesAnEmptyCommandLine() throws {
    let output = try EtchBinary.run([], stdin: "ignored\n")
    #expect(output.status == 64)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.hasPrefix("etch: error: no command given"))
  }

  @Test func describesItselfAsJSON() throws {
    let output = try EtchBinary.run(["help", "--json"])
    #expect(output.status == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    #expect(object["version"] as? String == EtchTool.version)
    let commands = try #require(object["commands"] as? [[String: Any]])
    #expect(commands.compactMap { $0["name"] as? String } == CommandRegistry.standard.names)
  }

  @Test func isFoundBesideTheTestRunner() {
    let binary = EtchBinary.url
    #expect(binary.lastPathComponent == "etch")
    #expect(FileManager.default.isExecutableFile(atPath: binary.path), "\(binary.path)")
  }
}
