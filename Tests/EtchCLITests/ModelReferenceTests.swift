import Foundation
import ModelFormat
import TestSupport
import Testing

/// How `MODEL` is found: a path, a folder, a name under ./models, then under the checkout's
/// models/; and what an unknown name or a missing file says.
@Suite struct ModelReferenceTests {
  /// A scratch folder laid out as a user's project: models/tiny_tagger/tiny_tagger.json
  /// and models/pair.json.
  static func withProject(_ body: (URL) throws -> Void) throws {
    try TemporaryDirectory.with { folder in
      let models = folder.appendingPathComponent("models")
      try FileManager.default.createDirectory(
        at: models.appendingPathComponent("tiny_tagger"), withIntermediateDirectories: true)
      try ModelWriter.write(
        CLIFixtures.tinyTagger,
        to: models.appendingPathComponent("tiny_tagger/tiny_tagger.json"))
      try CLIFixtures.write(CLIFixtures.pairModel, to: "models/pair.json", in: folder)
      try body(folder)
    }
  }

  /// The models a lookup in the scratch project can name: its own two and every
  /// `models/NAME/NAME.json` of the checkout, sorted, as the error lists them.
  static var available: String {
    let checkout = SharedData.repositoryRoot.appendingPathComponent("models")
    let folders = (try? FileManager.default.contentsOfDirectory(atPath: checkout.path)) ?? []
    let bundled = folders.filter { name in
      FileManager.default.fileExists(
        atPath: checkout.appendingPathComponent("\(name)/\(name).json").path)
    }
    return (bundled + ["pair", "tiny_tagger"]).sorted().joined(separator: ", ")
  }

  @Test(arguments: [
    "tiny_tagger", "tiny_tagger.json", "models/tiny_tagger", "models/tiny_tagger/",
    "models/tiny_tagger/tiny_tagger.json", "./models/tiny_tagger/tiny_tagger.json",
  ])
  func findsAModelInTheCurrentDirectory(reference: String) throws {
    try Self.withProject { folder in
      let output = try EtchBinary.run(["inspect", reference], in: folder)
      #expect(output.status == 0, "\(reference): \(output.stderr)")
      #expect(
        output.stdout.hasPrefix(
          "model tiny_tagger (models/tiny_tagger/tiny_tagger.json)\n"), "\(reference)")
    }
  }

  @Test func findsAModelFileDirectlyUnderModels() throws {
    try Self.withProject { folder in
      let output = try EtchBinary.run(["inspect", "pair"], in: folder)
      #expect(output.status == 0, "\(output.stderr)")
      #expect(output.stdout.hasPrefix("model pair (models/pair.json)\n"))
    }
  }

  /// A name missing from ./models is looked up in the checkout's models/.
  @Test func fallsBackToTheCheckoutsModels() throws {
    try Self.withProject { folder in
      let output = try EtchBinary.run(["inspect", CLIFixtures.braggNNName], in: folder)
      #expect(output.status == 0, "\(output.stderr)")
      let expected = SharedData.repositoryRoot.appendingPathComponent(
        "models/\(CLIFixtures.braggNNName)/\(CLIFixtures.braggNNName).json"
      ).standardizedFileURL.path
      #expect(output.stdout.hasPrefix("model \(CLIFixtures.braggNNName) (\(expected))\n"))
    }
  }

  /// The worked example's sparsity: fc1 3/12, fc2 1/6, 4/18 in all.
  @Test func reportsSparsityAsPercentages() throws {
    try Self.withProject { folder in
      let output = try EtchBinary.run(["inspect", "tiny_tagger"], in: folder)
      let rows = output.stdout.split(separator: "\n").map { $0.split(separator: " ") }
      #expect(rows.contains(["fc1", "dense", "[3]", "15", "12", "25.0%"]))
      #expect(rows.contains(["act1", "leaky_relu", "[3]", "0", "0"]))
      #expect(rows.contains(["fc2", "dense", "[2]", "8", "6", "16.7%"]))
      #expect(rows.contains(["total", "4", "nodes", "23", "18", "22.2%"]))
    }
  }

  @Test func listsTheAvailableModelsForAnUnknownName() throws {
    try Self.withProject { folder in
      let output = try EtchBinary.run(["inspect", "tiny_tager"], in: folder)
      #expect(output.status == 1)
      #expect(output.stdout.isEmpty)
      let checkout = SharedData.repositoryRoot.appendingPathComponent("models").path
      #expect(
        output.stderr
          == "etch: error: no model named 'tiny_tager': no such file here and none in "
          + "\(folder.appendingPathComponent("models").path) or \(checkout); available "
          + "models: \(Self.available); did you mean "
          + "'tiny_tagger'?\n")
    }
  }

  @Test func namesAMissingModelFile() throws {
    try Self.withProject { folder in
      for command in [["inspect"], ["run", "--input", "x.npy"]] {
        let output = try EtchBinary.run(command + ["nets/missing.json"], in: folder)
        #expect(output.status == 1, "\(command)")
        #expect(output.stdout.isEmpty)
        #expect(
          output.stderr
            == "nets/missing.json: error: no such model file; expected a path to NAME.json "
            + "or the name of a model under models/; available models: "
            + "\(Self.available)\n", "\(command)")
      }
    }
  }

  /// A document that is not valid JSON, and one with an unknown operator: exit 1 and one
  /// diagnostic naming the file.
  @Test(arguments: [
    ("{\"format\": \"etch-model\", \"version\": 1,", "line 1, column "),
    (
      CLIFixtures.pairModel.replacingOccurrences(of: "\"mul\"", with: "\"mull\""),
      "node '../prod': unknown op 'mull'"
    ),
  ])
  func namesTheFileOfAMalformedModel(document: String, message: String) throws {
    try TemporaryDirectory.with { folder in
      let url = try CLIFixtures.write(document, to: "broken.json", in: folder)
      for command in [["inspect"], ["run", "--input", "x.npy"]] {
        let output = try EtchBinary.run(command + [url.path])
        #expect(output.status == 1, "\(command)")
        #expect(output.stdout.isEmpty)
        #expect(output.stderr.hasPrefix("\(url.path): error: \(message)"), "\(output.stderr)")
        #expect(output.stderr.filter { $0 == "\n" }.count == 1, "one line: \(output.stderr)")
      }
    }
  }
}
