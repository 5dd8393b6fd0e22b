import Foundation
import ModelFormat
import Reference
import TestSupport

/// The models under ../shared that compiler tests run: the golden cases and the real BraggNN.
enum SharedModels {
  /// Every golden case by name, then `real/braggnn`.
  static let all: [String] = SharedData.goldenCases + ["real/braggnn"]

  /// The folder of a shared model.
  static func folder(_ name: String) -> URL {
    name == "real/braggnn" ? SharedData.realBraggNN : SharedData.golden(name)
  }

  /// Loads a shared model (verified) by case name or `real/braggnn`.
  static func model(_ name: String) throws -> Model {
    let file = name == "real/braggnn" ? "braggnn_fc16_8_4_2_sz11" : name
    return try ModelLoader.load(contentsOf: folder(name).appendingPathComponent("\(file).json"))
  }

  /// The model's `input.npy`, the first `limit` frames at most.
  static func input(_ name: String, limit: Int = .max) throws -> Tensor {
    let file = try NpyFile(path: folder(name).appendingPathComponent("input.npy").path)
    let count = min(limit, file.itemCount)
    return Tensor(shape: [count] + file.itemShape, scalars: try file.floats(items: 0..<count))
  }

  /// The model's `output.npy` as PyTorch computed it.
  static func output(_ name: String) throws -> Tensor {
    let file = try NpyFile(path: folder(name).appendingPathComponent("output.npy").path)
    return Tensor(shape: file.shape, scalars: try file.floats())
  }

  /// The Reference engine's outputs of `model` on `input`.
  static func run(_ model: Model, _ input: Tensor) throws -> [Tensor] {
    try ReferenceEngine(model: model).run(batch: input)
  }

  /// The first element where `observed` is not within `relative` (or 1e-6 absolute) of
  /// `expected`, described for a failure message, or nil when all agree.
  static func firstMismatch(_ expected: Tensor, _ observed: Tensor, relative: Float = 1e-5)
    -> String?
  {
    guard expected.shape == observed.shape else {
      return "shape \(observed.shape), expected \(expected.shape)"
    }
    for (index, (e, o)) in zip(expected.scalars, observed.scalars).enumerated()
    where !(abs(e - o) <= max(relative * abs(e), 1e-6)) {
      return "element \(index): \(o), expected \(e)"
    }
    return nil
  }
}
