import Foundation
import ModelFormat
import TestSupport
import Testing

/// The worked example of docs/model-format.md, built in code.
private let tinyTagger = Model(
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
  ],
  quant: ["fc1.weight": "ap_fixed<8,2,AP_RND_CONV,AP_SAT>", "fc1": "ap_fixed<16,6>"])

/// The fenced code blocks of the documentation's worked example, in order.
private func workedExampleBlocks() throws -> [String] {
  let url = SharedData.repositoryRoot.appendingPathComponent("docs/model-format.md")
  let text = try String(contentsOf: url, encoding: .utf8)
  guard let start = text.range(of: "## Worked example"),
    let end = text.range(of: "## Exporting from PyTorch")
  else { return [] }
  let section = text[start.upperBound..<end.lowerBound]
  return section.components(separatedBy: "```").enumerated()
    .filter { $0.offset % 2 == 1 }
    .map { block in
      String(block.element.drop { $0 != "\n" }.dropFirst())
    }
}

/// The example in the documentation is exactly what Etch writes and prints for it, so the
/// page cannot drift from the code.
@Test func documentationWorkedExampleIsWhatEtchWrites() throws {
  let blocks = try workedExampleBlocks()
  try #require(blocks.count == 3)
  #expect(blocks[0] == ModelWriter.json(of: tinyTagger, weightsFile: "tiny_tagger.safetensors"))
  let weights = SafeTensors(tensors: tinyTagger.weights).encoded()
  #expect(weights.count == 396)
  #expect(Array(weights.prefix(8)) == [0x28, 0x01, 0, 0, 0, 0, 0, 0])
  let header = String(decoding: weights.dropFirst(8).prefix(296), as: UTF8.self)
  #expect(header == blocks[1].trimmingCharacters(in: .newlines) + String(repeating: " ", count: 7))
  #expect(blocks[2] == tinyTagger.textForm)
  let stats = try ModelStatistics(model: tinyTagger)
  #expect(stats.totalParameters == 23)
  #expect(stats.totalMACs == 18)
  #expect(stats.totalZeroWeights == 4 && stats.totalWeights == 18)
}
