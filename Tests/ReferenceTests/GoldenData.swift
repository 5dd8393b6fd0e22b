import Foundation
import ModelFormat
import TestSupport

/// The files of one golden case (or of the real BraggNN), read as the engine's inputs.
struct GoldenData {
  /// The model.
  let model: Model
  /// `input.npy`: `[N, *input shape]`.
  let input: Tensor
  /// `output.npy`: `[N, *output shape]`.
  let output: Tensor

  /// Loads `folder/NAME.json`, `input.npy` and `output.npy`.
  init(folder: URL, modelName: String) throws {
    model = try ModelLoader.load(contentsOf: folder.appendingPathComponent("\(modelName).json"))
    input = try Self.tensor(folder.appendingPathComponent("input.npy"))
    output = try Self.tensor(folder.appendingPathComponent("output.npy"))
  }

  /// Loads golden case `name`.
  init(golden name: String) throws {
    try self.init(folder: SharedData.golden(name), modelName: name)
  }

  /// PyTorch's output of every node for input 0, batch dimension left out.
  static func trace(golden name: String) throws -> [String: Tensor] {
    let url = SharedData.golden(name).appendingPathComponent("trace0.safetensors")
    return try SafeTensors(contentsOf: url).tensors
  }

  /// A float32 `.npy` file as a tensor.
  static func tensor(_ url: URL) throws -> Tensor {
    let file = try NpyFile(path: url.path)
    return Tensor(shape: file.shape, scalars: try file.floats())
  }

  /// Frame `index` of `batch`, keeping a batch dimension of 1.
  static func frame(_ index: Int, of batch: Tensor) -> Tensor {
    let size = batch.shape.dropFirst().reduce(1, *)
    return Tensor(
      shape: [1] + batch.shape.dropFirst(),
      scalars: Array(batch.scalars[(index * size)..<((index + 1) * size)]))
  }
}
