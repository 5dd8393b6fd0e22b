import FixedIR
import FixedPoint
import Simulator
import Testing

/// One op on random inputs: `inputs` tensors of `shape` in random formats, the op's kind
/// from `kind`. Formats are drawn again when the verifier refuses the combination (an
/// `ap_int` written from an `I < 0` intermediate, which the headers leave undefined).
func singleOp(
  _ rng: inout SplitMix64, shape: [Int], inputs: Int = 1, outputShape: [Int]? = nil,
  outputFormat: FixedFormat? = nil, constants: [FixedConstant] = [], kind: FixedOpKind
) throws -> FixedProgram {
  let names = ["x", "y", "z"].prefix(inputs)
  while true {
    let tensors = try names.map {
      FixedTensor(name: $0, shape: shape, format: try rng.format(maxWidth: 28))
    }
    let output = FixedTensor(
      name: "op", shape: outputShape ?? shape,
      format: try outputFormat ?? rng.format(maxWidth: 28))
    let program = makeProgram(
      inputs: tensors, constants: constants,
      ops: [FixedOp(output: output, inputs: Array(names), kind: kind)])
    if (try? FixedProgramVerifier().verify(program)) != nil { return program }
  }
}

extension SplitMix64 {
  /// A random shape of rank 1 to 3 and at most 60 elements.
  mutating func shape(rank: ClosedRange<Int> = 1...3) -> [Int] {
    (0..<int(rank)).map { _ in int(1...4) }
  }

  /// A random lookup table for inputs of `inputFormat`, entries in `format`.
  mutating func table(
    _ function: LookupTable.Function, input inputWidth: Int, format: FixedFormat
  ) -> LookupTable {
    let count = int(1...64)
    return LookupTable(
      function: function, shift: int(max(inputWidth - 62, -3)...8), offset: int(-40...80),
      format: format, entries: raws(count, in: format))
  }
}

