import Foundation
import ModelFormat
import Reference
import Runtime
import TestSupport
import Testing

/// The fast float engine against the Reference engine (the float oracle) on every golden
/// model and on the published BraggNN, at batch 1 and in larger batches, within the
/// Reference's own tolerance of PyTorch: 1e-5 relative, 1e-6 absolute.
@Suite struct FloatEngineTests {
  static let cases = SharedData.goldenCases

  @Test(arguments: cases)
  func goldenModelMatchesReference(name: String) throws {
    let folder = SharedData.golden(name)
    let model = try ModelLoader.load(contentsOf: folder.appendingPathComponent("\(name).json"))
    let input = try NpyFile(path: folder.appendingPathComponent("input.npy").path)
    try compare(model, frames: input.floats(), count: input.itemCount, label: name)
  }

  @Test func braggNNMatchesReferenceOnRealPatches() throws {
    let folder = SharedData.realBraggNN
    let model = try ModelLoader.load(
      contentsOf: folder.appendingPathComponent("braggnn_fc16_8_4_2_sz11.json"))
    let input = try NpyFile(path: folder.appendingPathComponent("input.npy").path)
    let count = min(input.itemCount, 12)
    try compare(
      model, frames: input.floats(items: 0..<count), count: count, label: "braggnn real")
  }

  /// The paths the golden models leave out: convolutions read in place with a kernel wider
  /// than tall, asymmetric padding that drops rows and columns, and an odd width; pooling
  /// windows without padding whose stride differs from the kernel, and 2-wide windows two
  /// apart (read as even and odd lanes), on rows that end in a partial group of eight; softmax over a contiguous axis whose length is not a multiple
  /// of eight. NaN and infinities in the input must come out where the Reference puts them.
  @Test func inPlaceConvolutionPoolingAndSoftmaxMatchReference() throws {
    func ramp(_ count: Int, _ step: Float) -> [Float] {
      (0..<count).map { Float(($0 * 37) % 23 - 11) * step }
    }
    let model = Model(
      name: "paths", inputs: [.init(name: "x", shape: [2, 9, 21])], outputs: ["prob", "avg"],
      nodes: [
        Node(
          name: "wide",
          op: .conv2d(Convolution2D(padding: Padding2D(1, 2, 0, 1), dilation: Pair(1, 2))),
          inputs: ["x"], params: ["weight": "w1", "bias": "b1"]),
        Node(
          name: "max", op: .maxpool2d(Pooling2D(kernel: Pair(3, 3), stride: Pair(2, 2))),
          inputs: ["wide"]),
        Node(
          name: "avg", op: .avgpool2d(Pooling2D(kernel: Pair(2, 2), stride: Pair(1, 2))),
          inputs: ["x"]),
        Node(name: "flat", op: .flatten, inputs: ["max"]),
        Node(name: "prob", op: .softmax(axis: -1), inputs: ["flat"]),
      ],
      weights: [
        "w1": Tensor(shape: [3, 2, 2, 3], scalars: ramp(36, 0.05)),
        "b1": Tensor(shape: [3], scalars: [0.1, -0.2, 0.3]),
      ])
    let count = 5
    var frames = (0..<(count * 2 * 9 * 21)).map { Float(($0 * 53) % 41 - 20) * 0.17 }
    frames[7] = .nan
    frames[400] = .infinity
    frames[2 * 9 * 21 + 30] = -.infinity
    try compare(model, frames: frames, count: count, label: "paths")
  }

  /// Runs the frames one at a time and all at once; both must match the Reference.
  private func compare(_ model: Model, frames: [Float], count: Int, label: String) throws {
    let reference = try ReferenceEngine(model: model, threads: 1)
    let shape = model.inputs[0].shape
    let expected = try reference.run(batch: Tensor(shape: [count] + shape, scalars: frames))
      .reduce(into: [[Float]](repeating: [], count: count)) { rows, tensor in
        let size = tensor.scalars.count / max(count, 1)
        for frame in 0..<count {
          rows[frame] += tensor.scalars[frame * size..<(frame + 1) * size]
        }
      }.flatMap { $0 }
    let engine = try FloatEngine(model: model)
    let workspace = engine.makeWorkspace()
    var single = [Float](repeating: .nan, count: count * engine.outputCount)
    var batched: [Float] = []
    for frame in 0..<count {
      let one = try engine.run(
        Array(frames[frame * engine.inputCount..<(frame + 1) * engine.inputCount]),
        frames: 1, workspace: workspace)
      single.replaceSubrange(
        frame * engine.outputCount..<(frame + 1) * engine.outputCount, with: one)
    }
    batched = try engine.run(frames, frames: count, workspace: workspace)
    #expect(expected.count == single.count, "\(label): output sizes")
    for (mode, observed) in [("batch 1", single), ("batch \(count)", batched)] {
      let bad = zip(observed, expected).enumerated().first { _, pair in
        !(abs(pair.0 - pair.1) <= 1e-6 + 1e-5 * abs(pair.1) || pair.0 == pair.1
          || (pair.0.isNaN && pair.1.isNaN))
      }
      let where_ = "\(label) \(mode): element \(bad?.offset ?? 0)"
      #expect(
        bad == nil,
        "\(where_) is \(bad?.element.0 ?? 0), the Reference gives \(bad?.element.1 ?? 0)")
    }
  }
}

extension FloatEngine {
  /// Runs `frames` frames held in an array and returns their outputs.
  func run(_ input: [Float], frames: Int, workspace: FloatWorkspace) throws -> [Float] {
    var output = [Float](repeating: .nan, count: frames * outputCount)
    try input.withUnsafeBufferPointer { input in
      try output.withUnsafeMutableBufferPointer { output in
        let source = try #require(input.baseAddress)
        let target = try #require(output.baseAddress)
        run(frames: frames, input: source, output: target, workspace: workspace)
      }
    }
    return output
  }
}
