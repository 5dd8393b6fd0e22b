import ModelFormat
import Reference
import TestSupport
import Testing

/// The published, trained BraggNN on 10 real HEDM patches and 2,000 synthetic ones.
@Suite struct BraggNNTests {
  @Test func realBraggNNMatchesPyTorchOnAll2010Patches() throws {
    let data = try GoldenData(
      folder: SharedData.realBraggNN, modelName: "braggnn_fc16_8_4_2_sz11")
    #expect(data.input.shape == [2010, 1, 11, 11])
    let outputs = try ReferenceEngine(model: data.model).run(batch: data.input)
    let output = try #require(outputs.first)
    expectClose(output, data.output, "real braggnn peak")
  }

  @Test func oneThreadAndManyThreadsGiveTheSameBits() throws {
    let data = try GoldenData(
      folder: SharedData.realBraggNN, modelName: "braggnn_fc16_8_4_2_sz11")
    let patches = Tensor(shape: [37, 1, 11, 11], scalars: Array(data.input.scalars[..<(37 * 121)]))
    let serial = try ReferenceEngine(model: data.model, threads: 1).run(batch: patches)
    let parallel = try ReferenceEngine(model: data.model, threads: 4).run(batch: patches)
    #expect(serial == parallel)
    // Chunking does not change a frame's result either: frame 36 alone gives the same bits.
    let last = try ReferenceEngine(model: data.model).run(batch: GoldenData.frame(36, of: patches))
    let first = try #require(serial.first)
    #expect(Array(first.scalars[72...]) == last.first?.scalars)
  }
}
