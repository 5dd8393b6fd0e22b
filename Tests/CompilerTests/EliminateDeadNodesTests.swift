import Compiler
import ModelFormat
import Testing

@Suite struct EliminateDeadNodesTests {
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
