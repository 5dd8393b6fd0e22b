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
    let total = frames.first?.shape.first ?? 0
    try Self.check(frames, count: total, for: model)
    return try run(on: model, frameCount: total) { range in
      frames.map { Self.slice($0, range) }
    }
  }

  /// Traces `frameCount` frames that `read` supplies a chunk at a time and returns every
  /// tensor's statistics.
  ///
  /// For calibration sets too large for memory: `read(range)` returns frames `range` (at
  /// most `chunkSize` of them), one batch per graph input, so a memory-mapped `.npy` scan is
  /// read chunk by chunk.
  ///
  ///     let scan = try NpyFile(path: "scan.npy")
  ///     let table = try Calibration().run(on: model, frameCount: scan.itemCount) { range in
  ///       [Tensor(shape: [range.count] + scan.itemShape, scalars: try scan.floats(items: range))]
  ///     }
  ///
  /// - Throws: `CompilerError` when the options are out of range or a chunk does not fit the
  ///   model's inputs, the Reference engine's error when a node cannot run, and whatever
  ///   `read` throws.
  public func run(
    on model: Model, frameCount: Int, reading read: (Range<Int>) throws -> [Tensor]
  ) throws -> CalibrationTable {
    let percentiles = percentiles.sorted()
    try validateOptions(percentiles)
    guard frameCount > 0 else { throw CompilerError.noCalibrationFrames }
    let engine = try ReferenceEngine(model: model)
    let names = model.inputs.map(\.name) + model.nodes.map(\.name)
    var accumulators = names.map { name in
      let shape = engine.shape(of: name) ?? []
      return TensorAccumulator(
        name: name, shape: shape, expectedCount: shape.reduce(1, *) * frameCount,
        percentiles: percentiles)
    }
    for start in stride(from: 0, to: frameCount, by: chunkSize) {
      let range = start..<min(start + chunkSize, frameCount)
      let chunk = try read(range)
      try Self.check(chunk, count: range.count, for: model)
      let inputs = Dictionary(uniqueKeysWithValues: zip(model.inputs.map(\.name), chunk))
      let trace = try engine.trace(inputs).merging(inputs) { node, _ in node }
      let chunkValues = names.map { trace[$0]?.scalars ?? [] }
      accumulators.withUnsafeMutableBufferPointer { slots in
        // Each iteration touches its own accumulator only, so the writes never overlap.
        nonisolated(unsafe) let slots = slots
        DispatchQueue.concurrentPerform(iterations: slots.count) { slots[$0].add(chunkValues[$0]) }
      }
    }
    return CalibrationTable(
      model: model.name, frames: frameCount, percentiles: percentiles,
      tensors: accumulators.map { $0.statistics(percentiles: percentiles) })
  }

  /// Checks that the chunk size and the percentiles are in range.
  private func validateOptions(_ percentiles: [Double]) throws {
    guard chunkSize > 0 else {
      throw CompilerError.invalidCalibrationOption(
        name: "chunkSize", reason: "is \(chunkSize), but must be at least 1")
    }
    if let bad = percentiles.first(where: { !(0...100).contains($0) }) {
      throw CompilerError.invalidCalibrationOption(
        name: "percentiles", reason: "contains \(bad), but each must lie in 0...100")
    }
  }

  /// Checks that `batches` hold `count` frames for each graph input, in input order.
  private static func check(_ batches: [Tensor], count: Int, for model: Model) throws {
    guard batches.count == model.inputs.count else {
      throw CompilerError.calibrationInputCount(
        expected: model.inputs.count, found: batches.count)
    }
    for (input, batch) in zip(model.inputs, batches)
    where batch.shape != [count] + input.shape {
      throw CompilerError.calibrationShape(
        input: input.name, expected: input.shape, found: batch.shape)
    }
  }

  /// Frames `range` of a batch.
  private static func slice(_ batch: Tensor, _ range: Range<Int>) -> Tensor {
    let frame = batch.shape.dropFirst().reduce(1, *)
    return Tensor(
      shape: [range.count] + batch.shape.dropFirst(),
      scalars: Array(batch.scalars[range.lowerBound * frame..<range.upperBound * frame]))
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
