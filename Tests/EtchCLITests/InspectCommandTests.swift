import EtchCLI
import Foundation
import ModelFormat
import TestSupport
import Testing

/// `etch inspect` through the built binary: the table, the JSON object and the text form.
@Suite struct InspectCommandTests {
  /// The published BraggNN has 33,172 parameters and 2,094,252 MACs per frame
  /// (docs/model-format.md); both appear in the totals row.
  @Test func reportsTheRealBraggNNsTotals() throws {
    let output = try EtchBinary.run(["inspect", CLIFixtures.realBraggNN.path])
    #expect(output.status == 0)
    #expect(output.stderr.isEmpty)
    let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "model braggnn_fc16_8_4_2_sz11 (\(CLIFixtures.realBraggNN.path))")
    #expect(lines.contains("input  patch [1, 11, 11]"))
    #expect(lines.contains("output peak [2]"))
    let header = try #require(lines.first { $0.hasPrefix("node ") })
    #expect(header.split(separator: " ") == ["node", "op", "output", "params", "MACs", "sparsity"])
    let conv1 = try #require(lines.first { $0.hasPrefix("conv1 ") })
    #expect(
      conv1.split(separator: " ") == [
        "conv1", "conv2d", "[64,", "9,", "9]", "640", "46,656",
        "0.0%",
      ])
    let totals = try #require(lines.first { $0.hasPrefix("total ") })
    #expect(
      totals.split(separator: " ") == ["total", "31", "nodes", "33,172", "2,094,252", "0.0%"])
  }

  @Test func describesTheRealBraggNNAsJSON() throws {
    let output = try EtchBinary.run(["inspect", CLIFixtures.realBraggNN.path, "--json"])
    #expect(output.status == 0)
    #expect(output.stderr.isEmpty)
    let object = try CLIFixtures.object(output)
    #expect(object["model"] as? String == "braggnn_fc16_8_4_2_sz11")
    #expect(object["file"] as? String == CLIFixtures.realBraggNN.path)
    let inputs = try #require(object["inputs"] as? [[String: Any]])
    #expect(inputs.count == 1)
    #expect(inputs.first?["name"] as? String == "patch")
    #expect(inputs.first?["shape"] as? [Int] == [1, 11, 11])
    let outputs = try #require(object["outputs"] as? [[String: Any]])
    #expect(outputs.first?["name"] as? String == "peak")
    #expect(outputs.first?["shape"] as? [Int] == [2])
    let totals = try #require(object["totals"] as? [String: Any])
    #expect(totals["parameters"] as? Int == 33172)
    #expect(totals["macs"] as? Int == 2_094_252)
    #expect(totals["nodes"] as? Int == 31)
    #expect(totals["sparsity"] as? Double == 0)
    let layers = try #require(object["layers"] as? [[String: Any]])
    #expect(layers.count == 31)
    let conv1 = try #require(layers.first)
    #expect(conv1["name"] as? String == "conv1")
    #expect(conv1["op"] as? String == "conv2d")
    #expect(conv1["inputs"] as? [String] == ["patch"])
    #expect(conv1["output_shape"] as? [Int] == [64, 9, 9])
    #expect(conv1["parameters"] as? Int == 640)
    #expect(conv1["macs"] as? Int == 46656)
    #expect(conv1["weights"] as? Int == 576)
    #expect(conv1["zero_weights"] as? Int == 0)
    #expect(conv1["sparsity"] as? Double == 0)
    #expect(layers.compactMap { $0["parameters"] as? Int }.reduce(0, +) == 33172)
    #expect(object["ir"] == nil)
  }

  /// The bundled copy under models/ is found by its name alone and is the same model.
  @Test func findsTheBundledBraggNNByName() throws {
    let byName = try EtchBinary.run(["inspect", CLIFixtures.braggNNName, "--json"])
    #expect(byName.status == 0)
    let totals = try #require(try CLIFixtures.object(byName)["totals"] as? [String: Any])
    #expect(totals["parameters"] as? Int == 33172)
  }

  /// `--ir` appends exactly the model's text form, in text and in JSON.
  @Test func printsTheTextFormWithIR() throws {
    let url = CLIFixtures.golden("conv2d_options")
    let expected = try ModelLoader.load(contentsOf: url).textForm
    let text = try EtchBinary.run(["inspect", url.path, "--ir"])
    #expect(text.status == 0)
    #expect(text.stdout.hasSuffix("\n\n" + expected + (expected.hasSuffix("\n") ? "" : "\n")))
    #expect(text.stdout.contains("%conv1 = conv2d(%frame) stride=[2,1] padding=[1,2,1,2]"))
    let json = try EtchBinary.run(["inspect", url.path, "--ir", "--json"])
    #expect(try CLIFixtures.object(json)["ir"] as? String == expected)
  }

  /// Every golden model's totals in JSON equal its statistics computed in-process, and the
  /// per-layer rows add up to them.
  @Test(arguments: SharedData.goldenCases)
  func reportsEachGoldenModelsStatistics(name: String) throws {
    let url = CLIFixtures.golden(name)
    let statistics = try ModelStatistics(model: try ModelLoader.load(contentsOf: url))
    let output = try EtchBinary.run(["inspect", url.path, "--json"])
    #expect(output.status == 0, "\(name): \(output.stderr)")
    let object = try CLIFixtures.object(output)
    let totals = try #require(object["totals"] as? [String: Any])
    #expect(totals["parameters"] as? Int == statistics.totalParameters, "\(name)")
    #expect(totals["macs"] as? Int == statistics.totalMACs, "\(name)")
    #expect(totals["zero_weights"] as? Int == statistics.totalZeroWeights, "\(name)")
    let layers = try #require(object["layers"] as? [[String: Any]])
    #expect(layers.compactMap { $0["name"] as? String } == statistics.layers.map(\.name))
    #expect(layers.compactMap { $0["macs"] as? Int }.reduce(0, +) == statistics.totalMACs)
  }

  @Test func showsItsHelp() throws {
    let output = try EtchBinary.run(["inspect", "--help"])
    #expect(output.status == 0)
    #expect(output.stderr.isEmpty)
    #expect(output.stdout.hasPrefix("OVERVIEW: Show a model's layers"))
    #expect(output.stdout.contains("\nUSAGE: etch inspect MODEL [--ir] [--json]\n"))
    #expect(output.stdout.contains("models/NAME/NAME.json or models/NAME.json"))
    #expect(output.stdout.contains("  --ir "))
  }
}
