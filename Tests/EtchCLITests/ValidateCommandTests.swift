import EtchCLI
import Foundation
import ModelFormat
import TestSupport
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `etch validate` through the built binary.
@Suite struct ValidateCommandTests {
  /// The bundled BraggNN's folder.
  static var braggNN: URL {
    SharedData.repositoryRoot.appendingPathComponent("models/\(CLIFixtures.braggNNName)")
  }

  /// The issue's goal: in the default calibrated mode, the fixed-point peak is on average at
  /// most 0.05 px from the float one over the 2,010 bundled patches.
  @Test func braggNNMeanPeakDistanceIsWithinFiveHundredthsOfAPixel() throws {
    let output = try EtchBinary.run([
      "validate", Self.braggNN.path, "--data",
      Self.braggNN.appendingPathComponent("patches.npy").path, "--pixels", "11", "--json",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    let object = try CLIFixtures.object(output)
    #expect(object["frames"] as? Int == 2010)
    let outputs = try #require(object["outputs"] as? [[String: Any]])
    let peak = try #require(outputs.first)
    #expect(peak["task"] as? String == "regression")
    let distance = try #require(peak["mean_distance"] as? Double)
    #expect(distance <= 0.05, "mean peak distance \(distance) px")
    #expect(distance > 0)
  }

  /// The JSON of a classifier with labels: every field present and sane.
  @Test func reportsAClassifierAsJSON() throws {
    try TemporaryDirectory.with { folder in
      let golden = SharedData.golden("jet_tagger")
      let input = golden.appendingPathComponent("input.npy").path
      // The float model's own argmax as labels: float accuracy is then exactly 1.
      let reference = try NpyFile(path: golden.appendingPathComponent("output.npy").path)
      let scores = try reference.floats()
      let labels = (0..<8).map { frame in
        Float((0..<5).max { scores[frame * 5 + $0] < scores[frame * 5 + $1] } ?? 0)
      }
      let labelsPath = folder.appendingPathComponent("labels.npy").path
      try NpyWriter.write(labels, shape: [8], to: labelsPath)
      let output = try EtchBinary.run([
        "validate", CLIFixtures.golden("jet_tagger").path, "--data", input, "--labels",
        labelsPath, "--json",
      ])
      #expect(output.status == 0, "\(output.stderr)")
      let object = try CLIFixtures.object(output)
      #expect(object["precision"] as? String == "calibrated")
      #expect(
        object["calibration"] as? String
          == "calibrated on 4 frames of the first half of the --data frames")
      let nodes = try #require(object["nodes"] as? [[String: Any]])
      #expect(nodes.first?["name"] as? String == "x")
      for node in nodes {
        let name = node["name"] as? String ?? "?"
        #expect((node["max_abs_error"] as? Double ?? -1) >= 0, "\(name)")
        #expect(node["format"] is String, "\(name)")
        #expect((node["overflows"] as? Int ?? -1) >= 0, "\(name)")
        #expect((node["snr_db"] as? Double ?? 0) > 20, "\(name)")
      }
      #expect(object["float_only"] as? [String] == ["fc1", "fc2", "fc3"])
      let outputs = try #require(object["outputs"] as? [[String: Any]])
      let softmax = try #require(outputs.first)
      #expect(softmax["task"] as? String == "classification")
      #expect(softmax["float_accuracy"] as? Double == 1)
      #expect(softmax["float_macro_f1"] as? Double == 1)
      for key in ["argmax_agreement", "fixed_accuracy", "fixed_macro_f1"] {
        let value = try #require(softmax[key] as? Double, "\(key)")
        #expect((0...1).contains(value), "\(key)")
      }
    }
  }

  /// --plot writes well-formed SVG with one row per compared node.
  @Test func plotsOneRowPerNode() throws {
    try TemporaryDirectory.with { folder in
      let plot = folder.appendingPathComponent("profile.svg")
      let input = SharedData.golden("jet_tagger").appendingPathComponent("input.npy").path
      let output = try EtchBinary.run([
        "validate", CLIFixtures.golden("jet_tagger").path, "--data", input, "--precision",
        "ap_fixed<16,6>", "--plot", plot.path, "--json",
      ])
      #expect(output.status == 0, "\(output.stderr)")
      let nodes = try #require(try CLIFixtures.object(output)["nodes"] as? [[String: Any]])
      let counter = RowCounter()
      let parser = try #require(XMLParser(contentsOf: plot))
      parser.delegate = counter
      #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
      #expect(counter.rows == nodes.map { $0["name"] as? String ?? "" })
    }
  }

  /// Collects the `data-node` of every `<g class="row">`.
  final class RowCounter: NSObject, XMLParserDelegate {
    /// The rows' node names, in order.
    var rows: [String] = []

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
      if elementName == "g", attributeDict["class"] == "row" {
        rows.append(attributeDict["data-node"] ?? "")
      }
    }
  }

  /// Labels that do not cover every frame are refused, naming the file.
  @Test func refusesLabelsOfAnotherLength() throws {
    try TemporaryDirectory.with { folder in
      let labels = folder.appendingPathComponent("labels.npy").path
      try NpyWriter.write([Float](repeating: 0, count: 3), shape: [3], to: labels)
      let input = SharedData.golden("jet_tagger").appendingPathComponent("input.npy").path
      let output = try EtchBinary.run([
        "validate", CLIFixtures.golden("jet_tagger").path, "--data", input, "--labels", labels,
      ])
      #expect(output.status == 1)
      #expect(output.stderr.hasPrefix("\(labels): error: the labels"))
    }
  }
}
