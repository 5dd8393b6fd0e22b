import FixedIR
import FixedPoint
import ModelFormat
import Simulator
import Testing

@Suite("layout ops")
struct LayoutTests {
  /// A program moving raws of one format: reshape, transpose or upsample.
  static func moving(_ rng: inout SplitMix64, _ index: Int) throws -> FixedProgram {
    let format = try rng.format(maxWidth: 40)
    let shape: [Int]
    let outputShape: [Int]
    let kind: FixedOpKind
    switch index % 3 {
    case 0:
      shape = rng.shape(rank: 1...4)
      outputShape = [shape.reduce(1, *)]
      kind = .reshape
    case 1:
      shape = rng.shape(rank: 2...4)
      let perm = Array(0..<shape.count).shuffled(using: &rng)
      outputShape = perm.map { shape[$0] }
      kind = .transpose(perm: perm)
    default:
      shape = rng.shape(rank: 3...3)
      let scale = Pair(rng.int(1...3), rng.int(1...3))
      outputShape = [shape[0], shape[1] * scale.h, shape[2] * scale.w]
      kind = .upsample2d(scale: scale)
    }
    return makeProgram(
      inputs: [FixedTensor(name: "x", shape: shape, format: format)],
      ops: [
        FixedOp(
          output: FixedTensor(name: "m", shape: outputShape, format: format), inputs: ["x"],
          kind: kind)
      ])
  }

  @Test("reshape, transpose and upsample2d move raws as the oracle does", arguments: 0..<30)
  func moves(index: Int) throws {
    let seed = testSeed(0x1A00 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    try expectMatchesOracle(try Self.moving(&rng, index), seed: seed, rng: &rng)
  }

  @Test("concat writes each input into the output format along any axis", arguments: 0..<25)
  func concat(index: Int) throws {
    let seed = testSeed(0x1B00 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    while true {
      let base = rng.shape(rank: 1...3)
      let axis = rng.int(0...(base.count - 1))
      let inputs = try (0..<rng.int(2...3)).map { i in
        var shape = base
        shape[axis] = rng.int(1...3)
        return FixedTensor(name: "x\(i)", shape: shape, format: try rng.format(maxWidth: 30))
      }
      var outputShape = base
      outputShape[axis] = inputs.map { $0.shape[axis] }.reduce(0, +)
      let program = makeProgram(
        inputs: inputs,
        ops: [
          FixedOp(
            output: FixedTensor(name: "c", shape: outputShape, format: try rng.format()),
            inputs: inputs.map(\.name), kind: .concat(axis: axis))
        ])
      guard (try? FixedProgramVerifier().verify(program)) != nil else { continue }
      try expectMatchesOracle(program, seed: seed, rng: &rng)
      return
    }
  }

  @Test("transpose of [2,3] by [1,0] gives the matrix transpose")
  func transposeExample() throws {
    let q = try FixedFormat(parsing: "ap_int<8>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [2, 3], format: q)],
      ops: [
        FixedOp(
          output: FixedTensor(name: "t", shape: [3, 2], format: q), inputs: ["x"],
          kind: .transpose(perm: [1, 0]))
      ])
    let result = try Simulator(program: program).run(raw: [[1, 2, 3, 4, 5, 6]], frames: 1)
    #expect(result.outputs[0].raw == [1, 4, 2, 5, 3, 6])
  }
}
