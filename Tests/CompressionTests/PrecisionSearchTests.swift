import Compiler
import Compression
import FixedIR
import Foundation
import ModelFormat
import Testing

@Suite struct PrecisionSearchTests {
  /// The search narrows formats, its result meets the bound on frames it never measured,
  /// and the config it writes, read back, compiles to the same program.
  @Test(arguments: [0.02, 0.005])
  func resultMeetsTheBoundOnHeldOutFramesAndReproduces(bound: Double) throws {
    let frames = Fixtures.frames(160)
    let all = try Fixtures.evaluator(frames)
    let search = PrecisionSearch(
      bound: bound, search: try all.subset(0..<80), heldOut: try all.subset(80..<160),
      calibration: [frames])
    let result = try search.run()
    #expect(result.meetsBound)
    // The held-out metric, recomputed here from the program, is within the bound.
    let held = try all.subset(80..<160)
    let metric = try held.measure(result.program)
    #expect(metric == result.heldOutMetric)
    #expect(metric <= bound, "bound \(bound): held-out max relative error \(metric)")
    // Fewer bits than the 16-bit calibrated start.
    let start = try all.compile(config: nil, calibration: .frames([frames])).program
    #expect(ProgramBits(result.program).total < ProgramBits(start).total)
    // Written and read back, the config compiles to exactly the same program.
    let text = result.config.jsonText
    let reread = try PrecisionConfig(json: Data(text.utf8), file: "auto.json")
    #expect(reread.jsonText == text)
    let again = try FixedCompiler.compile(
      model: Fixtures.model, options: CompileOptions(config: reread),
      calibration: .frames([frames]))
    #expect(again.program == result.program)
  }

  /// A looser bound never gives more bits than a tighter one.
  @Test func looserBoundsGiveFewerBits() throws {
    let frames = Fixtures.frames(120)
    let all = try Fixtures.evaluator(frames)
    func bits(_ bound: Double) throws -> Int {
      let result = try PrecisionSearch(
        bound: bound, search: try all.subset(0..<60), heldOut: try all.subset(60..<120),
        calibration: [frames]
      ).run()
      return ProgramBits(result.program).total
    }
    #expect(try bits(0.05) <= bits(0.002))
  }

  /// Bits are counted by hand on the program: every constant and every tensor at its width.
  @Test func programBitsCountEveryValue() throws {
    let program = try FixedCompiler.compile(
      model: Fixtures.model,
      options: CompileOptions(precision: try Precision(parsing: "ap_fixed<16,6>"))
    ).program
    let bits = ProgramBits(program)
    // Weights 128 + 64, biases 16 + 4, all 16 bits.
    #expect(bits.weights == (128 + 64 + 16 + 4) * 16)
    // Input 8, fc1 + relu fused into one tensor of 16 (act), fc2 4.
    #expect(bits.activations == (8 + 16 + 4) * 16)
  }
}
