import FixedIR
import FixedPoint
import ModelFormat
import Simulator
import Testing

/// A small network in the uniform hls4ml default: conv2d (ReLU fused) → maxpool → flatten →
/// dense (leaky ReLU fused) → sigmoid table → softmax, every format `ap_fixed<16,6>` except
/// the weights' and the tables'.
func pipeline(_ rng: inout SplitMix64, accumulator: FixedFormat? = nil) throws -> FixedProgram {
  let q = try FixedFormat(parsing: "ap_fixed<16,6>")
  let w = try FixedFormat(parsing: "ap_fixed<8,1>")
  let acc = accumulator ?? q
  let unit = try FixedFormat(parsing: "ap_ufixed<16,1>")
  let constants = [
    rng.constant("c.w", [4, 1, 3, 3], w), rng.constant("c.b", [4], w),
    rng.constant("d.w", [6, 64], w), rng.constant("d.b", [6], w),
    FixedConstant.scalar(name: "alpha", format: w, raw: 13),
  ]
  func tensor(_ name: String, _ shape: [Int], _ format: FixedFormat = q) -> FixedTensor {
    FixedTensor(name: name, shape: shape, format: format)
  }
  let ops = [
    FixedOp(
      output: tensor("conv", [4, 8, 8]), inputs: ["x"],
      kind: .conv2d(
        Convolution2D(padding: Padding2D(1, 1, 1, 1)), weight: "c.w", bias: "c.b",
        accumulator: acc, activation: .relu)),
    FixedOp(
      output: tensor("pool", [4, 4, 4]), inputs: ["conv"], kind: .maxpool2d(Pooling2D(kernel: Pair(2, 2)))),
    FixedOp(output: tensor("flat", [64]), inputs: ["pool"], kind: .reshape),
    FixedOp(
      output: tensor("fc", [6]), inputs: ["flat"],
      kind: .dense(weight: "d.w", bias: "d.b", accumulator: acc, activation: .leakyRelu(alpha: "alpha"))),
    FixedOp(
      output: tensor("sig", [6], unit), inputs: ["fc"],
      kind: .table(rng.table(.sigmoid, input: 16, format: unit))),
    FixedOp(
      output: tensor("out", [6]), inputs: ["sig"],
      kind: .softmax(
        axis: 0, exp: rng.table(.exp, input: 17, format: unit), sum: q,
        reciprocal: rng.table(.reciprocal, input: 16, format: unit))),
  ]
  return makeProgram(
    inputs: [tensor("x", [1, 8, 8])], constants: constants, ops: ops, outputs: ["out", "fc"])
}

@Suite("execution")
struct ExecutionTests {
  @Test("a chained network matches the oracle in every tensor", arguments: 0..<6)
  func chainedNetwork(index: Int) throws {
    let seed = testSeed(0x9900 + UInt64(index))
    var rng = SplitMix64(seed: seed)
    try expectMatchesOracle(try pipeline(&rng), frames: 3, seed: seed, rng: &rng, threads: 2)
  }

  @Test("results and overflow counts do not depend on the thread count", arguments: [2, 3, 8])
  func threads(count: Int) throws {
    let seed = testSeed(0x7700 + UInt64(count))
    var rng = SplitMix64(seed: seed)
    let program = try pipeline(&rng)
    let frames = 13
    let inputs = rng.inputs(for: program, frames: frames)
    for strategy in AccumulationStrategy.allCases {
      let one = try Simulator(program: program, accumulation: strategy).trace(raw: inputs, frames: frames)
      let many = try Simulator(program: program, threads: count, accumulation: strategy)
        .trace(raw: inputs, frames: frames)
      #expect(one == many, "\(strategy), \(count) threads; seed \(seed)")
    }
  }

  @Test("float inputs convert as ap_fixed's constructor from double, counting overflows")
  func floatInputs() throws {
    let q = try FixedFormat(parsing: "ap_fixed<8,3,AP_RND,AP_SAT>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [6], format: q)],
      ops: [FixedOp(output: FixedTensor(name: "y", shape: [6], format: q), inputs: ["x"], kind: .cast)])
    let values: [Float] = [-1.3, 0.015625, 3.99, 4.0, -4.0, .nan]
    let result = try Simulator(program: program).run(["x": values], frames: 1)
    #expect(result.outputs[0].raw == values.map { q.quantize(Double($0)) })
    #expect(result.outputs[0].raw.prefix(5) == [-42, 1, 127, 127, -128])
    // 3.99 rounds up to 4.0, which like 4.0 and NaN is outside; −4.0 is the minimum, inside.
    #expect(result.overflows.first == OverflowCount(name: "x", kind: "input", results: 3, accumulatorSteps: 0))
  }

