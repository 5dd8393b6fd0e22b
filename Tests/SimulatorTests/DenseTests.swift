import FixedIR
import FixedPoint
import Simulator
import Testing

/// A random dense op: random formats (odd widths, unsigned, every mode), random weights,
/// optional bias and fused activation. Regenerates the rare format combination the
/// verifier refuses (an `ap_int` accumulator fed by an `I < 0` bias).
func randomDense(
  _ rng: inout SplitMix64, _ choice: AccumulatorChoice = .random,
  accumulatorWidth: ClosedRange<Int>? = nil
) throws -> FixedProgram {
  while true {
    let features = rng.int(1...12)
    let outputs = rng.int(1...6)
    let shape = rng.oneIn(3) ? [rng.int(1...3), features] : [features]
    let x = FixedTensor(name: "x", shape: shape, format: try rng.format(maxWidth: 20))
    let xFormat = x.format
    let wFormat = try rng.format(maxWidth: 16)
    let w = rng.constant("w", [outputs, features], wFormat)
    let b = rng.constant(
      "b", [outputs],
      try rng.biasFormat(near: xFormat.fractionBits + wFormat.fractionBits))
    let hasBias = !rng.oneIn(4)
    let alpha = FixedConstant.scalar(
      name: "alpha", format: try FixedFormat(width: 8, integerBits: -2),
      raw: Int64(rng.int(1...127)))
    let activation: FusedActivation = [.none, .relu, .leakyRelu(alpha: "alpha")][rng.int(0...2)]
    let accumulator =
      try accumulatorWidth.map { try rng.format(maxWidth: rng.int($0), minWidth: $0.lowerBound) }
      ?? rng.accumulator(choice, x: xFormat, w: w, bias: hasBias ? b : nil, depth: features)
    let output = FixedTensor(
      name: "fc", shape: Array(shape.dropLast()) + [outputs], format: try rng.format())
    let op = FixedOp(
      output: output, inputs: ["x"],
      kind: .dense(
        weight: "w", bias: hasBias ? "b" : nil, accumulator: accumulator,
        activation: activation))
    let program = makeProgram(inputs: [x], constants: [w, b, alpha], ops: [op])
    if (try? FixedProgramVerifier().verify(program)) != nil { return program }
  }
}

@Suite("dense")
struct DenseTests {
  @Test("dense matches the oracle for random formats, modes and activations", arguments: 0..<60)
  func randomFormats(index: Int) throws {
    let seed = testSeed(0xDE00 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    try expectMatchesOracle(try randomDense(&rng), seed: seed, rng: &rng)
  }

  @Test("dense with 64-bit accumulators needs Int128 steps and still matches", arguments: 0..<10)
  func wideAccumulators(index: Int) throws {
    let seed = testSeed(0xDE64 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let program = try randomDense(&rng, accumulatorWidth: 48...64)
    try expectMatchesOracle(program, seed: seed, rng: &rng)
  }

  /// SEMANTICS.md §4: `acc += a*b` in `ap_fixed<16,6>` wraps each step: −4323 + 32256·1536
  /// (product 49545216, floored by 2^10 to 48384) gives 44061, which wraps to −21475; with
  /// `AP_RND,AP_SAT` it sticks at 32767.
  @Test(
    "a uniform ap_fixed<16,6> accumulator wraps (or saturates) at every step",
    arguments: [("ap_fixed<16,6>", -21475), ("ap_fixed<16,6,AP_RND,AP_SAT>", 32767)])
  func uniformAccumulatorStep(format: String, expected: Int64) throws {
    let q = try FixedFormat(parsing: format)
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [1], format: q)],
      constants: [
        FixedConstant(name: "w", shape: [1, 1], format: q, raw: [1536]),
        FixedConstant(name: "b", shape: [1], format: q, raw: [-4323]),
      ],
      ops: [
        FixedOp(
          output: FixedTensor(name: "fc", shape: [1], format: q), inputs: ["x"],
          kind: .dense(weight: "w", bias: "b", accumulator: q, activation: .none))
      ])
    for strategy in AccumulationStrategy.allCases {
      let result = try Simulator(program: program, accumulation: strategy)
        .run(raw: [[32256]], frames: 1)
      #expect(result.outputs[0].raw == [expected], "\(strategy)")
      let count = result.overflows.first { $0.name == "fc" }
      #expect(count?.accumulatorSteps == (strategy == .fastest && expected < 0 ? nil : 1))
    }
  }

  /// The kernels' `acc = acc + x * w` with an `ap_int` accumulator cuts the exact sum
  /// toward zero, then wraps: g++ with the real headers gives 3 + (−0.99) → 2,
  /// −3 + 0.5 → −2, 0 + (−1.5) → −1 in `ap_int<8>`, and 7 + 20.5 → 27 → −5 in `ap_int<4>`
  /// (`acc += x * w`, which cuts each product first, would give 3 and −3).
  @Test(
    "an ap_int accumulator cuts each exact sum toward zero, then wraps",
    arguments: [
      (8, 3, -1014, 0, 2), (8, -3, 512, 0, -2), (8, 0, -1536, 0, -1), (4, 7, 20992, 1, -5),
    ])
  func integerAccumulator(width: Int, bias: Int64, x: Int64, overflows: Int, expected: Int64)
    throws
  {
    let acc = try FixedFormat(integerWidth: width, isSigned: true)
    let xFormat = try FixedFormat(width: 16, integerBits: 6)
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [1], format: xFormat)],
      constants: [
        // 1.0 in ap_fixed<8,2>: the product is x itself.
        FixedConstant(
          name: "w", shape: [1, 1], format: try FixedFormat(width: 8, integerBits: 2), raw: [64]),
        FixedConstant(name: "b", shape: [1], format: acc, raw: [bias]),
      ],
      ops: [
        FixedOp(
          output: FixedTensor(name: "fc", shape: [1], format: acc), inputs: ["x"],
          kind: .dense(weight: "w", bias: "b", accumulator: acc, activation: .none))
      ])
    for strategy in AccumulationStrategy.allCases {
      let result = try Simulator(program: program, accumulation: strategy)
        .run(raw: [[x]], frames: 1)
      #expect(result.outputs[0].raw == [expected], "\(strategy)")
      let count = result.overflows.first { $0.name == "fc" }
      #expect(count?.accumulatorSteps == overflows, "\(strategy)")
    }
  }
}
