import Compiler
import ModelFormat
import Testing

@Suite struct DropIdentityTests {
  @Test func rewritesTheDocumentedExample() throws {
    let model = Model(
      name: "residual", inputs: [.init(name: "features", shape: [4])], outputs: ["id"],
      nodes: [
        Graphs.dense("fc2", "features"), Node(name: "res", op: .add, inputs: ["fc2", "features"]),
        Node(name: "drop", op: .dropout, inputs: ["res"]), Graphs.dense("fc3", "drop"),
        Node(name: "id", op: .identity, inputs: ["fc3"]),
      ],
      weights: Graphs.denseWeights("fc2", 4, 4) + Graphs.denseWeights("fc3", 4, 2))
    try expectRewrite(
      model, by: .dropIdentity,
      before: """
        model residual
        %features = input : [4]
        %fc2 = dense(%features) weight=fc2.weight[4,4] bias=fc2.bias[4] : [4]
        %res = add(%fc2, %features) : [4]
        %drop = dropout(%res) : [4]
        %fc3 = dense(%drop) weight=fc3.weight[2,4] bias=fc3.bias[2] : [2]
        %id = identity(%fc3) : [2]
        return %id

        """,
      after: """
        model residual
        %features = input : [4]
        %fc2 = dense(%features) weight=fc2.weight[4,4] bias=fc2.bias[4] : [4]
        %res = add(%fc2, %features) : [4]
        %id = dense(%res) weight=fc3.weight[2,4] bias=fc3.bias[2] : [2]
        return %id

        """)
  }

  /// `x → fc1 → drop → fc2 → id (output)`.
  func chain() -> Model {
    Model(
      name: "chain", inputs: [.init(name: "x", shape: [4])], outputs: ["id"],
      nodes: [
        Graphs.dense("fc1", "x"), Node(name: "drop", op: .dropout, inputs: ["fc1"]),
        Graphs.dense("fc2", "drop"), Node(name: "id", op: .identity, inputs: ["fc2"]),
      ],
      weights: Graphs.denseWeights("fc1", 4, 3) + Graphs.denseWeights("fc2", 3, 2))
  }

  @Test func removesInnerNodesAndRenamesTheProducerOfAnOutput() {
    var model = chain()
    #expect(DropIdentity.run(on: &model))
    var expected = chain()
    expected.nodes = [
      Graphs.dense("fc1", "x"),
      Node(
        name: "id", op: .dense, inputs: ["fc1"],
        params: ["weight": "fc2.weight", "bias": "fc2.bias"]),
    ]
    #expect(model == expected)
  }

  @Test func reportsNoChangeWhenThereIsNothingToDrop() {
    var model = Graphs.mlp()
    #expect(!DropIdentity.run(on: &model))
    #expect(model == Graphs.mlp())
  }

  @Test func keepsAnOutputIdentityOfAGraphInput() {
    let original = Model(
      name: "passthrough", inputs: [.init(name: "x", shape: [2])], outputs: ["y"],
      nodes: [Node(name: "y", op: .identity, inputs: ["x"])], weights: [:])
    var model = original
    #expect(!DropIdentity.run(on: &model))
    #expect(model == original)
  }

  @Test func keepsAnOutputDropoutAsIdentityWhenItsProducerIsReadElsewhere() {
    var model = Model(
      name: "fork", inputs: [.init(name: "x", shape: [4])], outputs: ["d", "r"],
      nodes: [
        Graphs.dense("fc1", "x"), Node(name: "d", op: .dropout, inputs: ["fc1"]),
        Node(name: "r", op: .relu, inputs: ["fc1"]),
      ],
      weights: Graphs.denseWeights("fc1", 4, 3))
    #expect(DropIdentity.run(on: &model))
    #expect(model.nodes.map(\.op) == [.dense, .identity, .relu])
    #expect(model.nodes.map(\.name) == ["fc1", "d", "r"])
  }

  @Test func keepsAnOutputIdentityWhoseProducerIsAlsoAnOutput() {
    var model = Model(
      name: "both", inputs: [.init(name: "x", shape: [4])], outputs: ["fc1", "copy"],
      nodes: [Graphs.dense("fc1", "x"), Node(name: "copy", op: .identity, inputs: ["fc1"])],
      weights: Graphs.denseWeights("fc1", 4, 3))
    #expect(!DropIdentity.run(on: &model))
    #expect(model.nodes.map(\.name) == ["fc1", "copy"])
  }

  @Test func collapsesChainsOfIdentities() {
    var model = Model(
      name: "chain", inputs: [.init(name: "x", shape: [4])], outputs: ["out"],
      nodes: [
        Graphs.dense("fc1", "x"), Node(name: "a", op: .identity, inputs: ["fc1"]),
        Node(name: "b", op: .dropout, inputs: ["a"]), Node(name: "c", op: .relu, inputs: ["b"]),
        Node(name: "d", op: .identity, inputs: ["c"]),
        Node(name: "out", op: .dropout, inputs: ["d"]),
      ],
      weights: Graphs.denseWeights("fc1", 4, 3))
    #expect(DropIdentity.run(on: &model))
    #expect(
      model.nodes == [Graphs.dense("fc1", "x"), Node(name: "out", op: .relu, inputs: ["fc1"])])
    #expect(model.outputs == ["out"])
  }

  @Test func keepsAPinnedIdentityAndMovesAPinWithARename() {
    var model = Model(
      name: "qat", inputs: [.init(name: "x", shape: [4])], outputs: ["y"],
      nodes: [
        Graphs.dense("fc1", "x"), Node(name: "q", op: .dropout, inputs: ["fc1"]),
        Graphs.dense("fc2", "q"), Node(name: "y", op: .identity, inputs: ["fc2"]),
      ],
      weights: Graphs.denseWeights("fc1", 4, 3) + Graphs.denseWeights("fc2", 3, 2),
      quant: ["q": "ap_fixed<8,3>", "fc2": "ap_fixed<12,4>"])
    #expect(DropIdentity.run(on: &model))
    #expect(model.nodes.map(\.name) == ["fc1", "q", "y"])
    #expect(model.nodes.map(\.op) == [.dense, .identity, .dense])
    #expect(model.quant == ["q": "ap_fixed<8,3>", "y": "ap_fixed<12,4>"])
  }
}
