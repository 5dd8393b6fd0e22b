import FixedIR
import FixedPoint
import ModelFormat

/// Small hand-built programs whose every format and constant a test can state.
enum ProgramFixtures {
  /// A format from its HLS spelling (the fixtures' spellings are valid).
  static func format(_ text: String) -> FixedFormat {
    guard let format = try? FixedFormat(parsing: text) else {
      preconditionFailure("invalid fixture format \(text)")
    }
    return format
  }

  /// x [6] → dense+relu [4] → sigmoid table [4] → softmax [4], with a second output fc1.
  static func mlp(name: String = "mlp") -> FixedProgram {
    let x = FixedTensor(name: "x", shape: [6], format: format("ap_fixed<10,3>"))
    let weights = FixedConstant(
      name: "fc1.weight", shape: [4, 6], format: format("ap_fixed<8,1>"),
      raw: [
        64, -32, 1, 127, -128, 5, 17, -3, 99, -77, 0, 12, -1, 2, -4, 8, 16, -64, 33, 44, -55,
        66, -77, 88,
      ])
    let bias = FixedConstant(
      name: "fc1.bias", shape: [4], format: format("ap_fixed<8,3>"), raw: [10, -20, 30, -40])
    let fc1 = FixedOp(
      output: FixedTensor(
        name: "fc1", shape: [4], format: format("ap_fixed<8,4,AP_RND_CONV,AP_SAT>")),
      inputs: ["x"],
      kind: .dense(
        weight: "fc1.weight", bias: "fc1.bias",
        accumulator: format("ap_fixed<14,5,AP_RND,AP_SAT>"), activation: .relu))
    let sigmoid = LookupTable(
      function: .sigmoid, shift: 2, offset: 16, format: format("ap_ufixed<8,0>"),
      entries: (0..<32).map { Int64($0 * 8) })
    let act = FixedOp(
      output: FixedTensor(name: "act", shape: [4], format: format("ap_ufixed<8,0>")),
      inputs: ["fc1"], kind: .table(sigmoid))
    let exp = LookupTable(
      function: .exp, shift: 3, offset: 31, format: format("ap_ufixed<10,1>"),
      entries: (0..<32).map { Int64(16 + $0 * 31) })
    let reciprocal = LookupTable(
      function: .reciprocal, shift: 6, offset: 0, format: format("ap_ufixed<12,4>"),
      entries: (0..<64).map { Int64(4095 - $0 * 60) })
    let softmax = FixedOp(
      output: FixedTensor(name: "prob", shape: [4], format: format("ap_ufixed<9,1,AP_RND>")),
      inputs: ["act"],
      kind: .softmax(axis: 0, exp: exp, sum: format("ap_ufixed<14,4>"), reciprocal: reciprocal))
    return FixedProgram(
      name: name, inputs: [x], constants: ["fc1.weight": weights, "fc1.bias": bias],
      ops: [fc1, act, softmax], outputs: ["prob", "fc1"])
  }

  /// A 64×64 two-channel frame through convolutions (padding, stride, dilation, groups),
  /// pooling and a dense head: the kind of model that needs the `stream` architecture.
  static func frame64(name: String = "frame64") -> FixedProgram {
    let x = FixedTensor(name: "frame", shape: [2, 64, 64], format: format("ap_ufixed<8,0>"))
    func weights(_ name: String, _ shape: [Int], _ f: String) -> FixedConstant {
      let count = shape.reduce(1, *)
      return FixedConstant(
        name: name, shape: shape, format: format(f),
        raw: (0..<count).map { Int64(($0 * 37 + 11) % 61) - 30 })
    }
    let w1 = weights("c1.weight", [4, 2, 3, 3], "ap_fixed<6,0>")
    let b1 = weights("c1.bias", [4], "ap_fixed<8,2>")
    let w2 = weights("c2.weight", [4, 1, 3, 3], "ap_fixed<7,1,AP_RND>")
    let w3 = weights("fc.weight", [3, 4], "ap_fixed<8,2>")
    let k = FixedConstant.scalar(name: "gap.k", format: format("ap_ufixed<12,-8>"), raw: 3855)
    let conv1 = FixedOp(
      output: FixedTensor(
        name: "c1", shape: [4, 64, 64], format: format("ap_fixed<10,4,AP_RND,AP_SAT>")),
      inputs: ["frame"],
      kind: .conv2d(
        Convolution2D(padding: Padding2D(1, 1, 1, 1)), weight: "c1.weight", bias: "c1.bias",
        accumulator: format("ap_fixed<20,8>"), activation: .relu))
    let pool = FixedOp(
      output: FixedTensor(
        name: "p1", shape: [4, 32, 32], format: format("ap_fixed<10,4,AP_RND,AP_SAT>")),
      inputs: ["c1"], kind: .maxpool2d(Pooling2D(kernel: Pair(2, 2))))
    let conv2 = FixedOp(
      output: FixedTensor(
        name: "c2", shape: [4, 15, 15], format: format("ap_fixed<9,5,AP_TRN,AP_SAT>")),
      inputs: ["p1"],
      kind: .conv2d(
        Convolution2D(
          stride: Pair(2, 2), padding: Padding2D(1, 0, 0, 1), dilation: Pair(2, 2), groups: 4),
        weight: "c2.weight", bias: nil, accumulator: format("ap_fixed<13,7,AP_RND_CONV,AP_WRAP>"),
        activation: .none))
    let gap = FixedOp(
      output: FixedTensor(name: "gap", shape: [4], format: format("ap_fixed<12,6>")),
      inputs: ["c2"], kind: .globalAvgpool2d(reciprocal: "gap.k"))
    let fc = FixedOp(
      output: FixedTensor(name: "fc", shape: [3], format: format("ap_fixed<12,6>")),
      inputs: ["gap"],
      kind: .dense(
        weight: "fc.weight", bias: nil, accumulator: format("ap_fixed<24,10>"), activation: .none))
    return FixedProgram(
      name: name, inputs: [x],
      constants: [
        "c1.weight": w1, "c1.bias": b1, "c2.weight": w2, "fc.weight": w3, "gap.k": k,
      ],
      ops: [conv1, pool, conv2, gap, fc], outputs: ["fc"])
  }

  /// `frames` frames for `program`'s inputs: a smooth pattern plus values beyond each
  /// input's range.
  static func frames(for program: FixedProgram, count frames: Int) -> [[Float]] {
    program.inputs.map { input in
      let f = input.format
      let high = f.toDouble(f.maxRaw)
      let low = f.toDouble(f.minRaw)
      return (0..<(frames * input.count)).map { i in
        let t = Double((i * 7919) % 1000) / 1000
        return Float(low + (high - low) * (1.3 * t - 0.15))
      }
    }
  }
}
