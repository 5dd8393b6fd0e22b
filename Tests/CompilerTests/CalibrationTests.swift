import Compiler
import Foundation
import ModelFormat
import Testing

@Suite struct CalibrationTests {
  /// `x [width] → r = relu(x)`.
  func relu(width: Int) -> Model {
    Model(
      name: "relu", inputs: [.init(name: "x", shape: [width])], outputs: ["r"],
      nodes: [Node(name: "r", op: .relu, inputs: ["x"])], weights: [:])
  }

  /// Deterministic values spread over many binades, with zeros and repeats.
  func values(count: Int, seed: UInt64) -> [Float] {
    var state = seed
    return (0..<count).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let bits = state >> 33
      if bits % 17 == 0 { return 0 }
      if bits % 13 == 0 { return 1.5 }
      let magnitude = Float(bits % 1000 + 1) / 64 * Float(1 << (bits % 9))
      return bits % 2 == 0 ? magnitude : -magnitude
    }
  }

  /// The statistics computed the plain way: sort everything, NumPy's `linear` percentile.
  func oracle(_ name: String, _ xs: [Float], shape: [Int], percentiles: [Double])
    -> TensorStatistics
  {
    let sorted = xs.map(\.magnitude).sorted()
    let n = sorted.count
    let at = percentiles.map { p -> Percentile in
      let position = p / 100 * Double(n - 1)
      let low = Int(position.rounded(.down))
      let high = min(low + 1, n - 1)
      let (a, b, t) = (Double(sorted[low]), Double(sorted[high]), position - Double(low))
      return Percentile(percentile: p, value: t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t)
    }
    var bands: [Int: Int] = [:]
    for x in xs where x != 0 {
      bands[Int(log2(Double(x.magnitude)).rounded(.down)), default: 0] += 1
    }
    let lowest = bands.keys.min() ?? 0
    let counts = (lowest...(bands.keys.max() ?? lowest)).map { bands[$0] ?? 0 }
    return TensorStatistics(
      name: name, shape: shape, count: n, nonFinite: 0, zeros: xs.filter { $0 == 0 }.count,
      min: xs.min() ?? 0, max: xs.max() ?? 0, mean: xs.reduce(0) { $0 + Double($1) } / Double(n),
      maxAbs: sorted.last ?? 0, absPercentiles: at,
      log2Histogram: Log2Histogram(lowestExponent: lowest, counts: bands.isEmpty ? [] : counts))
  }

  @Test func recordsExactlyKnownStatisticsOfAReluLayer() throws {
    let x = Tensor(shape: [2, 5], scalars: [-2, -1, 0, 0.5, 3, 4, -0.25, 1, 0, 2])
    let table = try Calibration(percentiles: [50, 90, 100], chunkSize: 1)
      .run(on: relu(width: 5), frames: [x])
    #expect(table.model == "relu")
    #expect(table.frames == 2)
    #expect(table.tensors.map(\.name) == ["x", "r"])
    let r = try #require(table["r"])
    // r = [0, 0, 0, 0.5, 3, 4, 0, 1, 0, 2]; |r| sorted: 0 0 0 0 0 0.5 1 2 3 4.
    #expect(r.shape == [5])
    #expect((r.count, r.zeros, r.nonFinite) == (10, 5, 0))
    #expect((r.min, r.max, r.maxAbs, r.mean) == (0, 4, 4, 1.05))
    // Ranks 4.5 (between 0 and 0.5) and 0.9 · 9 ≈ 8.1 (between 3 and 4), as NumPy computes.
    let rank90 = 0.9 * 9 - 8
    #expect(r.absPercentiles.map(\.value) == [0.25, 3 + rank90, 4])
    // Bands: 0.5 → -1, 1 → 0, 2 and 3 → 1, 4 → 2.
    #expect(r.log2Histogram == Log2Histogram(lowestExponent: -1, counts: [1, 1, 2, 1]))
    let input = try #require(table["x"])
    #expect((input.min, input.max, input.maxAbs, input.zeros) == (-2, 4, 4, 2))
    // |x| sorted: 0 0 0.25 0.5 1 1 2 2 3 4.
    #expect(input.absPercentiles.map(\.value) == [1, 3 + rank90, 4])
    #expect(input.log2Histogram == Log2Histogram(lowestExponent: -2, counts: [1, 1, 2, 3, 1]))
  }

  /// Chunk sizes from one frame to all of them; percentile sets from "keep every value" to
  /// "keep the top two", which exercises the bounded buffer of largest values.
  @Test(arguments: [1, 7, 256, 5000], [[0, 10, 50, 99.9, 100], [99, 99.9, 99.99, 100], [100]])
  func agreesWithSortingEveryValue(chunkSize: Int, percentiles: [Double]) throws {
    let frames = 700
    let xs = values(count: frames * 6, seed: 42)
    let table = try Calibration(percentiles: percentiles, chunkSize: chunkSize)
      .run(on: relu(width: 6), frames: [Tensor(shape: [frames, 6], scalars: xs)])
    let expectedInput = oracle("x", xs, shape: [6], percentiles: percentiles)
    let expectedRelu = oracle("r", xs.map { max($0, 0) }, shape: [6], percentiles: percentiles)
    for (expected, observed) in zip([expectedInput, expectedRelu], table.tensors) {
      #expect(
        observed.absPercentiles == expected.absPercentiles, "\(expected.name) \(percentiles)")
      #expect(observed.log2Histogram == expected.log2Histogram, "\(expected.name)")
      #expect(abs(observed.mean - expected.mean) <= 1e-12 * abs(expected.mean), "\(expected.name)")
      var same = observed
      same.mean = expected.mean
      #expect(same == expected, "\(expected.name)")
    }
  }

  @Test func readsFramesAChunkAtATime() throws {
    let xs = values(count: 10 * 4, seed: 7)
    let batch = Tensor(shape: [10, 4], scalars: xs)
    let options = Calibration(chunkSize: 4)
    var requested: [Range<Int>] = []
    let streamed = try options.run(on: relu(width: 4), frameCount: 10) { range in
      requested.append(range)
      return [
        Tensor(
          shape: [range.count, 4], scalars: Array(xs[range.lowerBound * 4..<range.upperBound * 4]))
      ]
    }
    #expect(requested == [0..<4, 4..<8, 8..<10])
    #expect(try streamed == options.run(on: relu(width: 4), frames: [batch]))

    #expect {
      try options.run(on: relu(width: 4), frameCount: 10) { range in
        [Tensor(shape: [1, 4], repeating: 0)]
      }
    } throws: { error in
      guard case CompilerError.calibrationShape("x", [4], [1, 4]) = error else { return false }
      return true
    }
  }

  @Test func countsNonFiniteValuesApartFromTheRanges() throws {
    let x = Tensor(shape: [3, 2], scalars: [1, .nan, -.infinity, 2, 0.5, .infinity])
    let table = try Calibration().run(on: relu(width: 2), frames: [x])
    let input = try #require(table["x"])
    #expect((input.count, input.nonFinite, input.min, input.max) == (3, 3, 0.5, 2))
    #expect(input.absPercentile(100) == 2)
  }

  @Test func writesAndReadsTheDocumentedJSON() throws {
    let x = Tensor(shape: [2, 3], scalars: [-1, 0, 2.5, 0.125, 3, -4])
    let table = try Calibration(percentiles: [99, 100]).run(on: relu(width: 3), frames: [x])
    let data = try table.jsonData()
    #expect(try CalibrationTable(jsonData: data) == table)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["format"] as? String == "etch-calibration")
    #expect(object["version"] as? Int == 1)
    #expect(object["percentiles"] as? [Double] == [99, 100])
    let tensors = try #require(object["tensors"] as? [[String: Any]])
    #expect(
      Set(tensors[0].keys)
        == [
          "name", "shape", "count", "nonFinite", "zeros", "min", "max", "mean", "maxAbs",
          "absPercentiles", "log2Histogram",
        ])
    let text = String(decoding: data, as: UTF8.self)
    let foreign = Data(text.replacingOccurrences(of: "etch-calibration", with: "other").utf8)
    #expect(throws: DecodingError.self) { try CalibrationTable(jsonData: foreign) }
  }

  @Test func runsAsAPassThatLeavesTheGraphAlone() throws {
    let x = Tensor(shape: [4, 3], scalars: (0..<12).map { Float($0) - 6 })
    let model = relu(width: 3)
    let run = try PassManager(
      passes: GraphPass.simplify + [.calibrate(frames: [x])], verifyAfterEachPass: true
    ).run(model)
    #expect(run.records.last == PassRecord(name: "calibrate", changed: false))
    #expect(run.model == model)
    #expect(run.context.calibration?["r"]?.max == 5)
  }

  @Test func rejectsFramesThatDoNotFitTheModel() {
    let model = relu(width: 3)
    let cases: [([Tensor], Calibration, String)] = [
      ([Tensor(shape: [2, 4], repeating: 1)], Calibration(), "calibrationShape"),
      ([Tensor(shape: [3], repeating: 1)], Calibration(), "calibrationShape"),
      ([Tensor(shape: [0, 3], repeating: 1)], Calibration(), "noCalibrationFrames"),
      ([], Calibration(), "calibrationInputCount"),
      ([Tensor(shape: [1, 3], repeating: 1)], Calibration(chunkSize: 0), "chunkSize"),
      ([Tensor(shape: [1, 3], repeating: 1)], Calibration(percentiles: [101]), "percentiles"),
    ]
    for (frames, options, expected) in cases {
      #expect(throws: CompilerError.self, "\(expected)") {
        try options.run(on: model, frames: frames)
      }
      do {
        _ = try options.run(on: model, frames: frames)
      } catch let error as CompilerError {
        switch error {
        case .calibrationShape: #expect(expected == "calibrationShape")
        case .noCalibrationFrames: #expect(expected == "noCalibrationFrames")
        case .calibrationInputCount: #expect(expected == "calibrationInputCount")
        case .invalidCalibrationOption(let name, _): #expect(expected == name)
        default: Issue.record("\(expected): unexpected \(error)")
        }
      } catch {
        Issue.record("\(expected): unexpected \(error)")
      }
    }
  }
}
