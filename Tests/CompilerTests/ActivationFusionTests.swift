import Compiler
import ModelFormat
import Testing

@Suite struct ActivationFusionTests {
  @Test func pairsAReluWithTheDenseLayerBeforeIt() {
    #expect(ActivationFusion.candidates(in: Graphs.mlp()) == ["fc1": "relu1"])
  }

  @Test func pairsConvolutionsWithReluAndLeakyRelu() {
    let conv = Op.conv2d(Convolution2D())
    let model = Model(
      name: "convs", inputs: [.init(name: "x", shape: [1, 4, 4])], outputs: ["a2", "t"],
      nodes: [
        Node(name: "c1", op: conv, inputs: ["x"], params: ["weight": "w1"]),
        Node(name: "a1", op: .leakyRelu(alpha: 0.1), inputs: ["c1"]),
        Node(name: "c2", op: .conv1d(Convolution1D()), inputs: ["a1"], params: ["weight": "w2"]),
        Node(name: "a2", op: .relu, inputs: ["c2"]),
        Node(name: "c3", op: conv, inputs: ["x"], params: ["weight": "w1"]),
        Node(name: "t", op: .tanh, inputs: ["c3"]),
      ],
      weights: [:])
    #expect(ActivationFusion.candidates(in: model) == ["c1": "a1", "c2": "a2"])
  }

  @Test func skipsLayersReadElsewhereOrReturnedByTheModel() {
    var shared = Graphs.mlp()
    shared.nodes.append(Node(name: "tap", op: .sigmoid, inputs: ["fc1"]))
    shared.outputs.append("tap")
    #expect(ActivationFusion.candidates(in: shared).isEmpty)

    var observed = Graphs.mlp()
    observed.outputs.append("fc1")
    #expect(ActivationFusion.candidates(in: observed).isEmpty)
  }

  @Test func skipsActivationsOfNonLayers() {
    let model = Model(
      name: "sum", inputs: [.init(name: "x", shape: [4])], outputs: ["r"],
      nodes: [
        Node(name: "s", op: .add, inputs: ["x", "x"]), Node(name: "r", op: .relu, inputs: ["s"]),
      ],
      weights: [:])
    #expect(ActivationFusion.candidates(in: model).isEmpty)
  }
}
