import Foundation
import ModelFormat

/// Malformed weights: missing or misfit tensors, bad values, and damaged safetensors files.
enum WeightBadInputs {
  static func replacing(_ old: String, with new: String) -> @Sendable (String) -> String {
    BaseModel.replacing(old, with: new)
  }

  /// A weights file whose last entry (`fc2.weight`, 48 bytes at 384 in the base) is `last`.
  static func file(last: String, dataBytes: Int = 432) -> @Sendable (Data) -> Data {
    { _ in BaseModel.safetensors(header: BaseModel.header(last: last), dataBytes: dataBytes) }
  }

  static let cases: [BadInput] = [
    BadInput(
      name: "misspelled tensor",
      json: replacing(#""fc1.weight", "bias""#, with: #""fc1.wieght", "bias""#),
      expected: { j, _ in
        .missingTensor(
          file: j, node: "fc1", role: "weight", tensor: "fc1.wieght", suggestion: "fc1.weight")
      },
      mentions: ["node 'fc1'", "param 'weight'", "'fc1.wieght'", "did you mean 'fc1.weight'"]),
    BadInput(
      name: "required param missing",
      json: replacing(#""params": {"weight": "fc2.weight"}"#, with: #""params": {}"#),
      expected: { j, _ in .missingParam(file: j, node: "fc2", op: "dense", role: "weight") },
      mentions: ["node 'fc2' (dense)", "missing param 'weight'"]),
    BadInput(
      name: "unknown param role",
      json: replacing(
        #"{"weight": "fc2.weight"}"#, with: #"{"weight": "fc2.weight", "bais": "fc1.bias"}"#),
      expected: { j, _ in
        .unknownParam(
          file: j, node: "fc2", op: "dense", role: "bais", accepted: ["weight", "bias"])
      },
      mentions: ["node 'fc2' (dense)", "param 'bais'", "weight, bias"]),
    BadInput(
      name: "dense weight does not fit its input",
      tensors: { $0["fc2.weight"] = Tensor(shape: [3, 5], repeating: 0.5) },
      expected: { j, _ in
        .paramShape(
          file: j, node: "fc2", op: "dense", role: "weight", tensor: "fc2.weight",
          found: [3, 5], expected: "[out, 4] (input 'relu2' has 4 features)")
      },
      mentions: ["node 'fc2' (dense)", "param 'weight'", "[3, 5]", "[out, 4]", "'relu2'"]),
    BadInput(
      name: "conv weight does not fit the input channels",
      tensors: { $0["conv1.weight"] = Tensor(shape: [2, 2, 3, 3], repeating: 0.5) },
      expected: { j, _ in
        .paramShape(
          file: j, node: "conv1", op: "conv2d", role: "weight", tensor: "conv1.weight",
          found: [2, 2, 3, 3],
          expected: "[out, in/groups, kh, kw] = [out, 1, kh, kw] (input 'x' has 1 channel, "
            + "groups 1)")
      },
      mentions: ["node 'conv1' (conv2d)", "param 'weight'", "[2, 2, 3, 3]", "[out, 1, kh, kw]"]),
    BadInput(
      name: "bias does not fit the outputs",
      tensors: { $0["fc1.bias"] = Tensor(shape: [5], repeating: 0.5) },
      expected: { j, _ in
        .paramShape(
          file: j, node: "fc1", op: "dense", role: "bias", tensor: "fc1.bias", found: [5],
          expected: "[4] (one value per output)")
      },
      mentions: ["node 'fc1' (dense)", "param 'bias'", "[5]", "[4]"]),
    BadInput(
      name: "infinite weight",
      tensors: { $0["fc1.weight"]?.scalars[5] = .infinity },
      expected: { _, w in
        .nonFiniteWeight(file: w, tensor: "fc1.weight", node: "fc1", index: 5, value: .infinity)
      },
      mentions: ["node 'fc1'", "tensor 'fc1.weight'", "inf at index 5", "finite"]),
    BadInput(
      name: "NaN weight",
      tensors: { $0["conv1.bias"]?.scalars[1] = .nan },
      expected: { _, w in
        .nonFiniteWeight(file: w, tensor: "conv1.bias", node: "conv1", index: 1, value: .nan)
      },
      mentions: ["node 'conv1'", "tensor 'conv1.bias'", "nan at index 1"]),
    BadInput(
      name: "weights file missing",
      json: replacing(#""weights": "base.safetensors""#, with: #""weights": "gone.safetensors""#),
      expected: { _, w in
        .unreadableFile(
          file: w.replacingOccurrences(of: "base.safetensors", with: "gone.safetensors"),
          reason: "no such file")
      },
      mentions: ["gone.safetensors", "no such file"]),
    BadInput(
      name: "safetensors truncated",
      bytes: { $0.dropLast(10) },
      expected: { _, w in
        .truncated(file: w, size: BaseModel.weights.count - 10, needed: BaseModel.weights.count)
      },
      mentions: ["truncated", "\(BaseModel.weights.count - 10) bytes"]),
    BadInput(
      name: "safetensors shorter than its length field",
      bytes: { _ in Data([1, 2, 3, 4, 5]) },
      expected: { _, w in .truncated(file: w, size: 5, needed: 8) },
      mentions: ["truncated", "5 bytes"]),
    BadInput(
      name: "header length past the end of the file",
      bytes: { data in
        var damaged = data
        withUnsafeBytes(of: UInt64(1_000_000).littleEndian) {
          damaged.replaceSubrange(0..<8, with: $0)
        }
        return damaged
      },
      expected: { _, w in
        .headerLengthOutOfRange(
          file: w, headerLength: 1_000_000, available: BaseModel.weights.count - 8)
      },
      mentions: ["header length 1000000", "past the end"]),
    BadInput(
      name: "header is not JSON",
      bytes: { _ in BaseModel.safetensors(header: "not a header", dataBytes: 432) },
      expected: { _, w in
        .invalidHeader(
          file: w, reason: "not JSON (line 1, column 1: unexpected character, expected a value)")
      },
      mentions: ["header is invalid", "not JSON"]),
    BadInput(
      name: "overlapping data offsets",
      bytes: file(last: BaseModel.entry("fc2.weight", "F32", [3, 4], 336, 384)),
      expected: { _, w in .overlappingTensors(file: w, tensor: "fc2.weight", other: "fc1.weight") },
      mentions: ["tensor 'fc2.weight'", "overlap", "'fc1.weight'"]),
    BadInput(
      name: "data offsets past the data",
      bytes: file(last: BaseModel.entry("fc2.weight", "F32", [3, 4], 1000, 1048)),
      expected: { _, w in
        .offsetsOutOfRange(file: w, tensor: "fc2.weight", begin: 1000, end: 1048, dataSize: 432)
      },
      mentions: ["tensor 'fc2.weight'", "[1000, 1048]", "432 bytes"]),
    BadInput(
      name: "data offsets reversed",
      bytes: file(last: BaseModel.entry("fc2.weight", "F32", [3, 4], 432, 384)),
      expected: { _, w in
        .offsetsOutOfRange(file: w, tensor: "fc2.weight", begin: 432, end: 384, dataSize: 432)
      },
      mentions: ["tensor 'fc2.weight'", "[432, 384]", "begin <= end"]),
    BadInput(
      name: "hole in the data",
      bytes: file(last: BaseModel.entry("fc2.weight", "F32", [3, 4], 392, 440), dataBytes: 440),
      expected: { _, w in .unindexedBytes(file: w, begin: 384, end: 392) },
      mentions: ["384..<392", "no tensor"]),
    BadInput(
      name: "dtype size does not match the byte range",
      bytes: file(last: BaseModel.entry("fc2.weight", "F64", [3, 4], 384, 432)),
      expected: { _, w in
        .byteCountMismatch(
          file: w, tensor: "fc2.weight", dtype: "F64", shape: [3, 4], expected: 96, found: 48)
      },
      mentions: ["tensor 'fc2.weight'", "48 bytes", "F64 [3, 4]", "needs 96"]),
    BadInput(
      name: "unsupported dtype",
      bytes: file(last: BaseModel.entry("fc2.weight", "Q4", [3, 4], 384, 432)),
      expected: { _, w in .unsupportedDType(file: w, tensor: "fc2.weight", dtype: "Q4") },
      mentions: ["tensor 'fc2.weight'", "'Q4'", "F32"]),
    BadInput(
      name: "absurd dimension in the safetensors header",
      bytes: file(last: BaseModel.entry("fc2.weight", "F32", [1_000_000_000_000, 4], 384, 432)),
      expected: { _, w in
        .dimensionTooLarge(
          file: w, at: .tensor("fc2.weight"), field: "shape", found: "dimension 1000000000000",
          limit: "2147483647 per dimension")
      },
      mentions: ["tensor 'fc2.weight'", "field 'shape'", "1000000000000"]),
    BadInput(
      name: "element count overflow in the safetensors header",
      bytes: file(
        last: BaseModel.entry("fc2.weight", "F32", [2_147_483_647, 2_147_483_647, 4], 384, 432)),
      expected: { _, w in
        .dimensionTooLarge(
          file: w, at: .tensor("fc2.weight"), field: "shape",
          found: "the element count of [2147483647, 2147483647, 4]",
          limit: "2147483647 elements per tensor")
      },
      mentions: ["tensor 'fc2.weight'", "element count"]),
    BadInput(
      name: "safetensors entry without dtype",
      bytes: file(last: #""fc2.weight": {"shape": [3, 4], "data_offsets": [384, 432]}"#),
      expected: { _, w in .missingField(file: w, at: .tensor("fc2.weight"), field: "dtype") },
      mentions: ["tensor 'fc2.weight'", "field 'dtype'"]),
  ]
}
