import FixedIR
import FixedPoint
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
    #expect(
      path.hasPrefix("wrapping") || path.hasPrefix("exact"), "\(kind): \(path); seed \(seed)")
    try expectMatchesOracle(program, frames: 4, seed: seed, rng: &rng)
  }

  @Test("narrow operands use int16 lanes and int32 sums when the bound allows")
  func narrowLanes() throws {
    let q = try FixedFormat(parsing: "ap_fixed<8,3>")
    let saturating = try FixedFormat(parsing: "ap_fixed<8,3,AP_TRN,AP_SAT>")
    let acc = try FixedFormat(parsing: "ap_fixed<32,14>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [64], format: q)],
      constants: [FixedConstant(name: "w", shape: [4, 64], format: q, raw: .init(repeating: -128, count: 256))],
      ops: [
        FixedOp(
          output: FixedTensor(name: "fc", shape: [4], format: saturating), inputs: ["x"],
          kind: .dense(weight: "w", bias: nil, accumulator: acc, activation: .none))
      ])
    let simulator = try Simulator(program: program)
    #expect(simulator.accumulationPath(of: "fc") == "exact, int16 operands, int32 sums")
    // Every input and weight at the minimum, −4: 64 · 16 = 1024 fits <32,14> (raw 2^28) but
    // not the output, which saturates at 3.96875 (raw 127).
    let result = try simulator.run(raw: [.init(repeating: -128, count: 64)], frames: 1)
    #expect(result.outputs[0].raw == [Int64](repeating: 127, count: 4))
    #expect(result.overflows.last?.results == 4)
    #expect(result.overflows.last?.accumulatorSteps == 0)
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
