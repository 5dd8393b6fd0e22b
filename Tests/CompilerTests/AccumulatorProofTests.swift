import Compiler
import FixedIR
import FixedPoint
import Foundation
import ModelFormat
import Simulator
import TestSupport
import Testing

/// The calibrated precision sizes every accumulator from its weights and its input's format,
/// so no input the formats can hold may overflow one. The Simulator, stepping every
/// accumulation and counting each step that left the accumulator's range, is the judge:
/// every golden model and the real BraggNN, driven with inputs at the extremes of their
/// formats (all maximum, all minimum, alternating, and random mixes of the two), must show
/// zero accumulator overflows. Results may saturate: only accumulators carry the proof.
@Suite struct AccumulatorProofTests {
  static let models = SharedData.goldenCases + ["real/braggnn"]

  /// Frames of raws at the ends of `format`: max, min, the two alternations, then `mixes`
  /// frames choosing max or min per element from a fixed-seed generator.
  static func extremes(_ format: FixedFormat, count: Int, mixes: Int) -> [Int64] {
    let (low, high) = (Int64(format.minRaw), Int64(format.maxRaw))
    var raws = [Int64](repeating: high, count: count) + [Int64](repeating: low, count: count)
    raws += (0..<count).map { $0 % 2 == 0 ? high : low }
    raws += (0..<count).map { $0 % 2 == 0 ? low : high }
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<(mixes * count) {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      raws.append(state >> 63 == 0 ? low : high)
    }
    return raws
  }

  @Test("proof-sized accumulators never overflow at the input formats' extremes", arguments: models)
  func extremesNeverOverflow(name: String) throws {
    let real = name == "real/braggnn"
    let folder = real ? SharedData.realBraggNN : SharedData.golden(name)
    let file = real ? "braggnn_fc16_8_4_2_sz11" : name
    let model = try ModelLoader.load(contentsOf: folder.appendingPathComponent("\(file).json"))
    let npy = try NpyFile(path: folder.appendingPathComponent("input.npy").path)
    let count = min(8, npy.itemCount)
    let calibration = Tensor(
      shape: [count] + npy.itemShape, scalars: try npy.floats(items: 0..<count))
    let program = try FixedCompiler.compile(
      model: model, options: CompileOptions(precision: .calibrated),
      calibration: .frames([calibration])
    ).program
    let mixes = real ? 4 : 12
    let inputs = program.inputs.map { Self.extremes($0.format, count: $0.count, mixes: mixes) }
    let frames = 4 + mixes
    let result = try Simulator(program: program, accumulation: .stepwise)
      .run(raw: inputs, frames: frames)
    let counted = result.overflows.filter { $0.accumulatorSteps != nil }
    #expect(!counted.isEmpty, "\(name): no op with an accumulator was counted")
    for count in counted {
      let steps = count.accumulatorSteps ?? 0
      #expect(
        steps == 0,
        "\(name): op '\(count.name)' (\(count.kind)) overflowed its accumulator \(steps) times")
    }
  }
}
