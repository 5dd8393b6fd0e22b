import FixedIR
import FixedPoint
import ModelFormat
import Simulator
import Testing

/// The fast accumulation paths against the per-step path and the oracle, and the choice
/// of path itself (a fast-path test that silently ran the per-step path would prove nothing).
@Suite("accumulation paths")
struct AccumulationPathTests {
  /// A random op with an accumulator: dense, conv2d, conv1d or matmul by `index`.
  static func generate(_ index: Int, _ rng: inout SplitMix64, _ choice: AccumulatorChoice) throws
    -> (String, FixedProgram)
  {
    switch index % 4 {
    case 0: ("dense", try randomDense(&rng, choice))
    case 1: ("conv2d", try randomConvolution(&rng, twoDimensional: true, choice))
    case 2: ("conv1d", try randomConvolution(&rng, twoDimensional: false, choice))
    default: ("matmul", try randomMatmul(&rng, choice))
    }
  }

  /// `F_x + F_w − F_acc`: the fraction bits each step cuts from the product.
  static func cut(_ program: FixedProgram) -> Int {
    let op = program.ops[0]
    let x = program.inputs[0].format.fractionBits
    switch op.kind {
    case .dense(let w, _, let acc, _), .conv1d(_, let w, _, let acc, _),
      .conv2d(_, let w, _, let acc, _):
      return x + (program.constants[w]?.format.fractionBits ?? 0) - acc.fractionBits
    case .matmul(let acc):
      return x + program.inputs[1].format.fractionBits - acc.fractionBits
    default:
      return 0
    }
  }

