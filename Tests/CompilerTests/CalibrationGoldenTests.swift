import Compiler
import ModelFormat
import Testing

/// Calibration of the real BraggNN over all of its 2,010 patches.
@Suite struct CalibrationGoldenTests {
  @Test func calibratesEveryTensorOfBraggNN() throws {
    let model = try SharedModels.model("real/braggnn")
    let patches = try SharedModels.input("real/braggnn")
    let table = try Calibration().run(on: model, frames: [patches])
    #expect(table.frames == 2010)
    #expect(table.tensors.map(\.name) == ["patch"] + model.nodes.map(\.name))

    // The output's range is the range of the Reference engine's outputs, and within
    // tolerance of PyTorch's.
    let outputs = try SharedModels.run(model, patches)[0].scalars
    let peak = try #require(table["peak"])
    #expect(peak.shape == [2])
    #expect((peak.count, peak.nonFinite) == (4020, 0))
    #expect((peak.min, peak.max) == (outputs.min(), outputs.max()))
    #expect(peak.maxAbs == outputs.map(\.magnitude).max())
    let pytorch = try SharedModels.output("real/braggnn").scalars
    #expect(abs(Double(peak.max) - Double(pytorch.max() ?? 0)) < 1e-5)

    // Patches are min-max scaled: every frame holds a 0 and a 1.
    let input = try #require(table["patch"])
    #expect((input.min, input.max, input.count) == (0, 1, 2010 * 121))
    #expect(input.absPercentile(100) == 1)
    #expect(input.log2Histogram.count(exponent: 0) >= 2010)
  }

  @Test func givesTheSameTableForAnyChunkSize() throws {
    let model = try SharedModels.model("real/braggnn")
    let patches = try SharedModels.input("real/braggnn", limit: 300)
    let whole = try Calibration(chunkSize: 300).run(on: model, frames: [patches])
    let chunked = try Calibration(chunkSize: 37).run(on: model, frames: [patches])
    for (a, b) in zip(whole.tensors, chunked.tensors) {
      var b = b
      #expect(abs(a.mean - b.mean) <= 1e-9 * max(1, abs(a.mean)), "\(a.name)")
      b.mean = a.mean
      #expect(a == b, "\(a.name)")
    }
  }
}
