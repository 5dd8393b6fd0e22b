import Foundation
import ModelFormat

/// Malformed model documents: JSON syntax, fields, operators, attributes, graph structure.
enum GraphBadInputs {
  static func replacing(_ old: String, with new: String) -> @Sendable (String) -> String {
    BaseModel.replacing(old, with: new)
  }

  static let cases: [BadInput] = [
    BadInput(
      name: "unknown op",
      json: replacing(
        #""op": "dense", "inputs": ["flat"]"#, with: #""op": "densse", "inputs": ["flat"]"#),
      expected: { j, _ in .unknownOp(file: j, node: "fc1", op: "densse") },
      mentions: ["node 'fc1'", "unknown op 'densse'", "conv2d, batchnorm"]),
    BadInput(
      name: "unknown attribute",
      json: replacing(#""padding": 1"#, with: #""pading": 1"#),
      expected: { j, _ in
        .unknownAttribute(
          file: j, node: "conv1", op: "conv2d", attribute: "pading",
          accepted: ["stride", "padding", "dilation", "groups"])
      },
      mentions: ["node 'conv1' (conv2d)", "'pading'", "stride, padding, dilation, groups"]),
    BadInput(
      name: "attribute not an integer",
      json: replacing(#""kernel": 2"#, with: #""kernel": 2.5"#),
      expected: { j, _ in
        .invalidAttribute(
          file: j, node: "pool1", op: "maxpool2d", attribute: "kernel",
          expected: "a positive integer or [h, w]", found: "2.5")
      },
      mentions: ["node 'pool1' (maxpool2d)", "'kernel'", "found 2.5"]),
    BadInput(
      name: "required attribute missing",
      json: replacing(#", "kernel": 2}"#, with: "}"),
      expected: { j, _ in
        .invalidAttribute(
          file: j, node: "pool1", op: "maxpool2d", attribute: "kernel",
          expected: "a positive integer or [h, w] (required)", found: "nothing")
      },
      mentions: ["node 'pool1'", "'kernel'", "(required)"]),
    BadInput(
      name: "groups do not divide the channels",
      json: replacing(#""padding": 1"#, with: #""padding": 1, "groups": 2"#),
      expected: { j, _ in
        .invalidAttribute(
          file: j, node: "conv1", op: "conv2d", attribute: "groups",
          expected: "a divisor of the input's channel count, 1", found: "2")
      },
      mentions: ["node 'conv1'", "'groups'", "divisor"]),
    BadInput(
      name: "softmax axis out of range",
      json: replacing(
        #"{"name": "relu2", "op": "relu""#, with: #"{"name": "relu2", "op": "softmax", "axis": 3"#),
      expected: { j, _ in
        .invalidAttribute(
          file: j, node: "relu2", op: "softmax", attribute: "axis",
          expected: "an axis of the rank-1 input, -1 to 0", found: "3")
      },
      mentions: ["node 'relu2' (softmax)", "'axis'", "-1 to 0"]),
    BadInput(
      name: "transpose perm not a permutation",
      json: replacing(
        #""op": "flatten", "inputs": ["pool1"]"#,
        with: #""op": "transpose", "inputs": ["pool1"], "perm": [0, 0, 1]"#),
      expected: { j, _ in
        .invalidAttribute(
          file: j, node: "flat", op: "transpose", attribute: "perm",
          expected: "a permutation of the 3 axes 0...2", found: "[0, 0, 1]")
      },
      mentions: ["node 'flat' (transpose)", "'perm'", "permutation"]),
    BadInput(
      name: "reshape element count mismatch",
      json: replacing(
        #""op": "flatten", "inputs": ["pool1"]"#,
        with: #""op": "reshape", "inputs": ["pool1"], "shape": [17]"#),
      expected: { j, _ in
        .inputShape(
          file: j, node: "flat", op: "reshape", input: "pool1", found: [2, 3, 3],
          expected: "17 elements for shape [17], found 18")
      },
      mentions: ["node 'flat' (reshape)", "input 'pool1'", "17 elements"]),
    BadInput(
      name: "pooling window larger than the padded input",
      json: replacing(#""kernel": 2"#, with: #""kernel": 7"#),
      expected: { j, _ in
        .inputShape(
          file: j, node: "pool1", op: "maxpool2d", input: "relu1", found: [2, 6, 6],
          expected: "a height of at least 7 after padding (0 added), the extent of the kernel")
      },
      mentions: ["node 'pool1' (maxpool2d)", "input 'relu1'", "[2, 6, 6]", "at least 7"]),
    BadInput(
      name: "wrong number of inputs",
      json: replacing(#""inputs": ["flat"]"#, with: #""inputs": ["flat", "x"]"#),
      expected: { j, _ in
        .wrongInputCount(file: j, node: "fc1", op: "dense", expected: 1...1, found: 2)
      },
      mentions: ["node 'fc1' (dense)", "2 inputs", "expected 1"]),
    BadInput(
      name: "duplicate node name",
      json: replacing(#"{"name": "flat", "op""#, with: #"{"name": "relu1", "op""#),
      expected: { j, _ in .duplicateName(file: j, name: "relu1") },
      mentions: ["'relu1'", "defined twice"]),
    BadInput(
      name: "input used before its definition",
      json: { text in
        let relu = #"    {"name": "relu1", "op": "relu", "inputs": ["conv1"]},"#
        let pool = #"    {"name": "pool1", "op": "maxpool2d", "inputs": ["relu1"], "kernel": 2},"#
        return BaseModel.replacing(relu + "\n" + pool, with: pool + "\n" + relu)(text)
      },
      expected: { j, _ in .inputUsedBeforeDefinition(file: j, node: "pool1", input: "relu1") },
      mentions: ["node 'pool1'", "input 'relu1'", "before its definition"]),
    BadInput(
      name: "cycle",
      json: replacing(#""inputs": ["x"]"#, with: #""inputs": ["relu1"]"#),
      expected: { j, _ in .cycle(file: j, node: "conv1", path: ["conv1", "relu1", "conv1"]) },
      mentions: ["node 'conv1'", "cycle 'conv1' -> 'relu1' -> 'conv1'"]),
    BadInput(
      name: "input names nothing",
      json: replacing(#""inputs": ["flat"]"#, with: #""inputs": ["flatt"]"#),
      expected: { j, _ in .undefinedInput(file: j, node: "fc1", input: "flatt") },
      mentions: ["node 'fc1'", "input 'flatt'"]),
    BadInput(
      name: "empty graph",
      json: { text in
        guard let start = text.range(of: #""nodes": ["#), let end = text.range(of: "\n  ]\n}")
        else { return text }
        return text.replacingCharacters(
          in: start.lowerBound..<end.upperBound, with: #""nodes": []}"#)
      },
      expected: { j, _ in .emptyGraph(file: j) },
      mentions: ["no nodes", "'nodes'"]),
    BadInput(
      name: "output names no node",
      json: replacing(#""outputs": ["fc2"]"#, with: #""outputs": ["fc3"]"#),
      expected: { j, _ in .unknownOutput(file: j, output: "fc3") },
      mentions: ["output 'fc3'", "names no node"]),
    BadInput(
      name: "output listed twice",
      json: replacing(#""outputs": ["fc2"]"#, with: #""outputs": ["fc2", "fc2"]"#),
      expected: { j, _ in .duplicateOutput(file: j, output: "fc2") },
      mentions: ["output 'fc2'", "'outputs'"]),
    BadInput(
      name: "no outputs",
      json: replacing(#""outputs": ["fc2"]"#, with: #""outputs": []"#),
      expected: { j, _ in .noOutputs(file: j) },
      mentions: ["'outputs'", "at least one"]),
    BadInput(
      name: "unsupported version",
      json: replacing(#""version": 1"#, with: #""version": 2"#),
      expected: { j, _ in .unsupportedVersion(file: j, found: "2") },
      mentions: ["'version'", "must be 1", "found 2"]),
    BadInput(
      name: "unsupported format",
      json: replacing(#""etch-model""#, with: #""onnx""#),
      expected: { j, _ in .unsupportedFormat(file: j, found: "\"onnx\"") },
      mentions: ["'format'", "etch-model", "onnx"]),
    BadInput(
      name: "not JSON",
      json: replacing("\"version\": 1,\n", with: "\"version\": 1\n"),
      expected: { j, _ in
        .invalidJSON(file: j, line: 4, column: 3, reason: "expected ',' or '}' in an object")
      },
      mentions: ["line 4, column 3", "not valid JSON"]),
    BadInput(
      name: "key repeated in one object",
      json: replacing(
        #""op": "relu", "inputs": ["conv1"]"#,
        with: #""op": "relu", "op": "relu", "inputs": ["conv1"]"#),
      expected: { j, _ in
        .invalidJSON(
          file: j, line: 10, column: 37, reason: "key \"op\" appears twice in one object")
      },
      mentions: ["line 10", "\"op\" appears twice"]),
    BadInput(
      name: "node field missing",
      json: replacing(
        #"{"name": "relu1", "op": "relu", "inputs": ["conv1"]}"#,
        with: #"{"name": "relu1", "op": "relu"}"#),
      expected: { j, _ in .missingField(file: j, at: .node("relu1", op: "relu"), field: "inputs") },
      mentions: ["node 'relu1' (relu)", "field 'inputs'"]),
    BadInput(
      name: "unknown top-level field",
      json: replacing(#""name": "base","#, with: #""name": "base", "wieghts": "x","#),
      expected: { j, _ in
        .unknownField(
          file: j, at: .model, field: "wieghts",
          accepted: ["format", "version", "name", "weights", "inputs", "outputs", "nodes", "quant"])
      },
      mentions: ["unknown field 'wieghts'", "weights"]),
    BadInput(
      name: "weights field missing",
      json: replacing("  \"weights\": \"base.safetensors\",\n", with: ""),
      expected: { j, _ in .missingField(file: j, at: .model, field: "weights") },
      mentions: ["field 'weights'"]),
    BadInput(
      name: "input shape not integers",
      json: replacing("[1, 6, 6]", with: "[1, 6.5, 6]"),
      expected: { j, _ in
        .wrongType(
          file: j, at: .graphInput("x"), field: "shape",
          expected: "a non-empty array of positive integers", found: "[1, 6.5, 6]")
      },
      mentions: ["input 'x'", "field 'shape'", "[1, 6.5, 6]"]),
    BadInput(
      name: "absurd dimension in an input shape",
      json: replacing("[1, 6, 6]", with: "[1, 1000000000000, 6]"),
      expected: { j, _ in
        .dimensionTooLarge(
          file: j, at: .graphInput("x"), field: "shape", found: "dimension 1000000000000",
          limit: "2147483647 per dimension")
      },
      mentions: ["input 'x'", "field 'shape'", "1000000000000", "2147483647"]),
    BadInput(
      name: "absurd dimension in a reshape",
      json: replacing(
        #""op": "flatten", "inputs": ["pool1"]"#,
        with: #""op": "reshape", "inputs": ["pool1"], "shape": [1000000000000]"#),
      expected: { j, _ in
        .dimensionTooLarge(
          file: j, at: .node("flat", op: "reshape"), field: "shape",
          found: "dimension 1000000000000", limit: "2147483647 per dimension")
      },
      mentions: ["node 'flat' (reshape)", "field 'shape'", "1000000000000"]),
    BadInput(
      name: "invalid quant format",
      json: replacing(
        "\n  ]\n}", with: "\n  ],\n  \"quant\": {\"fc1.weight\": \"ap_fixd<8,1>\"}\n}"),
      expected: { j, _ in
        .invalidQuantFormat(
          file: j, key: "fc1.weight", format: "ap_fixd<8,1>", reason: "unknown type 'ap_fixd'")
      },
      mentions: ["quant 'fc1.weight'", "ap_fixd", "ap_fixed<W,I"]),
    BadInput(
      name: "quant names nothing",
      json: replacing(
        "\n  ]\n}", with: "\n  ],\n  \"quant\": {\"fc9.weight\": \"ap_fixed<8,1>\"}\n}"),
      expected: { j, _ in .unknownQuantTarget(file: j, key: "fc9.weight") },
      mentions: ["quant 'fc9.weight'"]),
  ]
}
