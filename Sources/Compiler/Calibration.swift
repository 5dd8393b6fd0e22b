import Dispatch
import ModelFormat
import Reference

/// The `calibrate` analysis: runs the Reference engine over calibration frames and records
/// the statistics of every tensor (graph inputs and node outputs) in a `CalibrationTable`.
///
/// Fixed-point formats are only as good as the ranges they are chosen from, and the ranges
/// that matter are those of the user's own frames. Frames are traced in chunks of
/// `chunkSize`, so memory stays bounded for thousands of frames: besides one chunk's trace,
/// each tensor keeps a few counters, 277 histogram bands and its largest `|x|` values, as
/// many as the lowest requested percentile needs (the top 1% for the default 99). Tensors
/// are accumulated in parallel, the trace itself runs on all cores.
///
///     let table = try Calibration().run(on: model, frames: [patches])  // patches [N, 1, 11, 11]
///     table["conv1"]?.absPercentile(99.99)
///
/// As a pass (`GraphPass.calibrate(frames:)`) it leaves the graph unchanged, returns `false`
/// and stores the table in `PassContext.calibration`.
public struct Calibration: Sendable {
  /// The percentiles of `|x|` recorded per tensor, each in `0...100`.
  public var percentiles: [Double]
  /// How many frames are traced at once; bounds the memory of the per-node trace.
  public var chunkSize: Int

  /// Creates calibration options; the defaults record the 99th, 99.9th, 99.99th and 100th
  /// percentiles and trace 256 frames at a time.
  public init(percentiles: [Double] = [99, 99.9, 99.99, 100], chunkSize: Int = 256) {
    self.percentiles = percentiles
    self.chunkSize = chunkSize
  }

  /// Traces `frames` (one batch per graph input, in input order, each `[N] + input shape`)
  /// through `model` and returns every tensor's statistics.
  ///
  /// - Throws: `CompilerError` when the options are out of range or the frames do not fit
  ///   the model's inputs, and the Reference engine's error when a node cannot run.
  public func run(on model: Model, frames: [Tensor]) throws -> CalibrationTable {
    let percentiles = percentiles.sorted()
    try validate(model: model, frames: frames, percentiles: percentiles)
    let total = frames[0].shape[0]
    let engine = try ReferenceEngine(model: model)
    let names = model.inputs.map(\.name) + model.nodes.map(\.name)
    var accumulators = names.map { name in
      let shape = engine.shape(of: name) ?? []
      return TensorAccumulator(
        name: name, shape: shape, expectedCount: shape.reduce(1, *) * total,
        percentiles: percentiles)
    }
    var start = 0
    while start < total {
      let end = min(start + chunkSize, total)
      let chunk = frames.map { Self.slice($0, from: start, to: end) }
      let inputs = Dictionary(uniqueKeysWithValues: zip(model.inputs.map(\.name), chunk))
      let trace = try engine.trace(inputs).merging(inputs) { node, _ in node }
      let chunkValues = names.map { trace[$0]?.scalars ?? [] }
      accumulators.withUnsafeMutableBufferPointer { slots in
        // Each iteration touches its own accumulator only, so the writes never overlap.
        nonisolated(unsafe) let slots = slots
        DispatchQueue.concurrentPerform(iterations: slots.count) { slots[$0].add(chunkValues[$0]) }
      }
      start = end
    }
    return CalibrationTable(
      model: model.name, frames: total, percentiles: percentiles,
      tensors: accumulators.map { $0.statistics(percentiles: percentiles) })
  }

  /// Checks the options and that `frames` hold one equally long batch per graph input.
  private func validate(model: Model, frames: [Tensor], percentiles: [Double]) throws {
    guard chunkSize > 0 else {
      throw CompilerError.invalidCalibrationOption(
        name: "chunkSize", reason: "is \(chunkSize), but must be at least 1")
    }
    if let bad = percentiles.first(where: { !(0...100).contains($0) }) {
      throw CompilerError.invalidCalibrationOption(
        name: "percentiles", reason: "contains \(bad), but each must lie in 0...100")
    }
    guard frames.count == model.inputs.count else {
      throw CompilerError.calibrationInputCount(expected: model.inputs.count, found: frames.count)
    }
    let total = frames.first?.shape.first ?? 0
    for (input, batch) in zip(model.inputs, frames) {
      guard batch.shape.count == input.shape.count + 1,
        Array(batch.shape.dropFirst()) == input.shape,
        batch.shape[0] == total
      else {
        throw CompilerError.calibrationShape(
          input: input.name, expected: input.shape, found: batch.shape)
      }
    }
    guard total > 0 else { throw CompilerError.noCalibrationFrames }
  }

  /// Frames `start..<end` of a batch.
  private static func slice(_ batch: Tensor, from start: Int, to end: Int) -> Tensor {
    let frame = batch.shape.dropFirst().reduce(1, *)
    return Tensor(
      shape: [end - start] + batch.shape.dropFirst(),
      scalars: Array(batch.scalars[start * frame..<end * frame]))
  }
}

extension GraphPass {
  /// `calibrate`: records every tensor's statistics over `frames` in
  /// `PassContext.calibration`; never changes the graph (see `Calibration`).
  public static func calibrate(frames: [Tensor], options: Calibration = Calibration())
    -> GraphPass
  {
    GraphPass(
      name: "calibrate", summary: "Records every tensor's range over calibration frames."
    ) { model, context in
      context.calibration = try options.run(on: model, frames: frames)
      return false
    }
  }
}
