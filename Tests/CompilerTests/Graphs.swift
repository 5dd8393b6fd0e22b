import Compiler
import ModelFormat
import Testing

/// Small hand-built models for pass tests.
enum Graphs {
  /// A tensor of `shape` whose elements are `start, start + step, ...`.
  static func ramp(_ shape: [Int], start: Float = 0.5, step: Float = 0.25) -> Tensor {
    let count = shape.reduce(1, *)
    return Tensor(shape: shape, scalars: (0..<count).map { start + step * Float($0) })
  }

  /// A dense node `name` over `input` with weight `name.weight` (and `name.bias` if asked).
  static func dense(_ name: String, _ input: String, bias: Bool = true) -> Node {
    var params = ["weight": "\(name).weight"]
    if bias { params["bias"] = "\(name).bias" }
    return Node(name: name, op: .dense, inputs: [input], params: params)
  }

  /// Weights for a dense node `name` mapping `inputs` features to `outputs`.
  static func denseWeights(_ name: String, _ inputs: Int, _ outputs: Int) -> [String: Tensor] {
    [
      "\(name).weight": ramp([outputs, inputs], start: -0.5, step: 0.125),
      "\(name).bias": ramp([outputs], start: 0.25, step: -0.5),
    ]
  }

  /// A batchnorm node `name` over `input` with parameters `name.weight`, ...
  static func batchnorm(_ name: String, _ input: String, eps: Double = 1e-5) -> Node {
    Node(
      name: name, op: .batchnorm(eps: eps), inputs: [input],
      params: [
        "weight": "\(name).weight", "bias": "\(name).bias",
        "running_mean": "\(name).running_mean", "running_var": "\(name).running_var",
      ])
  }

  /// Batchnorm parameters for `channels` channels, all different and all valid.
  static func batchnormWeights(_ name: String, _ channels: Int) -> [String: Tensor] {
    [
      "\(name).weight": ramp([channels], start: 0.5, step: 0.75),
      "\(name).bias": ramp([channels], start: -1, step: 0.5),
      "\(name).running_mean": ramp([channels], start: 0.125, step: 0.25),
      "\(name).running_var": ramp([channels], start: 0.5, step: 1.5),
    ]
  }

  /// `x [4] → fc1 → relu1 → fc2 (outputs: fc2)`, with weights.
  static func mlp() -> Model {
    Model(
      name: "mlp", inputs: [.init(name: "x", shape: [4])], outputs: ["fc2"],
      nodes: [
        dense("fc1", "x"), Node(name: "relu1", op: .relu, inputs: ["fc1"]), dense("fc2", "relu1"),
      ],
      weights: denseWeights("fc1", 4, 3).merging(denseWeights("fc2", 3, 2)) { a, _ in a })
  }
}

extension Dictionary where Key == String, Value == Tensor {
  /// The union of two weight dictionaries whose names do not overlap.
  static func + (lhs: Self, rhs: Self) -> Self {
    lhs.merging(rhs) { a, _ in a }
  }
}

/// Checks the text form of `model` (`before`), runs `pass` on it through a verifying pass
/// manager, and checks the result's text form (`after`) and the pass's changed flag.
func expectRewrite(
  _ model: Model, by pass: GraphPass, before: String, after: String,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  #expect(model.textForm == before, "IR in", sourceLocation: sourceLocation)
  let run = try PassManager(passes: [pass], verifyAfterEachPass: true).run(model)
  #expect(run.model.textForm == after, "IR out", sourceLocation: sourceLocation)
  #expect(run.changedPasses == (before == after ? [] : [pass.name]), sourceLocation: sourceLocation)
}
