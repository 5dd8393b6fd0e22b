import Compression
import Foundation
import ModelFormat
import Targets
import TestSupport

/// A small dense model and frames for the search and sweep tests.
enum Fixtures {
  /// Deterministic values in [-1, 1) from a linear congruential generator.
  static func values(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Float(Int((state >> 33) % 2000) - 1000) / 1000
    }
  }

  /// `x [8] → fc1 [16] → relu → fc2 [4]` (output fc2).
  static let model = Model(
    name: "small", inputs: [.init(name: "x", shape: [8])], outputs: ["fc2"],
    nodes: [
      Node(name: "fc1", op: .dense, inputs: ["x"], params: ["weight": "w1", "bias": "b1"]),
      Node(name: "act", op: .relu, inputs: ["fc1"]),
      Node(name: "fc2", op: .dense, inputs: ["act"], params: ["weight": "w2", "bias": "b2"]),
    ],
    weights: [
      "w1": Tensor(shape: [16, 8], scalars: values(128, seed: 1)),
      "b1": Tensor(shape: [16], scalars: values(16, seed: 2).map { $0 / 4 }),
      "w2": Tensor(shape: [4, 16], scalars: values(64, seed: 3)),
      "b2": Tensor(shape: [4], scalars: values(4, seed: 4).map { $0 / 4 }),
    ])

  /// `count` frames of `x`.
  static func frames(_ count: Int, seed: UInt64 = 9) -> Tensor {
    Tensor(shape: [count, 8], scalars: values(count * 8, seed: seed))
  }

  /// The UltraScale+ part of the repository's catalogue.
  static func costModel() throws -> CostModel {
    let catalog = try TargetCatalog(
      directory: SharedData.repositoryRoot.appendingPathComponent("targets"))
    return CostModel(part: try catalog.part(named: "xcu250"))
  }

  /// An evaluator of `model` on `frames` with `metric`.
  static func evaluator(
    _ frames: Tensor, metric: FidelityMetric = .maxRelativeError, model: Model = model
  ) throws -> Evaluator {
    try Evaluator(model: model, frames: [frames], metric: metric, costModel: try costModel())
  }
}
