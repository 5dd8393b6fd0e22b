import EtchCLI
import Foundation
import TestSupport
import Testing

/// `etch compile` through the built binary.
@Suite struct CompileCommandTests {
  /// The jet tagger at hls4ml's default precision: the passes, every op's format and
  /// accumulator, and the FixedIR after lower.
  @Test func compilesTheJetTaggerUniformly() throws {
    let output = try EtchBinary.run([
      "compile", CLIFixtures.golden("jet_tagger").path, "--precision", "ap_fixed<16,6>",
      "--print-ir-after", "lower", "--json",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    let object = try CLIFixtures.object(output)
    #expect(object["precision"] as? String == "ap_fixed<16,6>")
    let passes = try #require(object["passes"] as? [[String: Any]])
    #expect(
      passes.map { $0["name"] as? String ?? "" }
        == ["drop-identity", "fold-batchnorm", "eliminate-dead-nodes", "quantize", "lower"])
    let ops = try #require(object["ops"] as? [[String: Any]])
    #expect(
      ops.map { $0["name"] as? String ?? "" } == ["relu1", "relu2", "relu3", "fc4", "softmax"])
    for op in ops.prefix(4) {
      #expect(op["accumulator"] as? String == "ap_fixed<16,6>")
      #expect(op["format"] as? String == "ap_fixed<16,6>")
    }
    let ir = try #require((object["ir_after"] as? [String: String])?["lower"])
    #expect(ir.hasPrefix("program jet_tagger\n"))
  }

  /// A typo in --print-ir-after is bad usage that lists the valid names.
  @Test func listsThePassNamesOnATypo() throws {
    let output = try EtchBinary.run([
      "compile", CLIFixtures.golden("jet_tagger").path, "--print-ir-after", "nosuch",
    ])
    #expect(output.status == 64)
    #expect(
      output.stderr.hasPrefix(
        "etch: error: unknown pass 'nosuch' for --print-ir-after; valid passes: drop-identity, "
          + "fold-batchnorm, eliminate-dead-nodes, prune-channels, prune-magnitude, calibrate, "
          + "quantize, lower\n"))
  }

  /// The calibrated precision without --calibration is bad usage saying what to give.
  @Test func asksForCalibrationFrames() throws {
    let output = try EtchBinary.run(["compile", CLIFixtures.golden("jet_tagger").path])
    #expect(output.status == 64)
    #expect(output.stderr.hasPrefix("etch: error: the calibrated precision needs frames"))
  }

  /// Calibrated on the golden frames: formats are calibrated ones, accumulators proven wide.
  @Test func compilesCalibrated() throws {
    let input = SharedData.golden("jet_tagger").appendingPathComponent("input.npy").path
    let output = try EtchBinary.run([
      "compile", CLIFixtures.golden("jet_tagger").path, "--calibration", input,
    ])
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stdout.contains("precision calibrated\ncalibrated on 8 frames of "))
    #expect(output.stdout.contains("program: 1 inputs, 5 ops, "))
  }
}
