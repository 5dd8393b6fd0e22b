import Compiler
import EtchCLI
import Foundation
import ModelFormat
import Simulator
import TestSupport
import Testing

/// `etch run --fixed` through the built binary, against the Simulator called as a library.
@Suite struct FixedRunCommandTests {
  /// The outputs of the library pipeline: compile as the command does, simulate the frames.
  static func simulate(_ name: String, precision: String) throws -> [Float] {
    let golden = SharedData.golden(name)
    let model = try ModelLoader.load(contentsOf: CLIFixtures.golden(name))
    let input = try NpyFile(path: golden.appendingPathComponent("input.npy").path)
    let frames = Tensor(shape: input.shape, scalars: try input.floats())
    let options = CompileOptions(precision: try Precision(parsing: precision))
    let program = try FixedCompiler.compile(
      model: model, options: options, calibration: .frames([frames])
    ).program
    let result = try Simulator(program: program).run(
      [frames.scalars], frames: input.shape[0])
    return result.floatOutputs[0]
  }

  /// Every golden case with one input, uniform and calibrated (calibrated on the input
  /// frames, the command's default): the written floats equal the Simulator's bit for bit.
  @Test(arguments: ["jet_tagger", "conv1d_signal", "conv2d_basic", "residual_mlp"])
  func equalsTheSimulatorBitForBit(name: String) throws {
    for precision in ["ap_fixed<16,6>", "calibrated"] {
      try TemporaryDirectory.with { folder in
        let out = folder.appendingPathComponent("y.npy").path
        let input = SharedData.golden(name).appendingPathComponent("input.npy").path
        let output = try EtchBinary.run([
          "run", CLIFixtures.golden(name).path, "-i", input, "-o", out, "--fixed",
          "--precision", precision,
        ])
        #expect(output.status == 0, "\(name) \(precision): \(output.stderr)")
        #expect(output.stdout.contains("fixed point (Simulator), precision"), "\(name)")
        let written = try NpyFile(path: out).floats()
        let expected = try Self.simulate(name, precision: precision)
        #expect(written.count == expected.count, "\(name) \(precision)")
        let differ = zip(written, expected).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(differ == nil, "\(name) \(precision): first difference at \(differ?.offset ?? -1)")
        if precision == "calibrated" {
          #expect(output.stdout.contains("calibrated on 8 frames of the --input frames"))
        }
      }
    }
  }

  /// A format that does not parse is bad usage (64) with the format parser's sentence.
  @Test func refusesABadPrecisionAsUsage() throws {
    let input = SharedData.golden("jet_tagger").appendingPathComponent("input.npy").path
    let output = try EtchBinary.run([
      "run", CLIFixtures.golden("jet_tagger").path, "-i", input, "--fixed", "--precision",
      "ap_fixed<16>",
    ])
    #expect(output.status == 64)
    #expect(
      output.stderr.hasPrefix(
        "etch: error: invalid value 'ap_fixed<16>' for --precision: 'ap_fixed<16>' has 1 "
          + "template argument; ap_fixed takes 2 to 5"))
  }

  /// --precision without --fixed is bad usage.
  @Test func refusesPrecisionWithoutFixed() throws {
    let input = SharedData.golden("jet_tagger").appendingPathComponent("input.npy").path
    let output = try EtchBinary.run([
      "run", CLIFixtures.golden("jet_tagger").path, "-i", input, "--precision", "ap_fixed<8,3>",
    ])
    #expect(output.status == 64)
    #expect(output.stderr.hasPrefix("etch: error: --precision needs --fixed"))
  }
}