@Suite("element-wise ops")
struct ElementwiseTests {
  @Test("relu, leaky_relu and cast match the oracle in every mode", arguments: 0..<45)
  func activations(index: Int) throws {
    let seed = testSeed(0xE100 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let alpha = FixedConstant.scalar(
      name: "alpha", format: try rng.format(maxWidth: 12), raw: 0)
    let alphaConstant = FixedConstant.scalar(
      name: "alpha", format: alpha.format, raw: rng.raw(in: alpha.format))
    let kinds: [FixedOpKind] = [.relu, .leakyRelu(alpha: "alpha"), .cast]
    let program = try singleOp(
      &rng, shape: rng.shape(), constants: [alphaConstant], kind: kinds[index % 3])
    try expectMatchesOracle(program, seed: seed, rng: &rng)
  }

  @Test("cast writes every format into every other, up to 64 bits", arguments: 0..<100)
  func castSweep(index: Int) throws {
    let seed = testSeed(0xCA00 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    while true {
      let x = FixedTensor(name: "x", shape: [24], format: try rng.format(maxWidth: 64))
      let y = FixedTensor(name: "y", shape: [24], format: try rng.format(maxWidth: 64))
      let program = makeProgram(
        inputs: [x], ops: [FixedOp(output: y, inputs: ["x"], kind: .cast)])
      guard (try? FixedProgramVerifier().verify(program)) != nil else { continue }
      try expectMatchesOracle(program, frames: 2, seed: seed, rng: &rng, strategies: [.counted])
      return
    }
  }

  @Test("add and mul match the oracle, with exact sums and products", arguments: 0..<30)
  func binary(index: Int) throws {
    let seed = testSeed(0xE200 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let program = try singleOp(
      &rng, shape: rng.shape(), inputs: 2, kind: index % 2 == 0 ? .add : .mul)
    try expectMatchesOracle(program, seed: seed, rng: &rng)
  }

  @Test("affine (an unfolded batch-norm) matches the oracle per channel", arguments: 0..<20)
  func affine(index: Int) throws {
    let seed = testSeed(0xE300 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let shape = rng.shape()
    let scale = rng.constant("scale", [shape[0]], try rng.format(maxWidth: 20))
    let shift = rng.constant("shift", [shape[0]], try rng.format(maxWidth: 20))
    let program = try singleOp(
      &rng, shape: shape, constants: [scale, shift], kind: .affine(scale: "scale", shift: "shift"))
    try expectMatchesOracle(program, seed: seed, rng: &rng)
  }

  @Test("sigmoid and tanh tables index by shift, offset and clamp", arguments: 0..<30)
  func tables(index: Int) throws {
    let seed = testSeed(0xE400 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let shape = rng.shape()
    let x = FixedTensor(name: "x", shape: shape, format: try rng.format(maxWidth: 24))
    let format = try rng.format(maxWidth: 20)
    let table = rng.table(
      index % 2 == 0 ? .sigmoid : .tanh, input: x.format.storageWidth, format: format)
    let program = makeProgram(
      inputs: [x],
      ops: [
        FixedOp(
          output: FixedTensor(name: "t", shape: shape, format: format), inputs: ["x"],
          kind: .table(table))
      ])
    try expectMatchesOracle(program, seed: seed, rng: &rng)
  }

  @Test("a table clamps below and above its entries")
  func tableClamps() throws {
    let q = try FixedFormat(parsing: "ap_fixed<8,4>")
    let table = LookupTable(
      function: .sigmoid, shift: 2, offset: 2, format: q, entries: [10, 20, 30, 40])
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [6], format: q)],
      ops: [
        FixedOp(
          output: FixedTensor(name: "t", shape: [6], format: q), inputs: ["x"], kind: .table(table))
      ])
    // (raw >> 2) + 2: −128 → −30 → 0; −5 → 0; −4 → 1; 0 → 2; 7 → 3; 127 → 33 → 3.
    let result = try Simulator(program: program).run(raw: [[-128, -5, -4, 0, 7, 127]], frames: 1)
    #expect(result.outputs[0].raw == [10, 10, 20, 30, 40, 40])
  }

  @Test("leaky_relu scales negative values by alpha, exactly, before writing")
  func leakyReluExample() throws {
    let x = try FixedFormat(parsing: "ap_fixed<8,4>")
    let out = try FixedFormat(parsing: "ap_fixed<10,4,AP_RND>")
    let alpha = FixedConstant.scalar(
      name: "alpha", format: try FixedFormat(parsing: "ap_fixed<8,-3>"), raw: 82)  // 0.0400390625
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [3], format: x)], constants: [alpha],
      ops: [
        FixedOp(
          output: FixedTensor(name: "l", shape: [3], format: out), inputs: ["x"],
          kind: .leakyRelu(alpha: "alpha"))
      ])
    // −8·α = −0.3203125 is −20.5 LSBs of 2^−6, which AP_RND rounds up to −20; 1.0 passes as
    // 64; −0.0625·α = −0.0025 is −0.16 LSB, which rounds to 0.
    let result = try Simulator(program: program).run(raw: [[-128, 16, -1]], frames: 1)
    #expect(result.outputs[0].raw == [-20, 64, 0])
  }

  @Test("cast rounds half to even (AP_RND_CONV) as the Requantizer does, every raw, every cut")
  func convergentRounding() throws {
    let x = try FixedFormat(parsing: "ap_fixed<12,4>")
    let raws = (-2048...2047).map(Int64.init)
    for cut in 1...8 {
      for overflow in ["AP_WRAP", "AP_SAT"] {
        let y = try FixedFormat(parsing: "ap_fixed<\(11 - cut),3,AP_RND_CONV,\(overflow)>")
        let program = makeProgram(
          inputs: [FixedTensor(name: "x", shape: [raws.count], format: x)],
          ops: [
            FixedOp(
              output: FixedTensor(name: "y", shape: [raws.count], format: y), inputs: ["x"],
              kind: .cast)
          ])
        let result = try Simulator(program: program).run(raw: [raws], frames: 1)
        let requantizer = try Requantizer(from: x, to: y)
        #expect(result.outputs[0].raw == raws.map { requantizer($0) }, "\(y)")
      }
    }
    // Ties: 0.5 LSB of the output goes to the even neighbour, 1.5 and −0.5 and −1.5 too.
    let y = try FixedFormat(parsing: "ap_fixed<8,4,AP_RND_CONV>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [4], format: x)],
      ops: [
        FixedOp(output: FixedTensor(name: "y", shape: [4], format: y), inputs: ["x"], kind: .cast)
      ])
    let result = try Simulator(program: program).run(raw: [[8, 24, -8, -24]], frames: 1)
    #expect(result.outputs[0].raw == [0, 2, 0, -2])
  }
}