  @Test("proof-sized accumulators take the exact path and never overflow", arguments: 0..<48)
  func provenAccumulators(index: Int) throws {
    let seed = testSeed(0xAC00 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let (kind, program) = try Self.generate(index, &rng, .proven)
    let op = program.ops[0].name
    for strategy in [AccumulationStrategy.counted, .fastest] {
      let path = try Simulator(program: program, accumulation: strategy).accumulationPath(of: op)
      #expect(path?.hasPrefix("exact") == true, "\(kind) \(strategy): \(path ?? "-"); seed \(seed)")
    }
    try expectMatchesOracle(program, seed: seed, rng: &rng)
    let inputs = rng.inputs(for: program, frames: 8)
    let result = try Simulator(program: program).run(raw: inputs, frames: 8)
    #expect(result.overflows.last?.accumulatorSteps == 0, "\(kind); seed \(seed)")
  }

  @Test(
    "wrapping accumulators take the wrapped sum under .fastest and match the per-step bits",
    arguments: 0..<48)
  func wrappingAccumulators(index: Int) throws {
    let seed = testSeed(0xA700 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    let (kind, program) = try Self.generate(index, &rng, .wrapping(coarser: index % 8 < 6))
    let op = program.ops[0].name
    let fastest = try Simulator(program: program, accumulation: .fastest)
    let path = fastest.accumulationPath(of: op) ?? "-"
    // Cutting 63 bits or more leaves the rounding constant outside Int64: those step.
    let expected = Self.cut(program) >= 63 ? ["stepwise"] : ["wrapping", "exact"]
    #expect(
      expected.contains { path.hasPrefix($0) }, "\(kind): \(path); seed \(seed)")
    try expectMatchesOracle(program, frames: 4, seed: seed, rng: &rng)
  }

  @Test("narrow operands use int16 lanes and int32 sums when the bound allows")
  func narrowLanes() throws {
    let q = try FixedFormat(parsing: "ap_fixed<8,3>")
    let saturating = try FixedFormat(parsing: "ap_fixed<8,3,AP_TRN,AP_SAT>")
    // Wider than 53 bits, so that the binary64 path cannot take it.
    let acc = try FixedFormat(parsing: "ap_fixed<60,42>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [64], format: q)],
      constants: [
        FixedConstant(
          name: "w", shape: [4, 64], format: q, raw: .init(repeating: -128, count: 256))
      ],
      ops: [
        FixedOp(
          output: FixedTensor(name: "fc", shape: [4], format: saturating), inputs: ["x"],
          kind: .dense(weight: "w", bias: nil, accumulator: acc, activation: .none))
      ])
    let simulator = try Simulator(program: program)
    #expect(simulator.accumulationPath(of: "fc") == "exact, int16 operands, int32 sums")
    // Every input and weight at the minimum, −4: 64 · 16 = 1024 fits <60,42> (raw 2^28) but
    // not the output, which saturates at 3.96875 (raw 127).
    let result = try simulator.run(raw: [.init(repeating: -128, count: 64)], frames: 1)
    #expect(result.outputs[0].raw == [Int64](repeating: 127, count: 4))
    #expect(result.overflows.last?.results == 4)
    #expect(result.overflows.last?.accumulatorSteps == 0)
  }

  @Test(
    "proven accumulators of at most 53 bits sum in binary64, exactly where Float would round",
    arguments: [false, true])
  func float64Sums(convolution: Bool) throws {
    // Products of two ap_fixed<16,1> have 30 fraction bits; the accumulator keeps 34, so the
    // right operand is scaled by 2^4, and 64 products of up to 2^30 need 41 bits.
    let q = try FixedFormat(parsing: "ap_fixed<16,1>")
    let acc = try FixedFormat(parsing: "ap_fixed<52,18>")
    var rng = SplitMix64(seed: 0xF64)
    var weights = (0..<(3 * 64)).map { _ in Int64(rng.int(-32768...32767)) }
    weights[0] = -32768
    let bias = FixedConstant(name: "b", shape: [3], format: q, raw: [-32768, 32767, 12345])
    let kind: FixedOpKind
    let inputShape: [Int]
    let outputShape: [Int]
    if convolution {
      // 4 channels, 3 × 3 kernel with padding 1, stride 2 on 6 × 6 (depth 36).
      inputShape = [4, 6, 6]
      outputShape = [3, 3, 3]
      weights = Array(weights.prefix(3 * 36))
      kind = .conv2d(
        Convolution2D(stride: Pair(2, 2), padding: Padding2D(1, 1, 1, 1)),
        weight: "w", bias: "b", accumulator: acc, activation: .none)
    } else {
      inputShape = [64]
      outputShape = [3]
      kind = .dense(weight: "w", bias: "b", accumulator: acc, activation: .none)
    }
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: inputShape, format: q)],
      constants: [
        FixedConstant(
          name: "w", shape: convolution ? [3, 4, 3, 3] : [3, 64], format: q, raw: weights),
        bias,
      ],
      ops: [
        FixedOp(
          output: FixedTensor(name: "op", shape: outputShape, format: acc), inputs: ["x"],
          kind: kind)
      ])
    let fast = try Simulator(program: program)
    #expect(fast.accumulationPath(of: "op") == "exact, float64 operands, float64 sums")
    let stepwise = try Simulator(program: program, accumulation: .stepwise)
    let count = inputShape.reduce(1, *)
    var frames: [[Int64]] = [
      [Int64](repeating: -32768, count: count), [Int64](repeating: 32767, count: count),
    ]
    frames += (0..<6).map { _ in (0..<count).map { _ in Int64(rng.int(-32768...32767)) } }
    for frame in frames {
      let expected = try stepwise.run(raw: [frame], frames: 1).outputs[0].raw
      #expect(try fast.run(raw: [frame], frames: 1).outputs[0].raw == expected)
    }
    // With every input at an extreme the sums are far past Float's 24 bits (about 2^36):
    // only an exact path gives the per-step bits checked above.
    let extremes = try stepwise.run(raw: [frames[0] + frames[1]], frames: 2).outputs[0].raw
    #expect(extremes.contains { abs($0) > 1 << 30 })
    try expectMatchesOracle(program, frames: 4, seed: 0xF64, rng: &rng)
  }

  @Test("a wrapped sum that cuts 32 bits or more sums in Int64")
  func wideCut() throws {
    let x = try FixedFormat(parsing: "ap_fixed<16,0>")
    // Products have 32 fraction bits; the accumulator keeps −4: each step cuts 36 bits.
    let acc = try FixedFormat(parsing: "ap_fixed<16,20>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [4], format: x)],
      constants: [
        FixedConstant(name: "w", shape: [1, 4], format: x, raw: [16384, -16384, 3, -1])
      ],
      ops: [
        FixedOp(
          output: FixedTensor(name: "fc", shape: [1], format: acc), inputs: ["x"],
          kind: .dense(weight: "w", bias: nil, accumulator: acc, activation: .none))
      ])
    let fastest = try Simulator(program: program, accumulation: .fastest)
    #expect(fastest.accumulationPath(of: "fc") == "wrapping, int16 operands, int64 sums")
    // ⌊2^28 / 2^36⌋ = 0, ⌊−2^28 / 2^36⌋ = −1, 0, ⌊−3 / 2^36⌋ = −1: the sum is −2.
    let result = try fastest.run(raw: [[16384, 16384, 1, 3]], frames: 1)
    #expect(result.outputs[0].raw == [-2])
    var rng = SplitMix64(seed: 11)
    try expectMatchesOracle(program, frames: 6, seed: 11, rng: &rng)
  }

  @Test("the per-step strategy always steps, and rounding accumulators step under every strategy")
  func stepwiseChoice() throws {
    var rng = SplitMix64(seed: 7)
    let program = try randomDense(&rng, .proven)
    let stepwise = try Simulator(program: program, accumulation: .stepwise)
    #expect(stepwise.accumulationPath(of: "fc")?.hasPrefix("stepwise") == true)
    let q = try FixedFormat(parsing: "ap_fixed<16,6,AP_RND_CONV>")
    let rounding = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [3], format: q)],
      constants: [rng.constant("w", [2, 3], q)],
      ops: [
        FixedOp(
          output: FixedTensor(name: "fc", shape: [2], format: q), inputs: ["x"],
          kind: .dense(weight: "w", bias: nil, accumulator: q, activation: .none))
      ])
    for strategy in AccumulationStrategy.allCases {
      let path = try Simulator(program: rounding, accumulation: strategy).accumulationPath(of: "fc")
      #expect(path == "stepwise, int64 steps", "\(strategy)")
    }
    #expect(try Simulator(program: rounding).accumulationPath(of: "x") == nil)
  }
}
