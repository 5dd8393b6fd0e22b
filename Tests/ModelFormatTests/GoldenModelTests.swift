import Foundation
import ModelFormat
import TestSupport
import Testing

@Test(arguments: ModelFixtures.sharedModels)
func sharedModelLoads(_ name: String) throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL(name))
  #expect(!model.nodes.isEmpty)
  for node in model.nodes {
    for (role, tensor) in node.params {
      #expect(model.weights[tensor] != nil, "\(name): node \(node.name) param \(role)")
    }
  }
}

@Test func conv2dOptionsAttributesParseWithDefaults() throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL("conv2d_options"))
  #expect(
    model.node(named: "conv1")?.op
      == .conv2d(Convolution2D(stride: Pair(2, 1), padding: Padding2D(1, 2, 1, 2))))
  #expect(model.node(named: "bn1")?.op == .batchnorm(eps: 0.001))
  #expect(model.node(named: "act1")?.op == .leakyRelu(alpha: 0.1))
  #expect(
    model.node(named: "conv2")?.op
      == .conv2d(Convolution2D(padding: Padding2D(2, 1, 0, 3), dilation: Pair(2, 2))))
  #expect(
    model.node(named: "dw")?.op == .conv2d(Convolution2D(padding: Padding2D(1, 1, 1, 1), groups: 6))
  )
  #expect(
    model.node(named: "pool")?.op
      == .avgpool2d(Pooling2D(kernel: Pair(2, 2), stride: Pair(1, 1), padding: Pair(1, 1))))
  #expect(model.weights["conv1.weight"]?.shape.count == 4)
}

/// The shapes PyTorch produced (trace0.safetensors, keyed by node name) equal ours.
@Test(arguments: SharedData.goldenCases)
func inferredShapesMatchPyTorchTrace(_ name: String) throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL(name))
  let shapes = try ShapeInference.shapes(of: model)
  let trace = try SafeTensors(
    contentsOf: SharedData.golden(name).appendingPathComponent("trace0.safetensors"))
  #expect(trace.tensors.count == model.nodes.count, "\(name): one traced tensor per node")
  for node in model.nodes {
    let traced = trace.tensors[node.name]?.shape
    #expect(shapes[node.name] == traced, "\(name): node \(node.name)")
  }
}

/// The real BraggNN's shapes, stated independently from its architecture.
@Test func realBraggNNShapes() throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL("real/braggnn"))
  let shapes = try ModelVerifier(file: "braggnn.json").verify(model)
  #expect(shapes["conv1"] == [64, 9, 9])
  #expect(shapes["nlb_theta"] == [32, 9, 9])
  #expect(shapes["nlb_affinity"] == [81, 81])
  #expect(shapes["nlb_y_map"] == [32, 9, 9])
  #expect(shapes["conv3"] == [8, 5, 5])
  #expect(shapes["flatten"] == [200])
  #expect(shapes["peak"] == [2])
}

/// write → read gives back an equal model, and writing is deterministic.
@Test(arguments: ModelFixtures.sharedModels)
func writeReadRoundTripIsExact(_ name: String) throws {
  let model = try ModelLoader.load(contentsOf: ModelFixtures.sharedModelURL(name))
  let folder = try ModelFixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let url = folder.appendingPathComponent("copy.json")
  try ModelWriter.write(model, to: url)
  let reread = try ModelLoader.load(contentsOf: url)
  #expect(reread == model)
  let first = try Data(contentsOf: url)
  let firstWeights = try Data(contentsOf: folder.appendingPathComponent("copy.safetensors"))
  try ModelWriter.write(reread, to: url)
  #expect(try Data(contentsOf: url) == first)
  #expect(try Data(contentsOf: folder.appendingPathComponent("copy.safetensors")) == firstWeights)
}
