import ModelFormat
import Reference
import TestSupport
import Testing

/// The engine against PyTorch: `../shared/golden`, one model per folder, covering every v1
/// operator.
@Suite struct GoldenTests {
  @Test func everyGoldenCaseIsPresent() {
    #expect(SharedData.goldenCases.count == 7, "golden cases under \(SharedData.root.path)")
  }

  /// `output.npy` for all 8 inputs, within 1e-5 relative and 1e-6 absolute.
  @Test(arguments: SharedData.goldenCases)
  func outputsMatchPyTorch(name: String) throws {
    let data = try GoldenData(golden: name)
    let outputs = try ReferenceEngine(model: data.model).run(batch: data.input)
    #expect(outputs.count == 1, "\(name): output.npy holds one output")
    let output = try #require(outputs.first)
    expectClose(output, data.output, "golden \(name) output")
  }

  /// Every node of `trace0.safetensors`, running the whole model on input 0.
  ///
  /// The absolute floor is 1e-6 times the node's scale (`absoluteFloor`): BraggNN's
  /// attention logits reach 60, where an element near zero cannot be within 1e-6 of
  /// PyTorch's in any summation order.
  @Test(arguments: SharedData.goldenCases)
  func everyNodeOfTheTraceMatchesPyTorch(name: String) throws {
    let data = try GoldenData(golden: name)
    let expected = try GoldenData.trace(golden: name)
    let engine = try ReferenceEngine(model: data.model)
    let trace = try engine.trace(batch: GoldenData.frame(0, of: data.input))
    for node in data.model.nodes {
      let reference = try #require(expected[node.name], "\(name): trace has node \(node.name)")
      let observed = try #require(trace[node.name])
      expectClose(
        Tensor(shape: Array(observed.shape.dropFirst()), scalars: observed.scalars), reference,
        "golden \(name) node \(node.name) (\(node.op.name))", absolute: absoluteFloor(reference))
    }
  }

  /// Every node on its own, fed PyTorch's values of its inputs from the trace: each kernel
  /// is checked without the rounding of the nodes before it.
  @Test(arguments: SharedData.goldenCases)
  func everyNodeMatchesPyTorchOnPyTorchsInputs(name: String) throws {
    let data = try GoldenData(golden: name)
    var values = try GoldenData.trace(golden: name)
    for input in data.model.inputs {
      let frame = GoldenData.frame(0, of: data.input)
      values[input.name] = Tensor(shape: input.shape, scalars: frame.scalars)
    }
    for node in data.model.nodes {
      var inputs: [Model.Input] = []
      var feed: [String: Tensor] = [:]
      for name in Set(node.inputs) {
        let value = try #require(values[name], "\(name) in the trace")
        inputs.append(Model.Input(name: name, shape: value.shape))
        feed[name] = Tensor(shape: [1] + value.shape, scalars: value.scalars)
      }
      let single = Model(
        name: node.name, inputs: inputs, outputs: [node.name], nodes: [node],
        weights: data.model.weights)
      let observed = try #require(try ReferenceEngine(model: single).run(feed).first)
      let reference = try #require(values[node.name])
      expectClose(
        Tensor(shape: reference.shape, scalars: observed.scalars), reference,
        "golden \(name) node \(node.name) (\(node.op.name)) alone",
        absolute: absoluteFloor(reference))
    }
  }
}
