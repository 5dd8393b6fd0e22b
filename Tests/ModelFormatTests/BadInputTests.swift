import Foundation
import ModelFormat
import Testing

/// Every malformed model of the corpus, graph and weights.
let badInputs: [BadInput] = GraphBadInputs.cases + WeightBadInputs.cases

/// Writes the base model with `bad`'s mutation to a fresh folder; returns the two paths.
func writeBadInput(_ bad: BadInput, in folder: URL) throws -> (json: URL, weights: URL) {
  let json = folder.appendingPathComponent("base.json")
  let weights = folder.appendingPathComponent("base.safetensors")
  var tensors = BaseModel.tensors
  bad.tensors(&tensors)
  var bytes = SafeTensors(tensors: tensors).encoded()
  if let damage = bad.bytes { bytes = damage(bytes) }
  try bytes.write(to: weights)
  try Data(bad.json(BaseModel.json).utf8).write(to: json)
  return (json, weights)
}

/// Equal errors; NaN payloads compare by their printed form, since NaN != NaN.
func sameError(_ a: ModelError, _ b: ModelError) -> Bool {
  a == b || String(reflecting: a) == String(reflecting: b)
}

@Test func corpusHasAtLeast25DistinctCases() {
  #expect(badInputs.count >= 25)
  #expect(Set(badInputs.map(\.name)).count == badInputs.count)
}

@Test func baseModelOfTheCorpusIsValid() throws {
  let folder = try ModelFixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let (json, _) = try writeBadInput(
    BadInput(name: "none", expected: { j, _ in .emptyGraph(file: j) }, mentions: []), in: folder)
  let model = try ModelLoader.load(contentsOf: json)
  #expect(try ShapeInference.shapes(of: model)["fc2"] == [3])
}

@Test(arguments: badInputs)
func badInputRaisesItsSpecificError(_ bad: BadInput) throws {
  let folder = try ModelFixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let (json, weights) = try writeBadInput(bad, in: folder)
  let expected = bad.expected(json.path, weights.path)
  do {
    _ = try ModelLoader.load(contentsOf: json)
    Issue.record("\(bad.name): loaded without error; expected \(expected)")
  } catch {
    #expect(sameError(error, expected), "\(bad.name)\n   got: \(error)\nwanted: \(expected)")
    let message = error.description
    #expect(message.hasPrefix(expected.file + ": "), "\(bad.name): \(message)")
    #expect(message == error.errorDescription)
    #expect(!message.contains("\n"), "\(bad.name): one line")
    for fragment in bad.mentions {
      #expect(message.contains(fragment), "\(bad.name): '\(fragment)' not in: \(message)")
    }
  }
}
