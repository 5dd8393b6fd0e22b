import Foundation
import ModelFormat
import TestSupport
import Testing

/// Files and checks shared by the end-to-end tests of `etch inspect` and `etch run`.
enum CLIFixtures {
  /// The bundled BraggNN's name under models/.
  static let braggNNName = "braggnn_fc16_8_4_2_sz11"

  /// The published BraggNN in ../shared/real/braggnn.
  static var realBraggNN: URL {
    SharedData.realBraggNN.appendingPathComponent("\(braggNNName).json")
  }

  /// The model document of a golden case.
  static func golden(_ name: String) -> URL {
    SharedData.golden(name).appendingPathComponent("\(name).json")
  }

  /// A two-input, two-output model without weights: `sum = a + b`, `../prod = a * b` (an
  /// output name that is not a safe file name).
  static let pairModel = """
    {"format": "etch-model", "version": 1, "name": "pair",
     "inputs": [{"name": "a", "shape": [3]}, {"name": "b", "shape": [3]}],
     "outputs": ["sum", "../prod"],
     "nodes": [{"name": "sum", "op": "add", "inputs": ["a", "b"]},
               {"name": "../prod", "op": "mul", "inputs": ["a", "b"]}]}
    """

  /// The worked example of docs/model-format.md: 23 parameters, 18 MACs, 4 of 18 weights
  /// zero (fc1 3 of 12, fc2 1 of 6).
  static let tinyTagger = Model(
    name: "tiny_tagger", inputs: [.init(name: "x", shape: [4])], outputs: ["probs"],
    nodes: [
      Node(
        name: "fc1", op: .dense, inputs: ["x"],
        params: ["weight": "fc1.weight", "bias": "fc1.bias"]),
      Node(name: "act1", op: .leakyRelu(alpha: 0.1), inputs: ["fc1"]),
      Node(
        name: "fc2", op: .dense, inputs: ["act1"],
        params: ["weight": "fc2.weight", "bias": "fc2.bias"]),
      Node(name: "probs", op: .softmax(axis: -1), inputs: ["fc2"]),
    ],
    weights: [
      "fc1.weight": Tensor(
        shape: [3, 4], scalars: [0.5, -0.25, 0, 1, 0.125, 0, 0, -1, 2, 0.75, -0.5, 0.25]),
      "fc1.bias": Tensor(shape: [3], scalars: [0, 0.5, -0.5]),
      "fc2.weight": Tensor(shape: [2, 3], scalars: [1, -1, 0.5, -0.5, 0.25, 0]),
      "fc2.bias": Tensor(shape: [2], scalars: [0.1, -0.1]),
    ])

  /// The tiny tagger's output for one input, computed in `Double` from its definition.
  static func tinyTaggerOutput(_ x: [Double]) -> [Double] {
    func dense(_ input: [Double], _ weight: String, _ bias: String) -> [Double] {
      let w = tinyTagger.weights[weight]?.scalars ?? []
      let b = tinyTagger.weights[bias]?.scalars ?? []
      return b.indices.map { row in
        Double(b[row])
          + input.indices.reduce(0) { $0 + Double(w[row * input.count + $1]) * input[$1] }
      }
    }
    let act = dense(x, "fc1.weight", "fc1.bias").map { $0 >= 0 ? $0 : 0.1 * $0 }
    let logits = dense(act, "fc2.weight", "fc2.bias")
    let exps = logits.map { exp($0 - (logits.max() ?? 0)) }
    return exps.map { $0 / exps.reduce(0, +) }
  }

  /// Writes `text` to `name` in `folder` (creating intermediate folders) and returns its URL.
  @discardableResult
  static func write(_ text: String, to name: String, in folder: URL) throws -> URL {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url
  }

  /// The JSON object `etch ... --json` printed.
  static func object(_ output: ProcessOutput) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))
    return try #require(value as? [String: Any], "stdout is one JSON object: \(output.stdout)")
  }

  /// Expects `observed` to equal `expected` element by element within 1e-5 relative, or
  /// 1e-6 absolute near zero; names the case, the index and both values on a mismatch.
  static func expectClose(
    _ observed: [Float], _ expected: [Float], _ name: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(
      observed.count == expected.count, "\(name): element count",
      sourceLocation: sourceLocation)
    var failures = 0
    for (index, (y, r)) in zip(observed, expected).enumerated() {
      let tolerance = max(1e-5 * Double(r.magnitude), 1e-6)
      guard (Double(y) - Double(r)).magnitude > tolerance || y.isNaN != r.isNaN else { continue }
      failures += 1
      if failures <= 5 {
        Issue.record(
          "\(name): element \(index): expected \(r), observed \(y)",
          sourceLocation: sourceLocation)
      }
    }
    #expect(failures == 0, "\(name): \(failures) elements differ", sourceLocation: sourceLocation)
  }
}
