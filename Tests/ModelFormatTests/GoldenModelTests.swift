import Foundation
import ModelFormat
import Testing
import TestSupport

/// Every model under ../shared: the golden cases and the real BraggNN.
let sharedModels: [String] = SharedData.goldenCases + ["real/braggnn"]

/// The JSON document of a shared model, by case name or `real/braggnn`.
func sharedModelURL(_ name: String) -> URL {
  if name == "real/braggnn" {
    return SharedData.realBraggNN.appendingPathComponent("braggnn_fc16_8_4_2_sz11.json")
  }
  return SharedData.golden(name).appendingPathComponent("\(name).json")
}

@Test(arguments: sharedModels)
func sharedModelLoads(_ name: String) throws {
  let model = try ModelLoader.load(contentsOf: sharedModelURL(name))
  #expect(!model.nodes.isEmpty)
  for node in model.nodes {
    for (role, tensor) in node.params {
      #expect(model.weights[tensor] != nil, "\(name): node \(node.name) param \(role)")
    }
  }
}

@Test func conv2dOptionsAttributesParseWithDefaults() throws {
  let model = try ModelLoader.load(contentsOf: sharedModelURL("conv2d_options"))
  #expect(
    model.node(named: "conv1")?.op
      == .conv2d(Convolution2D(stride: Pair(2, 1), padding: Padding2D(1, 2, 1, 2))))
  #expect(model.node(named: "bn1")?.op == .batchnorm(eps: 0.001))
  #expect(model.node(named: "act1")?.op == .leakyRelu(alpha: 0.1))
  #expect(
    model.node(named: "conv2")?.op
      == .conv2d(Convolution2D(padding: Padding2D(2, 1, 0, 3), dilation: Pair(2, 2))))
  #expect(model.node(named: "dw")?.op == .conv2d(Convolution2D(padding: Padding2D(1, 1, 1, 1), groups: 6)))
  #expect(
    model.node(named: "pool")?.op
      == .avgpool2d(Pooling2D(kernel: Pair(2, 2), stride: Pair(1, 1), padding: Pair(1, 1))))
  #expect(model.weights["conv1.weight"]?.shape.count == 4)
}
