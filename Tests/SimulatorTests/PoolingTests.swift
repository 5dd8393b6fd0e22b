import FixedIR
import FixedPoint
import ModelFormat
import Simulator
import Testing

@Suite("pooling")
struct PoolingTests {
  /// A random pooling over `[C, H, W]`: kernel, stride, padding at most half the kernel.
  static func randomPooling(_ rng: inout SplitMix64, average: Bool) throws -> FixedProgram {
    let kernel = Pair(rng.int(1...3), rng.int(1...3))
    let pooling = Pooling2D(
      kernel: kernel, stride: Pair(rng.int(1...3), rng.int(1...3)),
      padding: Pair(rng.int(0...(kernel.h / 2)), rng.int(0...(kernel.w / 2))))
    let (c, h, w) = (rng.int(1...3), kernel.h + rng.int(0...4), kernel.w + rng.int(0...4))
    let outH = (h + 2 * pooling.padding.h - kernel.h) / pooling.stride.h + 1
    let outW = (w + 2 * pooling.padding.w - kernel.w) / pooling.stride.w + 1
    let k = FixedConstant.scalar(
      name: "k", format: try FixedFormat(width: 12, integerBits: 0, isSigned: false),
      raw: Int64(4095 / (kernel.h * kernel.w)))
    let kind: FixedOpKind = average ? .avgpool2d(pooling, reciprocal: "k") : .maxpool2d(pooling)
    return try singleOp(
      &rng, shape: [c, h, w], outputShape: [c, outH, outW], constants: [k], kind: kind)
  }

  @Test("maxpool2d ignores padding and matches the oracle", arguments: 0..<25)
  func maxpool(index: Int) throws {
    let seed = testSeed(0xB100 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    try expectMatchesOracle(try Self.randomPooling(&rng, average: false), seed: seed, rng: &rng)
  }

  @Test("avgpool2d counts padded zeros and matches the oracle", arguments: 0..<25)
  func avgpool(index: Int) throws {
    let seed = testSeed(0xB200 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    try expectMatchesOracle(try Self.randomPooling(&rng, average: true), seed: seed, rng: &rng)
  }

  @Test("global_avgpool2d sums each plane exactly and scales once", arguments: 0..<15)
  func globalAverage(index: Int) throws {
    let seed = testSeed(0xB300 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let (c, h, w) = (rng.int(1...3), rng.int(1...9), rng.int(1...9))
    let k = FixedConstant.scalar(
      name: "k", format: try rng.format(maxWidth: 18), raw: 0)
    let reciprocal = FixedConstant.scalar(name: "k", format: k.format, raw: rng.raw(in: k.format))
    let program = try singleOp(
      &rng, shape: [c, h, w], outputShape: [c], constants: [reciprocal],
      kind: .globalAvgpool2d(reciprocal: "k"))
    try expectMatchesOracle(program, seed: seed, rng: &rng)
  }

  @Test("a 64-bit input's window sum and product take Int128")
  func wideAverage() throws {
    let x = try FixedFormat(parsing: "ap_fixed<64,40>")
    let k = FixedConstant.scalar(
      name: "k", format: try FixedFormat(parsing: "ap_ufixed<16,0>"), raw: 16384)  // 1/4
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [1, 2, 2], format: x)], constants: [k],
      ops: [
        FixedOp(
          output: FixedTensor(name: "g", shape: [1], format: x), inputs: ["x"],
          kind: .globalAvgpool2d(reciprocal: "k"))
      ])
    let big = Int64.max - 3
    let result = try Simulator(program: program).run(raw: [[big, big, big, big]], frames: 1)
    #expect(result.outputs[0].raw == [big])
  }
}