  @Test("trace returns every tensor, and values are raw · 2^−F")
  func trace() throws {
    var rng = SplitMix64(seed: 3)
    let program = try pipeline(&rng)
    let inputs = rng.inputs(for: program, frames: 2)
    let result = try Simulator(program: program).trace(raw: inputs, frames: 2)
    #expect(result.trace.map(\.name) == ["x", "conv", "pool", "flat", "fc", "sig", "out"])
    #expect(result.outputs.map(\.name) == ["out", "fc"])
    let fc = try #require(result.tensor(named: "fc"))
    #expect(fc.values == fc.raw.map { Double($0) / 1024 })
    #expect(fc.differences(from: fc.floats) == [Double](repeating: 0, count: 12))
    #expect(result.floatOutputs[1] == fc.floats)
    #expect(try Simulator(program: program).run(raw: inputs, frames: 2).trace.isEmpty)
  }

  @Test("zero frames give empty outputs; an output may name an input")
  func edges() throws {
    let q = try FixedFormat(parsing: "ap_fixed<8,3>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [2], format: q)],
      ops: [FixedOp(output: FixedTensor(name: "r", shape: [2], format: q), inputs: ["x"], kind: .relu)],
      outputs: ["x", "r"])
    let empty = try Simulator(program: program, threads: 4).run(["x": []], frames: 0)
    #expect(empty.outputs.map(\.raw) == [[], []])
    let result = try Simulator(program: program).run(raw: [[-5, 6, 7, -8]], frames: 2)
    #expect(result.outputs.map(\.raw) == [[-5, 6, 7, -8], [0, 6, 7, 0]])
    #expect(result.outputs[1].frame(1) == [7, 0])
  }

  @Test("bad batches are refused with the input named")
  func inputErrors() throws {
    let q = try FixedFormat(parsing: "ap_ufixed<4,2>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [2], format: q)],
      ops: [FixedOp(output: FixedTensor(name: "r", shape: [2], format: q), inputs: ["x"], kind: .cast)])
    let simulator = try Simulator(program: program)
    #expect(throws: SimulatorError.missingInput(name: "x")) { try simulator.run([:], frames: 1) }
    #expect(throws: SimulatorError.unknownInput(name: "y", accepted: ["x"])) {
      try simulator.run(["x": [1, 2], "y": []], frames: 1)
    }
    #expect(throws: SimulatorError.inputLength(input: "x", frames: 2, perFrame: 2, found: 3)) {
      try simulator.run(["x": [1, 2, 3]], frames: 2)
    }
    #expect(throws: SimulatorError.inputCount(expected: 1, found: 2)) {
      try simulator.run([[1, 2], [3, 4]], frames: 1)
    }
    #expect(throws: SimulatorError.rawOutOfRange(input: "x", index: 1, raw: 16, format: q)) {
      try simulator.run(raw: [[3, 16]], frames: 1)
    }
    #expect(throws: SimulatorError.invalidFrames(frames: -1)) { try simulator.run(raw: [[]], frames: -1) }
    #expect(throws: SimulatorError.invalidThreads(threads: 0)) { try Simulator(program: program, threads: 0) }
    let message = SimulatorError.inputLength(input: "x", frames: 2, perFrame: 2, found: 3).description
    #expect(message == "input 'x' holds 3 values; 2 frames of 2 need 4")
  }

  @Test("an invalid program is refused with the verifier's reason")
  func invalidProgram() throws {
    let q = try FixedFormat(parsing: "ap_fixed<8,3>")
    let program = makeProgram(
      inputs: [FixedTensor(name: "x", shape: [2], format: q)],
      ops: [FixedOp(output: FixedTensor(name: "r", shape: [3], format: q), inputs: ["x"], kind: .relu)])
    #expect(throws: SimulatorError.invalidProgram(.outputShape(op: "r", declared: [3], expected: [2]))) {
      try Simulator(program: program)
    }
  }
}
