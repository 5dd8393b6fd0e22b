import Foundation
import ModelFormat
import Testing

/// A one-node model document around `node` (a JSON object's members after `"inputs"`), with
/// input `x` of `shape`.
private func document(op: String, attributes: String, shape: [Int] = [4, 8, 8]) -> Data {
  let extra = attributes.isEmpty ? "" : ", " + attributes
  return Data(
    """
    {"format": "etch-model", "version": 1, "name": "one",
     "inputs": [{"name": "x", "shape": \(shape)}], "outputs": ["n"],
     "nodes": [{"name": "n", "op": "\(op)", "inputs": ["x"]\(extra)}]}
    """.utf8)
}

/// The op that `attributes` parse to.
private func parsedOp(_ op: String, _ attributes: String) throws -> Op? {
  try ModelLoader.decode(json: document(op: op, attributes: attributes), file: "one.json")
    .model.nodes.first?.op
}

struct Spelling: Sendable, CustomTestStringConvertible {
  var op: String
  var attributes: String
  var expected: Op
  var testDescription: String { "\(op) \(attributes)" }
}

let spellings: [Spelling] = [
  Spelling(op: "conv1d", attributes: "", expected: .conv1d(Convolution1D())),
  Spelling(
    op: "conv1d", attributes: #""stride": 2, "padding": 3, "dilation": [2], "groups": 4"#,
    expected: .conv1d(Convolution1D(stride: 2, padLeft: 3, padRight: 3, dilation: 2, groups: 4))),
  Spelling(
    op: "conv1d", attributes: #""padding": [1, 2]"#,
    expected: .conv1d(Convolution1D(padLeft: 1, padRight: 2))),
  Spelling(op: "conv2d", attributes: "", expected: .conv2d(Convolution2D())),
  Spelling(
    op: "conv2d", attributes: #""stride": 2, "padding": 1, "dilation": 3"#,
    expected: .conv2d(
      Convolution2D(stride: Pair(2, 2), padding: Padding2D(1, 1, 1, 1), dilation: Pair(3, 3)))),
  Spelling(
    op: "conv2d", attributes: #""stride": [2, 1], "padding": [1, 2]"#,
    expected: .conv2d(Convolution2D(stride: Pair(2, 1), padding: Padding2D(1, 2, 1, 2)))),
  Spelling(
    op: "conv2d", attributes: #""padding": [1, 2, 3, 4], "groups": 2"#,
    expected: .conv2d(Convolution2D(padding: Padding2D(1, 2, 3, 4), groups: 2))),
  Spelling(op: "batchnorm", attributes: "", expected: .batchnorm(eps: 1e-5)),
  Spelling(op: "batchnorm", attributes: #""eps": 0.001"#, expected: .batchnorm(eps: 0.001)),
  Spelling(op: "leaky_relu", attributes: "", expected: .leakyRelu(alpha: 0.01)),
  Spelling(op: "leaky_relu", attributes: #""alpha": 0"#, expected: .leakyRelu(alpha: 0)),
  Spelling(op: "softmax", attributes: "", expected: .softmax(axis: -1)),
  Spelling(op: "softmax", attributes: #""axis": 0"#, expected: .softmax(axis: 0)),
  Spelling(
    op: "maxpool2d", attributes: #""kernel": 2"#,
    expected: .maxpool2d(Pooling2D(kernel: Pair(2, 2), stride: Pair(2, 2)))),
  Spelling(
    op: "avgpool2d", attributes: #""kernel": [3, 2], "stride": 1, "padding": [1, 0]"#,
    expected: .avgpool2d(Pooling2D(kernel: Pair(3, 2), stride: Pair(1, 1), padding: Pair(1, 0)))),
  Spelling(
    op: "upsample2d", attributes: "", expected: .upsample2d(scale: Pair(2, 2), mode: .nearest)),
  Spelling(
    op: "upsample2d", attributes: #""scale": [1, 3], "mode": "nearest""#,
    expected: .upsample2d(scale: Pair(1, 3), mode: .nearest)),
  Spelling(op: "reshape", attributes: #""shape": [16, -1]"#, expected: .reshape(shape: [16, -1])),
  Spelling(op: "concat", attributes: "", expected: .concat(axis: 0)),
  Spelling(
    op: "transpose", attributes: #""perm": [2, 0, -2]"#, expected: .transpose(perm: [2, 0, -2])),
  Spelling(op: "global_avgpool2d", attributes: "", expected: .globalAvgpool2d),
]

@Test(arguments: spellings)
func attributeSpellingsParseToResolvedValues(_ spelling: Spelling) throws {
  #expect(try parsedOp(spelling.op, spelling.attributes) == spelling.expected)
}

struct BadAttribute: Sendable, CustomTestStringConvertible {
  var op: String
  var attributes: String
  var attribute: String
  var testDescription: String { "\(op) \(attributes)" }
}

/// Values of the wrong type or range are refused, never rounded or clamped.
let badAttributes: [BadAttribute] = [
  BadAttribute(op: "conv2d", attributes: #""stride": 2.0"#, attribute: "stride"),
  BadAttribute(op: "conv2d", attributes: #""stride": 0"#, attribute: "stride"),
  BadAttribute(op: "conv2d", attributes: #""stride": true"#, attribute: "stride"),
  BadAttribute(op: "conv2d", attributes: #""padding": [1, 2, 3]"#, attribute: "padding"),
  BadAttribute(op: "conv2d", attributes: #""padding": -1"#, attribute: "padding"),
  BadAttribute(op: "conv2d", attributes: #""groups": [1, 1]"#, attribute: "groups"),
  BadAttribute(op: "conv1d", attributes: #""padding": [1, 2, 3, 4]"#, attribute: "padding"),
  BadAttribute(op: "conv1d", attributes: #""dilation": 99999999999"#, attribute: "dilation"),
  BadAttribute(op: "batchnorm", attributes: #""eps": -1"#, attribute: "eps"),
  BadAttribute(op: "batchnorm", attributes: #""eps": "small""#, attribute: "eps"),
  BadAttribute(op: "leaky_relu", attributes: #""alpha": 1e400"#, attribute: "alpha"),
  BadAttribute(op: "softmax", attributes: #""axis": 0.5"#, attribute: "axis"),
  BadAttribute(op: "maxpool2d", attributes: #""kernel": [2, 2, 2]"#, attribute: "kernel"),
  BadAttribute(op: "upsample2d", attributes: #""mode": "bilinear""#, attribute: "mode"),
  BadAttribute(op: "reshape", attributes: #""shape": [-1, -1]"#, attribute: "shape"),
  BadAttribute(op: "reshape", attributes: #""shape": [0, 4]"#, attribute: "shape"),
  BadAttribute(op: "reshape", attributes: "", attribute: "shape"),
  BadAttribute(op: "transpose", attributes: #""perm": "reverse""#, attribute: "perm"),
]

@Test(arguments: badAttributes)
func badAttributeValuesAreRefused(_ bad: BadAttribute) {
  do {
    _ = try ModelLoader.decode(
      json: document(op: bad.op, attributes: bad.attributes), file: "one.json")
    Issue.record("accepted \(bad.attributes)")
  } catch {
    guard case .invalidAttribute(let file, let node, let op, let attribute, _, _) = error else {
      Issue.record("expected invalidAttribute, got \(error)")
      return
    }
    #expect([file, node, op, attribute] == ["one.json", "n", bad.op, bad.attribute])
    #expect(
      error.description.hasPrefix("one.json: node 'n' (\(bad.op)): attribute '\(bad.attribute)'"))
  }
}

@Test func nodeWithoutAttributesRejectsAnyAttribute() {
  do {
    _ = try ModelLoader.decode(
      json: document(op: "relu", attributes: #""alpha": 0.1"#), file: "one.json")
    Issue.record("accepted an attribute on relu")
  } catch {
    #expect(
      error
        == .unknownAttribute(
          file: "one.json", node: "n", op: "relu", attribute: "alpha", accepted: []))
    #expect(
      error.description
        == "one.json: node 'n' (relu): unknown attribute 'alpha'; relu takes no attributes")
  }
}
