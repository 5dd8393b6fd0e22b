import Compiler
import ModelFormat
import Testing

@Suite struct EliminateDeadNodesTests {
  @Test func rewritesTheDocumentedExample() throws {
    var model = Graphs.mlp()
    model.nodes += [
      Graphs.dense("aux", "relu1"), Node(name: "aux_act", op: .sigmoid, inputs: ["aux"]),
    ]
    model.weights = model.weights + Graphs.denseWeights("aux", 3, 5)
    model.quant = ["aux.weight": "ap_fixed<8,1>"]
    try expectRewrite(
      model, by: .eliminateDeadNodes,
      before: """
        model mlp
        %x = input : [4]
        %fc1 = dense(%x) weight=fc1.weight[3,4] bias=fc1.bias[3] : [3]
        %relu1 = relu(%fc1) : [3]
        %fc2 = dense(%relu1) weight=fc2.weight[2,3] bias=fc2.bias[2] : [2]
        %aux = dense(%relu1) weight=aux.weight[5,3] bias=aux.bias[5] : [5]
        %aux_act = sigmoid(%aux) : [5]
        quant aux.weight = ap_fixed<8,1>
        return %fc2

        """,
      after: """
        model mlp
        %x = input : [4]
        %fc1 = dense(%x) weight=fc1.weight[3,4] bias=fc1.bias[3] : [3]
        %relu1 = relu(%fc1) : [3]
        %fc2 = dense(%relu1) weight=fc2.weight[2,3] bias=fc2.bias[2] : [2]
        return %fc2

        """)
  }

  @Test func dropsDeadNodesTransitivelyWithTheirWeightsAndPins() {
    var model = Graphs.mlp()
    model.nodes += [
      Graphs.dense("aux", "relu1"), Node(name: "aux_act", op: .sigmoid, inputs: ["aux"]),
    ]
    model.weights = model.weights + Graphs.denseWeights("aux", 3, 5)
    model.quant = ["aux.weight": "ap_fixed<8,1>", "aux_act": "ap_fixed<8,1>"]
    #expect(EliminateDeadNodes.run(on: &model))
    #expect(model == Graphs.mlp())
  }

  @Test func dropsUnusedWeightsOfALiveGraph() {
    var model = Graphs.mlp()
    model.weights["stale.weight"] = Graphs.ramp([2, 2])
    #expect(EliminateDeadNodes.run(on: &model))
    #expect(model == Graphs.mlp())
  }

  @Test func keepsALiveGraphAndUnusedInputs() {
    var model = Graphs.mlp()
    model.inputs.append(.init(name: "unused", shape: [3]))
    let original = model
    #expect(!EliminateDeadNodes.run(on: &model))
    #expect(model == original)
  }

  @Test func keepsWeightsSharedWithALiveNode() {
    var model = Graphs.mlp()
    model.nodes.append(
      Node(
        name: "twin", op: .dense, inputs: ["relu1"],
        params: ["weight": "fc2.weight", "bias": "fc2.bias"]))
    #expect(EliminateDeadNodes.run(on: &model))
    #expect(model == Graphs.mlp())
  }
}
