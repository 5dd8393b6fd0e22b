import FixedIR
import Foundation
import FixedPoint
import Simulator
import Testing

@Suite("softmax")
struct SoftmaxTests {
  @Test("softmax matches the oracle along any axis, with per-step sums", arguments: 0..<30)
  func random(index: Int) throws {
    let seed = testSeed(0x5F00 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let shape = rng.shape()
    let x = FixedTensor(name: "x", shape: shape, format: try rng.format(maxWidth: 20))
    let expFormat = try rng.format(maxWidth: 18)
    let sum = try rng.format(maxWidth: 24)
    let exp = rng.table(.exp, input: x.format.storageWidth + 1, format: expFormat)
    let reciprocal = rng.table(.reciprocal, input: sum.storageWidth, format: try rng.format(maxWidth: 18))
    let kind = FixedOpKind.softmax(
      axis: rng.int(0...(shape.count - 1)), exp: exp, sum: sum, reciprocal: reciprocal)
    var program: FixedProgram
    repeat {
      program = makeProgram(
        inputs: [x],
        ops: [
          FixedOp(
            output: FixedTensor(name: "s", shape: shape, format: try rng.format(maxWidth: 20)),
            inputs: ["x"], kind: kind)
        ])
    } while (try? FixedProgramVerifier().verify(program)) == nil
    try expectMatchesOracle(program, seed: seed, rng: &rng)
  }

  @Test("a uniform row gives equal shares: exp(0) each, the reciprocal of their sum")
  func uniformRow() throws {
    let x = try FixedFormat(parsing: "ap_fixed<16,6>")
    let e = try FixedFormat(parsing: "ap_ufixed<10,1>")  // entries 2^−9 apart
    let sum = try FixedFormat(parsing: "ap_ufixed<14,5>")
    let r = try FixedFormat(parsing: "ap_ufixed<10,0>")
    // exp table over d ∈ [−8, 0] by 1/8 (shift 7 on F = 10 raws): index 64 is d = 0 → 1.0.
    let exp = LookupTable(
      function: .exp, shift: 7, offset: 64, format: e,
      entries: (0...64).map { Int64((Foundation.exp(Double($0 - 64) / 8) * 512).rounded()) })
    // reciprocal over s ∈ [0, 16) by 1/2 (shift 8 on F = 9 raws): entry i is 1 / (i / 2).
    let reciprocal = LookupTable(
      function: .reciprocal, shift: 8, offset: 0, format: r,
      entries: (0..<32).map { $0 == 0 ? 1023 : min(1023, Int64(1024 * 2 / $0)) })
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [4], format: x)],
      ops: [
        FixedOp(
          output: FixedTensor(name: "s", shape: [4], format: try FixedFormat(parsing: "ap_fixed<16,2>")),
          inputs: ["x"], kind: .softmax(axis: 0, exp: exp, sum: sum, reciprocal: reciprocal))
      ])
    let result = try Simulator(program: program).run([[1.5, 1.5, 1.5, 1.5]], frames: 1)
    // Σ = 4.0 → index 8 → 1/4 (raw 256 of 2^−10); 1.0 · 0.25 = 0.25 in <16,2> (F = 14).
    #expect(result.outputs[0].raw == [4096, 4096, 4096, 4096])
    #expect(result.overflows.last?.accumulatorSteps == 0)
  }
}
