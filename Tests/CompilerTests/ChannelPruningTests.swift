import Compiler
import ModelFormat
import Reference
import Testing

@Suite struct ChannelPruningTests {
  /// `x [2,5,5] → c1 (3×3, pad 1) [4] → r1 → c2 (1×1) [4]; add(c2, c1) → r2 → c3 (1×1) [3];
  /// concat(r2, c3) [7,5,5] → flatten → fc [2]`: channels meet in an add and a concat.
  func model(zeroing: Bool) -> Model {
    func conv(_ name: String, _ input: String, pad: Int) -> Node {
      Node(
        name: name, op: .conv2d(Convolution2D(padding: Padding2D(pad, pad, pad, pad))),
        inputs: [input], params: ["weight": "\(name).weight", "bias": "\(name).bias"])
    }
    var weights: [String: Tensor] = [
      "c1.weight": Graphs.ramp([4, 2, 3, 3], start: -0.6, step: 0.017),
      "c1.bias": Graphs.ramp([4], start: 0.1, step: 0.05),
      "c2.weight": Graphs.ramp([4, 4, 1, 1], start: 0.7, step: -0.09),
      "c2.bias": Graphs.ramp([4], start: -0.2, step: 0.1),
      "c3.weight": Graphs.ramp([3, 4, 1, 1], start: -0.3, step: 0.07),
      "c3.bias": Graphs.ramp([3], start: 0.3, step: -0.2),
      "fc.weight": Graphs.ramp([2, 175], start: -0.5, step: 0.0061),
      "fc.bias": Graphs.ramp([2], start: 0.05, step: 0.1),
    ]
    if zeroing {
      // Channel 1 of c1 and of its add partner c2: zero weights, zero bias.
      weights["c1.weight"]?.zeroChannel(1)
      weights["c1.bias"]?.scalars[1] = 0
      weights["c2.weight"]?.zeroChannel(1)
      weights["c2.bias"]?.scalars[1] = 0
      // Channel 2 of c3: zero weights but a bias of 0.5, which fc must absorb.
      weights["c3.weight"]?.zeroChannel(2)
      weights["c3.bias"]?.scalars[2] = 0.5
    }
    return Model(
      name: "branches", inputs: [.init(name: "x", shape: [2, 5, 5])], outputs: ["fc"],
      nodes: [
        conv("c1", "x", pad: 1), Node(name: "r1", op: .relu, inputs: ["c1"]),
        conv("c2", "r1", pad: 0), Node(name: "sum", op: .add, inputs: ["c2", "c1"]),
        Node(name: "r2", op: .leakyRelu(alpha: 0.1), inputs: ["sum"]), conv("c3", "r2", pad: 0),
        Node(name: "cat", op: .concat(axis: 0), inputs: ["r2", "c3"]),
        Node(name: "flat", op: .flatten, inputs: ["cat"]), Graphs.dense("fc", "flat"),
      ],
      weights: weights)
  }

  func prune(_ model: Model, _ fraction: Double) throws -> Model {
    let manager = try PassManager(
      passes: [.pruneChannels(fraction: fraction)], verifyAfterEachPass: true)
    return try manager.run(model).model
  }

  /// Removing channels keeps the graph valid: the add's partners lose the same channels,
  /// the concat and the dense layer behind flatten shrink to match.
  @Test(arguments: [0.15, 0.3, 0.5, 0.9])
  func prunedGraphsVerifyWithConsistentShapes(fraction: Double) throws {
    let after = try prune(model(zeroing: false), fraction)
    let shapes = try ShapeInference.shapes(of: after)
    let (c1, c2, c3) = (shapes["c1"]![0], shapes["c2"]![0], shapes["c3"]![0])
    #expect(c1 == c2)
    #expect(shapes["sum"] == shapes["c1"])
    #expect(shapes["cat"]![0] == c1 + c3)
    #expect(after.weights["fc.weight"]!.shape == [2, (c1 + c3) * 25])
    #expect(after.weights["c3.weight"]!.shape == [c3, c1, 1, 1])
    // 7 removable groups (4 tied pairs of c1/c2, 3 of c3); each layer keeps one.
    let removed = (4 - c1) + (3 - c3)
    #expect(removed == min(Int((fraction * 7).rounded()), 5), "fraction \(fraction)")
    #expect(c1 >= 1 && c3 >= 1)
  }

  /// Channels with zero weights are removed first and change no output: a zero-bias pair
  /// tied by the add exactly, a channel whose bias reaches the dense layer up to rounding.
  @Test func zeroNormChannelsAreRemovedWithoutChangingOutputs() throws {
    let original = model(zeroing: true)
    let after = try prune(original, 2.0 / 7)
    #expect(after.weights["c1.weight"]!.shape == [3, 2, 3, 3])
    #expect(after.weights["c2.weight"]!.shape == [3, 3, 1, 1])
    #expect(after.weights["c3.weight"]!.shape == [2, 3, 1, 1])
    let x = Graphs.ramp([3, 2, 5, 5], start: -1.3, step: 0.0173)
    let before = try ReferenceEngine(model: original).run(batch: x)[0].scalars
    let pruned = try ReferenceEngine(model: after).run(batch: x)[0].scalars
    for (a, b) in zip(before, pruned) {
      #expect((a - b).magnitude <= 1e-5 * max(1, a.magnitude), "\(a) vs \(b)")
    }
    // Without the c3 channel's bias the pair alone is removed bit for bit.
    var exact = original
    exact.weights["c3.bias"]!.scalars[2] = 0
    let exactAfter = try prune(exact, 2.0 / 7)
    #expect(
      try ReferenceEngine(model: exact).run(batch: x)[0].scalars
        == ReferenceEngine(model: exactAfter).run(batch: x)[0].scalars)
  }

  /// Channels that reach a model output, a reshape or a padded layer with a non-zero
  /// constant stay; so nothing is removed from a lone dense layer that is the output.
  @Test func outputChannelsStay() throws {
    let mlp = Graphs.mlp()
    let run = try PassManager(passes: [.pruneChannels(fraction: 0.9)], verifyAfterEachPass: true)
      .run(mlp)
    // fc1's 3 neurons may go down to 1; fc2 (the output) keeps its 2.
    #expect(run.model.weights["fc1.weight"]!.shape == [1, 4])
    #expect(run.model.weights["fc2.weight"]!.shape == [2, 1])
    #expect(run.changedPasses == ["prune-channels"])
  }
}

extension Tensor {
  /// Zeroes every weight of output channel `channel` (the first axis).
  fileprivate mutating func zeroChannel(_ channel: Int) {
    let per = count / shape[0]
    for i in channel * per..<(channel + 1) * per { scalars[i] = 0 }
  }
}
