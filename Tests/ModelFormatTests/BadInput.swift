import Foundation
import ModelFormat
import Testing

/// One malformed model: a valid base model with one mutation, and the exact error it must
/// raise.
///
/// The base is small and complete (conv2d, relu, maxpool2d, flatten, dense with and without
/// bias), so that each case changes one thing and the error can only come from that change.
struct BadInput: Sendable, CustomTestStringConvertible {
  /// The case's name, shown by the test runner so a failure can be replayed.
  var name: String
  /// Rewrites the base JSON document.
  var json: @Sendable (String) -> String = { $0 }
  /// Rewrites the base weights before they are encoded.
  var tensors: @Sendable (inout [String: Tensor]) -> Void = { _ in }
  /// Replaces the encoded weights file, for damage below the tensor level.
  var bytes: (@Sendable (Data) -> Data)? = nil
  /// The error expected, given the paths of the JSON and weights files.
  var expected: @Sendable (_ json: String, _ weights: String) -> ModelError
  /// Text the rendered message must contain besides the file path (node, field, what fits).
  var mentions: [String]

  var testDescription: String { name }
}

/// The valid model every bad input starts from, and helpers to damage it.
enum BaseModel {
  /// `x [1,6,6] → conv1 (3x3, pad 1) [2,6,6] → relu1 → pool1 (2x2) [2,3,3] → flat [18]
  /// → fc1 [4] → relu2 → fc2 [3]`.
  static let json = """
    {
      "format": "etch-model",
      "version": 1,
      "name": "base",
      "weights": "base.safetensors",
      "inputs": [{"name": "x", "shape": [1, 6, 6]}],
      "outputs": ["fc2"],
      "nodes": [
        {"name": "conv1", "op": "conv2d", "inputs": ["x"], "padding": 1, "params": {"weight": "conv1.weight", "bias": "conv1.bias"}},
        {"name": "relu1", "op": "relu", "inputs": ["conv1"]},
        {"name": "pool1", "op": "maxpool2d", "inputs": ["relu1"], "kernel": 2},
        {"name": "flat", "op": "flatten", "inputs": ["pool1"]},
        {"name": "fc1", "op": "dense", "inputs": ["flat"], "params": {"weight": "fc1.weight", "bias": "fc1.bias"}},
        {"name": "relu2", "op": "relu", "inputs": ["fc1"]},
        {"name": "fc2", "op": "dense", "inputs": ["relu2"], "params": {"weight": "fc2.weight"}}
      ]
    }

    """

  /// The base weights, with distinct non-zero values.
  static var tensors: [String: Tensor] {
    func tensor(_ shape: [Int]) -> Tensor {
      let count = shape.reduce(1, *)
      return Tensor(shape: shape, scalars: (0..<count).map { Float($0 + 1) / 64 })
    }
    return [
      "conv1.weight": tensor([2, 1, 3, 3]), "conv1.bias": tensor([2]),
      "fc1.weight": tensor([4, 18]), "fc1.bias": tensor([4]),
      "fc2.weight": tensor([3, 4]),
    ]
  }

  /// The base weights file's bytes: 432 bytes of F32 data (conv1.bias [0, 8], conv1.weight
  /// [8, 80], fc1.bias [80, 96], fc1.weight [96, 384], fc2.weight [384, 432]).
  static var weights: Data { SafeTensors(tensors: tensors).encoded() }

  /// `json` with `old` replaced by `new`; the case fails loudly if `old` is not there.
  static func replacing(_ old: String, with new: String) -> @Sendable (String) -> String {
    { text in
      precondition(text.contains(old), "base model lacks \(old)")
      return text.replacingOccurrences(of: old, with: new)
    }
  }

  /// A safetensors file with the given header text (padded with spaces to 8 bytes) and
  /// `dataBytes` bytes of data.
  static func safetensors(header: String, dataBytes: Int) -> Data {
    var headerBytes = Array(header.utf8)
    headerBytes += Array(repeating: UInt8(ascii: " "), count: (8 - headerBytes.count % 8) % 8)
    var data = Data()
    withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(contentsOf: headerBytes)
    data.append(contentsOf: [UInt8](repeating: 0, count: dataBytes))
    return data
  }

  /// One safetensors header entry.
  static func entry(_ name: String, _ dtype: String, _ shape: [Int], _ begin: Int, _ end: Int)
    -> String
  {
    "\"\(name)\": {\"dtype\": \"\(dtype)\", \"shape\": \(shape), \"data_offsets\": [\(begin), \(end)]}"
  }

  /// The base model's weight tensors as header entries of F32 data laid out without holes,
  /// with `fc2.weight` replaced by `last`.
  static func header(last: String) -> String {
    "{"
      + [
        entry("conv1.bias", "F32", [2], 0, 8), entry("conv1.weight", "F32", [2, 1, 3, 3], 8, 80),
        entry("fc1.bias", "F32", [4], 80, 96), entry("fc1.weight", "F32", [4, 18], 96, 384),
        last,
      ].joined(separator: ", ") + "}"
  }
}
