import Compiler
import Foundation
import ModelFormat
import Testing

@Suite struct FoldBatchNormTests {
  /// `x [4] → fc1 → bn1 → relu1 (output)`.
  func denseThenBatchnorm(bias: Bool = true, eps: Double = 1e-3) -> Model {
    var weights = Graphs.denseWeights("fc1", 4, 3) + Graphs.batchnormWeights("bn1", 3)
    if !bias { weights["fc1.bias"] = nil }
    return Model(
      name: "dense_bn", inputs: [.init(name: "x", shape: [4])], outputs: ["relu1"],
      nodes: [
        Graphs.dense("fc1", "x", bias: bias), Graphs.batchnorm("bn1", "fc1", eps: eps),
        Node(name: "relu1", op: .relu, inputs: ["bn1"]),
      ],
      weights: weights)
  }

  /// `batchnorm(dense(x))` for one input vector, in Double, straight from the definitions.
  func evaluate(_ model: Model, _ x: [Double]) -> [Double] {
    func tensor(_ node: Node, _ role: String) -> [Double]? {
      node.params[role].flatMap { model.weights[$0] }.map { $0.scalars.map(Double.init) }
    }
    var values = x
    for node in model.nodes {
      switch node.op {
      case .dense:
        let w = tensor(node, "weight") ?? []
        let b = tensor(node, "bias") ?? Array(repeating: 0, count: w.count / values.count)
        values = b.indices.map { o in
          b[o] + values.indices.reduce(0) { $0 + w[o * values.count + $1] * values[$1] }
        }
      case .batchnorm(let eps):
        let (g, beta) = (tensor(node, "weight") ?? [], tensor(node, "bias") ?? [])
        let (m, v) = (tensor(node, "running_mean") ?? [], tensor(node, "running_var") ?? [])
        values = values.indices.map { c in
          (values[c] - m[c]) / (v[c] + eps).squareRoot() * g[c] + beta[c]
        }
      default:
        continue
      }
    }
    return values
  }

  func expectSameFunction(_ before: Model, _ after: Model) {
    for sample in 0..<5 {
      let x = (0..<4).map { Double(sample) * 0.7 - Double($0) * 0.45 + 0.1 }
      let (expected, observed) = (evaluate(before, x), evaluate(after, x))
      for (e, o) in zip(expected, observed) {
        #expect(abs(e - o) <= 1e-6 * max(1, abs(e)), "sample \(sample): \(expected) vs \(observed)")
      }
    }
  }

  @Test func rewritesTheDocumentedExample() throws {
    let model = Model(
      name: "conv_bn", inputs: [.init(name: "frame", shape: [3, 5, 5])], outputs: ["act1"],
      nodes: [
        Node(
          name: "conv1", op: .conv2d(Convolution2D()), inputs: ["frame"],
          params: ["weight": "conv1.weight", "bias": "conv1.bias"]),
        Graphs.batchnorm("bn1", "conv1"), Node(name: "act1", op: .relu, inputs: ["bn1"]),
      ],
      weights: [
        "conv1.weight": Graphs.ramp([2, 3, 2, 2]), "conv1.bias": Graphs.ramp([2]),
      ] + Graphs.batchnormWeights("bn1", 2))
    try expectRewrite(
      model, by: .foldBatchNorm,
      before: """
        model conv_bn
        %frame = input : [3,5,5]
        %conv1 = conv2d(%frame) stride=[1,1] padding=[0,0,0,0] dilation=[1,1] groups=1 \
        weight=conv1.weight[2,3,2,2] bias=conv1.bias[2] : [2,4,4]
        %bn1 = batchnorm(%conv1) eps=1e-05 weight=bn1.weight[2] bias=bn1.bias[2] \
        running_mean=bn1.running_mean[2] running_var=bn1.running_var[2] : [2,4,4]
        %act1 = relu(%bn1) : [2,4,4]
        return %act1

        """,
      after: """
        model conv_bn
        %frame = input : [3,5,5]
        %conv1 = conv2d(%frame) stride=[1,1] padding=[0,0,0,0] dilation=[1,1] groups=1 \
        weight=conv1.weight.bnfold[2,3,2,2] bias=conv1.bias.bnfold[2] : [2,4,4]
        %act1 = relu(%conv1) : [2,4,4]
        return %act1

        """)
  }

  @Test func foldsIntoADenseLayerWithVectorOutput() throws {
    let original = denseThenBatchnorm()
    var model = original
    #expect(try FoldBatchNorm.run(on: &model))
    #expect(model.nodes.map(\.name) == ["fc1", "relu1"])
    #expect(model.nodes[0].params == ["weight": "fc1.weight.bnfold", "bias": "fc1.bias.bnfold"])
    #expect(model.nodes[1].inputs == ["fc1"])
    #expect(model.weights["fc1.weight"] == original.weights["fc1.weight"])
    expectSameFunction(original, model)
  }

