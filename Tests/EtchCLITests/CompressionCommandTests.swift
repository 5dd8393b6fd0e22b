import Foundation
import TestSupport
import Testing

/// `etch compile --prune`, `--prune-tolerance` and `--precision auto` through the binary.
@Suite struct CompressionCommandTests {
  var jetTagger: String { CLIFixtures.golden("jet_tagger").path }
  var frames: String {
    SharedData.golden("jet_tagger").appendingPathComponent("input.npy").path
  }

  /// `--prune layer:0.5` zeroes half of every layer's weights; the report lists each layer
  /// at 50% with the multipliers it no longer needs.
  @Test func prunesAndReportsPerLayer() throws {
    let output = try EtchBinary.run([
      "compile", jetTagger, "--precision", "ap_fixed<16,6>", "--prune", "layer:0.5",
      "--calibration", frames, "--metric", "argmax", "--json",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    let object = try CLIFixtures.object(output)
    let passes = try #require(object["passes"] as? [[String: Any]]).map { $0["name"] as? String }
    #expect(passes.contains("prune-magnitude"))
    let compression = try #require(object["compression"] as? [String: Any])
    #expect(compression["prune"] as? String == "layer:0.5")
    let layers = try #require(compression["layers"] as? [[String: Any]])
    #expect(!layers.isEmpty)
    for layer in layers {
      #expect(layer["sparsity"] as? Double == 0.5, "\(layer)")
      #expect((layer["multipliers_removed"] as? Int ?? 0) > 0, "\(layer)")
    }
  }

  /// The config written by `--precision auto` compiles, with `--config` and the same
  /// calibration frames, to the same formats and constants.
  @Test func automaticPrecisionConfigReproduces() throws {
    try TemporaryDirectory.with { folder in
      let config = folder.appendingPathComponent("auto.json").path
      let auto = try EtchBinary.run([
        "compile", jetTagger, "--precision", "auto", "--tolerance", "0.75", "--metric", "argmax",
        "--calibration", frames, "--write-config", config, "--json",
      ])
      #expect(auto.status == 0, "\(auto.stderr)")
      let search = try CLIFixtures.object(auto)
      let found = try #require((search["compression"] as? [String: Any])?["auto"] as? [String: Any])
      #expect(found["meets_bound"] as? Bool == true)
      let again = try EtchBinary.run([
        "compile", jetTagger, "--config", config, "--calibration", frames, "--json",
      ])
      #expect(again.status == 0, "\(again.stderr)")
      let reproduced = try CLIFixtures.object(again)
      let ops = { (o: [String: Any]) in
        (o["ops"] as? [[String: Any]] ?? []).map {
          "\($0["name"] ?? "") \($0["format"] ?? "") \($0["accumulator"] ?? "")"
        }
      }
      #expect(ops(search) == ops(reproduced))
      let program = { (o: [String: Any]) in
        (o["program"] as? [String: Any])?["constant_bits"] as? Int
      }
      #expect(program(search) == program(reproduced))
      #expect(program(search) != nil)
    }
  }

  /// Missing pieces are bad usage that says what to add.
  @Test func explainsMissingOptions() throws {
    let auto = try EtchBinary.run(["compile", jetTagger, "--precision", "auto"])
    #expect(auto.status == 64)
    #expect(auto.stderr.hasPrefix("etch: error: --precision auto needs --tolerance X"))
    let spec = try EtchBinary.run(["compile", jetTagger, "--prune", "global:2"])
    #expect(spec.status == 64)
    #expect(spec.stderr.contains("needs a fraction in [0, 1)"))
    let sweep = try EtchBinary.run([
      "compile", jetTagger, "--precision", "ap_fixed<16,6>", "--prune-tolerance", "0.1",
    ])
    #expect(sweep.status == 64)
    #expect(sweep.stderr.hasPrefix("etch: error: --prune-tolerance needs --prune SPEC"))
  }
}
