import ModelFormat
import Reference
import Testing

/// The engine's interface: inputs by name, errors, tracing, shapes, batching.
@Suite struct EngineTests {
  /// `y = relu(a) + b` on `[2, 3]` frames: two inputs, one output.
  static let twoInputs = Model(
    name: "two_inputs",
    inputs: [Model.Input(name: "a", shape: [2, 3]), Model.Input(name: "b", shape: [2, 3])],
    outputs: ["y"],
    nodes: [
      Node(name: "r", op: .relu, inputs: ["a"]),
      Node(name: "y", op: .add, inputs: ["r", "b"]),
    ],
    weights: [:])

  static func batch(_ frames: Int, start: Float) -> Tensor {
    Tensor(shape: [frames, 2, 3], scalars: (0..<(frames * 6)).map { start + Float($0) })
  }

  @Test func inputsAreTakenByName() throws {
    let engine = try ReferenceEngine(model: Self.twoInputs)
    let a = Self.batch(2, start: -6)
    let b = Self.batch(2, start: 100)
    let outputs = try engine.run(["b": b, "a": a])
    let expected = zip(a.scalars, b.scalars).map { max($0, 0) + $1 }
    #expect(outputs == [Tensor(shape: [2, 2, 3], scalars: expected)])
  }

  @Test func traceGivesEveryNodeOrTheOnesAskedFor() throws {
    let engine = try ReferenceEngine(model: Self.twoInputs)
    let inputs = ["a": Self.batch(3, start: -9), "b": Self.batch(3, start: 0)]
    let all = try engine.trace(inputs)
    #expect(Set(all.keys) == ["r", "y"])
    #expect(all["r"]?.shape == [3, 2, 3])
    #expect(all["r"]?.scalars == inputs["a"]?.scalars.map { max($0, 0) })
    #expect(try engine.run(inputs) == [all["y"]])
    #expect(Set(try engine.trace(inputs, nodes: ["r"]).keys) == ["r"])
  }

  @Test func shapesAreKnownAfterPlanning() throws {
    let model = singleNode(.flatten, inputs: [("x", [2, 3, 4])])
    let engine = try ReferenceEngine(model: model)
    #expect(engine.shape(of: "x") == [2, 3, 4])
    #expect(engine.shape(of: "y") == [24])
    #expect(engine.shape(of: "nothing") == nil)
    #expect(engine.outputShapes == [[24]])
  }

  @Test func anEmptyBatchGivesEmptyOutputs() throws {
    let engine = try ReferenceEngine(model: Self.twoInputs)
    let empty = Tensor(shape: [0, 2, 3], scalars: [])
    #expect(try engine.run(["a": empty, "b": empty]) == [empty])
  }

  @Test(arguments: [1, 15, 16, 17, 40])
  func batchesOfAnySizeMatchFrameByFrame(frames: Int) throws {
    var random = SplitMix(seed: UInt64(frames))
    let weight = random.tensor([4, 2, 3, 3])
    let model = singleNode(
      .conv2d(Convolution2D()), inputs: [("x", [2, 5, 5])],
      params: [
        "weight": weight
      ])
    let x = random.tensor([frames, 2, 5, 5])
    let batched = try #require(try ReferenceEngine(model: model, threads: 2).run(batch: x).first)
    let engine = try ReferenceEngine(model: model, threads: 1)
    for frame in 0..<frames {
      let single = try #require(try engine.run(batch: GoldenData.frame(frame, of: x)).first)
      #expect(Array(batched.scalars[(frame * 36)..<((frame + 1) * 36)]) == single.scalars)
    }
  }

  @Test func aBatchOfTheWrongShapeIsRefused() throws {
    let model = singleNode(.relu, inputs: [("patch", [1, 11, 11])])
    let engine = try ReferenceEngine(model: model)
    let error = ReferenceError.inputShapeMismatch(
      input: "patch", expected: [1, 11, 11], actual: [8, 1, 12, 12])
    #expect(throws: error) {
      try engine.run(batch: Tensor(shape: [8, 1, 12, 12], repeating: 0))
    }
    #expect(
      error.description
        == "input 'patch' has shape [8, 1, 12, 12] but the model expects [N, 1, 11, 11] "
        + "(a batch of frames of shape [1, 11, 11])")
    // A single frame without its batch dimension is refused the same way.
    #expect(
      throws: ReferenceError.inputShapeMismatch(
        input: "patch", expected: [1, 11, 11], actual: [1, 11, 11])
    ) {
      try engine.run(batch: Tensor(shape: [1, 11, 11], repeating: 0))
    }
  }

  @Test func inputsMustBeNamedCompleteAndOfOneBatchSize() throws {
    let engine = try ReferenceEngine(model: Self.twoInputs)
    let batch = Self.batch(2, start: 0)
    #expect(throws: ReferenceError.ambiguousInput(inputs: ["a", "b"])) {
      try engine.run(batch: batch)
    }
    #expect(throws: ReferenceError.missingInput(input: "b")) { try engine.run(["a": batch]) }
    #expect(throws: ReferenceError.unknownInput(input: "c", known: ["a", "b"])) {
      try engine.run(["a": batch, "b": batch, "c": batch])
    }
    #expect(throws: ReferenceError.batchSizeMismatch(input: "b", expected: 2, actual: 3)) {
      try engine.run(["a": batch, "b": Self.batch(3, start: 0)])
    }
    #expect(
      ReferenceError.missingInput(input: "b").description
        == "no tensor was given for input 'b'")
    #expect(
      ReferenceError.batchSizeMismatch(input: "b", expected: 2, actual: 3).description
        == "input 'b' holds 3 frames but the other inputs hold 2")
  }

  @Test func aModelThatDoesNotVerifyIsRefusedWithTheLoadersError() throws {
    let model = singleNode(
      .dense, inputs: [("x", [4])],
      params: [
        "weight": Tensor(shape: [2, 5], repeating: 1)
      ])
    do {
      _ = try ReferenceEngine(model: model)
      Issue.record("a dense weight [2, 5] on 4 features was accepted")
    } catch {
      guard case .invalidModel(.paramShape(_, let node, _, let role, _, _, _)) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(node == "y" && role == "weight")
      #expect(error.description.hasPrefix("single_dense.json: node 'y' (dense): param 'weight'"))
    }
  }
}
