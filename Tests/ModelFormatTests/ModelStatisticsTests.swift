import Foundation
import ModelFormat
import TestSupport
import Testing

@Test func realBraggNNHas33172Parameters() throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL("real/braggnn"))
  let stats = try ModelStatistics(model: model)
  #expect(stats.totalParameters == 33_172)
  #expect(stats.layers.first { $0.name == "conv1" }?.parameters == 64 * 9 + 64)
  #expect(stats.layers.reduce(0) { $0 + $1.parameters } == 33_172)
}

/// BraggNN's MACs, counted by hand from its architecture (output elements × fan-in).
@Test func realBraggNNMACs() throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL("real/braggnn"))
  let stats = try ModelStatistics(model: model)
  let byName = Dictionary(uniqueKeysWithValues: stats.layers.map { ($0.name, $0.macs) })
  #expect(byName["conv1"] == 64 * 9 * 9 * (1 * 3 * 3))
  #expect(byName["nlb_theta"] == 32 * 9 * 9 * 64)
  #expect(byName["nlb_affinity"] == 81 * 32 * 81)
  #expect(byName["nlb_y"] == 81 * 81 * 32)
  #expect(byName["conv2"] == 32 * 7 * 7 * (64 * 9))
  #expect(byName["fc1"] == 200 * 16)
  #expect(byName["act1"] == 0)
  #expect(byName["nlb_attention"] == 0)
  let expected =
    46_656 + 3 * 165_888 + 2 * 209_952 + 165_888 + 903_168 + 57_600
    + (3_200 + 128 + 32 + 8 + 4)
  #expect(stats.totalMACs == expected)
  #expect(stats.totalMACs == 2_094_252)
}

/// The parameter total equals the size of the weights file's tensors (all are referenced).
@Test(arguments: SharedData.goldenCases)
func goldenParameterTotalsMatchWeightsFile(_ name: String) throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL(name))
  let stats = try ModelStatistics(model: model)
  #expect(stats.totalParameters == model.weights.values.reduce(0) { $0 + $1.count })
  #expect(stats.layers.map(\.name) == model.nodes.map(\.name))
}

@Test func sparsityCountsExactZerosOfWeightsOnly() throws {
  let model = Model(
    name: "sparse", inputs: [.init(name: "x", shape: [4])], outputs: ["bn"],
    nodes: [
      Node(name: "fc", op: .dense, inputs: ["x"], params: ["weight": "w", "bias": "b"]),
      Node(
        name: "bn", op: .batchnorm(eps: 1e-5), inputs: ["fc"],
        params: ["weight": "g", "bias": "b", "running_mean": "b", "running_var": "v"]),
    ],
    weights: [
      "w": Tensor(shape: [2, 4], scalars: [0, 1, -0.0, 2, 0, 0, 3, 4]),
      "b": Tensor(shape: [2], scalars: [0, 0]),
      "g": Tensor(shape: [2], scalars: [1, 0]),
      "v": Tensor(shape: [2], scalars: [1, 1]),
    ])
  let stats = try ModelStatistics(model: model)
  #expect(stats.layers[0].zeroWeights == 4)
  #expect(stats.layers[0].sparsity == 0.5)
  #expect(stats.layers[0].macs == 8)
  #expect(stats.layers[1].macs == 2)
  #expect(stats.layers[1].parameters == 8)
  #expect(stats.totalParameters == 8 + 2 + 2 + 2)
  #expect(stats.totalZeroWeights == 5)
  #expect(stats.sparsity == 5.0 / 10.0)
}
