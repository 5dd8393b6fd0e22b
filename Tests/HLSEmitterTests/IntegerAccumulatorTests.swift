import FixedIR
import FixedPoint
import HLSEmitter
import ModelFormat
import Testing

/// `ap_int` and `ap_uint` accumulators fed fractional products: the kernels' step
/// `acc = acc + x * w` cuts the exact sum toward zero and wraps, which differs from
/// `acc += x * w` (each product cut first) whenever a partial sum and a product have opposite
/// signs. Random programs meet this rarely; here every layer kind that accumulates does,
/// on every frame, in both architectures.
@Suite struct IntegerAccumulatorTests {
  static func format(_ text: String) -> FixedFormat { ProgramFixtures.format(text) }

  /// Raws in `-span...span` that alternate in sign, so partial sums cross zero.
  static func raws(_ count: Int, span: Int64, seed: Int64) -> [Int64] {
    (0..<count).map { i in
      let magnitude = (Int64(i) &* 7919 &+ seed &* 104_729) % (span + 1)
      return i % 2 == 0 ? magnitude : -magnitude
    }
  }

  /// dense (sparse: one zero weight) and dense (dense: reuse 2 keeps it whole), conv1d and
  /// matmul, each with a narrow `ap_int` or `ap_uint` accumulator that also wraps.
  static func program(name: String) -> FixedProgram {
    let x = FixedTensor(name: "x", shape: [8], format: format("ap_fixed<10,3>"))
    let signal = FixedTensor(name: "s", shape: [2, 6], format: format("ap_fixed<9,2,AP_RND>"))
    let a = FixedTensor(name: "a", shape: [2, 3], format: format("ap_fixed<8,2>"))
    let b = FixedTensor(name: "b", shape: [3, 2], format: format("ap_ufixed<7,1>"))
    var sparseRaw = raws(32, span: 120, seed: 1)
    sparseRaw[5] = 0
    let constants = [
      "w1": FixedConstant(
        name: "w1", shape: [4, 8], format: format("ap_fixed<8,3>"), raw: sparseRaw),
      "b1": FixedConstant(name: "b1", shape: [4], format: format("ap_int<7>"), raw: [3, -3, 0, 1]),
      "w2": FixedConstant(
        name: "w2", shape: [3, 8], format: format("ap_fixed<8,2>"),
        raw: raws(24, span: 127, seed: 2).map { $0 == 0 ? 1 : $0 }),
      "wc": FixedConstant(
        name: "wc", shape: [3, 2, 3], format: format("ap_fixed<7,2>"),
        raw: raws(18, span: 60, seed: 3)),
      "bc": FixedConstant(name: "bc", shape: [3], format: format("ap_int<6>"), raw: [-2, 5, 0]),
    ]
    func op(_ name: String, _ shape: [Int], _ out: String, _ inputs: [String], _ kind: FixedOpKind)
      -> FixedOp
    {
      FixedOp(
        output: FixedTensor(name: name, shape: shape, format: format(out)), inputs: inputs,
        kind: kind)
    }
    let ops = [
      op(
        "sparse", [4], "ap_fixed<10,6>", ["x"],
        .dense(weight: "w1", bias: "b1", accumulator: format("ap_int<7>"), activation: .none)),
      op(
        "whole", [3], "ap_fixed<10,6>", ["x"],
        .dense(weight: "w2", bias: nil, accumulator: format("ap_uint<5>"), activation: .none)),
      op(
        "conv", [3, 5], "ap_fixed<8,5>", ["s"],
        .conv1d(
          Convolution1D(padLeft: 1, padRight: 0, dilation: 1), weight: "wc", bias: "bc",
          accumulator: format("ap_int<6>"), activation: .none)),
      op(
        "product", [2, 2], "ap_fixed<8,4>", ["a", "b"], .matmul(accumulator: format("ap_int<4>"))),
    ]
    return FixedProgram(
      name: name, inputs: [x, signal, a, b], constants: constants, ops: ops,
      outputs: ["sparse", "whole", "conv", "product"])
  }

  @Test("ap_int and ap_uint accumulators give the Simulator's bits in g++, both architectures")
  func integerAccumulatorsAgreeWithGpp() throws {
    let frames = 32
    var cases: [EmissionCase] = []
    for io in HLSOptions.IO.allCases {
      let name = "intacc_\(io.rawValue)"
      let program = Self.program(name: name)
      try FixedProgramVerifier().verify(program)
      var options = HLSOptions(io: io, projectName: name)
      options.layerReuseFactors = ["whole": 2]
      let inputs = program.inputs.enumerated().map { k, tensor in
        let count = frames * tensor.shape.reduce(1, *)
        let lsb = Double(sign: .plus, exponent: -tensor.format.fractionBits, significand: 1)
        return Self.raws(count, span: Int64(tensor.format.maxRaw), seed: Int64(k + 5)).map {
          Float(Double($0) * lsb)
        }
      }
      cases.append(
        EmissionCase(
          label: "integer accumulators (\(io.rawValue))", program: program, options: options,
          inputs: inputs, frames: frames))
    }
    let failures = try EmissionHarness.check(cases)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}