  @Test func computesEachFoldedValueInDoubleAndRoundsOnce() throws {
    var model = denseThenBatchnorm()
    _ = try FoldBatchNorm.run(on: &model)
    let w = Graphs.denseWeights("fc1", 4, 3)
    let p = Graphs.batchnormWeights("bn1", 3)
    for c in 0..<3 {
      let variance = Double(p["bn1.running_var"]?.scalars[c] ?? 0)
      let s = Double(p["bn1.weight"]?.scalars[c] ?? 0) / (variance + 1e-3).squareRoot()
      for i in 0..<4 {
        let expected = Float(Double(w["fc1.weight"]?.scalars[c * 4 + i] ?? 0) * s)
        #expect(model.weights["fc1.weight.bnfold"]?.scalars[c * 4 + i] == expected, "[\(c), \(i)]")
      }
      let b = Double(w["fc1.bias"]?.scalars[c] ?? 0)
      let mean = Double(p["bn1.running_mean"]?.scalars[c] ?? 0)
      let expected = Float((b - mean) * s + Double(p["bn1.bias"]?.scalars[c] ?? 0))
      #expect(model.weights["fc1.bias.bnfold"]?.scalars[c] == expected, "bias [\(c)]")
    }
  }

  @Test func createsABiasForALayerWithout() throws {
    let original = denseThenBatchnorm(bias: false)
    var model = original
    #expect(try FoldBatchNorm.run(on: &model))
    #expect(model.nodes[0].params == ["weight": "fc1.weight.bnfold", "bias": "fc1.bias.bnfold"])
    #expect(model.weights["fc1.bias.bnfold"]?.shape == [3])
    expectSameFunction(original, model)
  }

  @Test func foldsIntoEachOutputChannelOfAConvolution() throws {
    let weight = Graphs.ramp([2, 3, 2, 2], start: -1, step: 0.0625)
    var model = Model(
      name: "conv_bn", inputs: [.init(name: "frame", shape: [3, 5, 5])], outputs: ["bn"],
      nodes: [
        Node(
          name: "conv", op: .conv2d(Convolution2D(groups: 1)), inputs: ["frame"],
          params: ["weight": "conv.weight"]),
        Graphs.batchnorm("bn", "conv"),
      ],
      weights: ["conv.weight": weight] + Graphs.batchnormWeights("bn", 2))
    let p = Graphs.batchnormWeights("bn", 2)
    #expect(try FoldBatchNorm.run(on: &model))
    // The batchnorm was the output, so the folded convolution takes its name.
    #expect(model.nodes.map(\.name) == ["bn"])
    #expect(model.outputs == ["bn"])
    let folded = try #require(model.weights["conv.weight.bnfold"])
    for index in 0..<weight.count {
      let c = index / 12
      let variance = Double(p["bn.running_var"]?.scalars[c] ?? 0) + 1e-5
      let s = Double(p["bn.weight"]?.scalars[c] ?? 0) / variance.squareRoot()
      #expect(folded.scalars[index] == Float(Double(weight.scalars[index]) * s), "\(index)")
    }
    #expect(model.nodes[0].params["bias"] == "conv.bias.bnfold")
  }

  @Test func neverChangesATensorSharedWithAnotherNode() throws {
    var model = denseThenBatchnorm()
    model.nodes.append(Graphs.dense("twin", "x"))
    model.nodes[3].params = ["weight": "fc1.weight", "bias": "fc1.bias"]
    model.outputs.append("twin")
    model.weights["fc1.weight.bnfold"] = Graphs.ramp([1])
    let original = model
    #expect(try FoldBatchNorm.run(on: &model))
    #expect(model.nodes[0].params["weight"] == "fc1.weight.bnfold.1")
    #expect(model.weights["fc1.weight"] == original.weights["fc1.weight"])
    #expect(model.weights["fc1.weight.bnfold"] == original.weights["fc1.weight.bnfold"])
    #expect(model.nodes.last == original.nodes.last)
  }

  @Test(arguments: ["read elsewhere", "layer is output", "pinned weight", "pinned node", "matrix"])
  func leavesBatchnormsItMayNotFold(reason: String) throws {
    var model = denseThenBatchnorm()
    switch reason {
    case "read elsewhere":
      model.nodes.append(Node(name: "tap", op: .sigmoid, inputs: ["fc1"]))
      model.outputs.append("tap")
    case "layer is output": model.outputs.append("fc1")
    case "pinned weight": model.quant["fc1.weight"] = "ap_fixed<8,1>"
    case "pinned node": model.quant["bn1"] = "ap_fixed<8,3>"
    default:
      // dense over [3, 4] gives [3, 3]: batchnorm normalises axis 0, not the dense output axis.
      model.inputs[0].shape = [3, 4]
    }
    let original = model
    #expect(try !FoldBatchNorm.run(on: &model), "\(reason)")
    #expect(model == original, "\(reason)")
  }

  @Test func leavesABatchnormAfterOtherOps() throws {
    let original = Model(
      name: "relu_bn", inputs: [.init(name: "x", shape: [3])], outputs: ["bn"],
      nodes: [Node(name: "r", op: .relu, inputs: ["x"]), Graphs.batchnorm("bn", "r")],
      weights: Graphs.batchnormWeights("bn", 3))
    var model = original
    #expect(try !FoldBatchNorm.run(on: &model))
    #expect(model == original)
  }

  @Test func rejectsANonPositiveVariance() {
    var model = denseThenBatchnorm(eps: 0)
    model.weights["bn1.running_var"] = Tensor(shape: [3], scalars: [1, 0, 2])
    #expect {
      try FoldBatchNorm.run(on: &model)
    } throws: { error in
      guard case CompilerError.invalidParameter("bn1", "running_var", _) = error else {
        return false
      }
      return "\(error)".contains("channel 1")
    }
  }

  @Test func rejectsParametersOfTheWrongChannelCount() {
    var model = denseThenBatchnorm()
    model.weights["bn1.running_mean"] = Graphs.ramp([4])
    #expect(throws: ModelError.self) { try FoldBatchNorm.run(on: &model) }
  }
}
