import Compiler
import Foundation
import ModelFormat
import Runtime
import Simulator
import TestSupport
import Testing

/// The streaming pipeline: no frame lost under back-pressure, outputs in frame order and
/// equal to the engine's, real-time drops counted exactly, the fixed engine bit-identical
/// to the Simulator through the same path.
@Suite struct PipelineTests {
  static func jetTagger() throws -> Model {
    try ModelLoader.load(
      contentsOf: SharedData.golden("jet_tagger").appendingPathComponent("jet_tagger.json"))
  }

  @Test func throughputModeLosesNoFrameUnderSlowSinkAndKeepsOrder() throws {
    let engine = try FloatEngine(model: Self.jetTagger())
    var source = RandomFrameSource(frames: 200, frameElements: engine.inputCount, seed: 7)
    var sink = CollectingSink(outputCount: engine.outputCount, delay: 0.002)
    var options = PipelineOptions()
    options.threads = 3
    options.batch = 3
    options.queueDepth = 1
    let report = try Pipeline(options: options).run(
      source: &source, sink: &sink, inputCount: engine.inputCount,
      outputCount: engine.outputCount, makeWorker: { InferenceEngine.float(engine).makeWorker() })
    #expect(report.framesIn == 200)
    #expect(report.framesOut == 200)
    #expect(report.dropped == 0)
    #expect(report.latency.count == 200)
    var again = RandomFrameSource(frames: 200, frameElements: engine.inputCount, seed: 7)
    let frames = try again.readAll(frameElements: engine.inputCount)
    let expected = try engine.run(frames, frames: 200, workspace: engine.makeWorkspace())
    #expect(sink.values.map(\.bitPattern) == expected.map(\.bitPattern))
    #expect(sink.finished)
  }

  @Test func realTimeModeCountsEveryDropWhenWorkersCannotKeepUp() throws {
    let gate = DispatchSemaphore(value: 0)
    var source = GatedSource(
      inner: RandomFrameSource(frames: 50, frameElements: 4, seed: 1), gate: gate)
    var sink = CollectingSink(outputCount: 1, delay: 0)
    var options = PipelineOptions()
    options.mode = .realTime(rateHz: 20_000)
    options.queueDepth = 1
    let report = try Pipeline(options: options).run(
      source: &source, sink: &sink, inputCount: 4, outputCount: 1,
      makeWorker: { GatedWorker(gate: gate) })
    // Two buffers (queue depth 1 + 1 worker); the worker is held until all 50 frames have
    // arrived, so frames 0 and 1 get a buffer and the other 48 find none.
    #expect(report.framesIn == 50)
    #expect(report.framesOut == 2)
    #expect(report.dropped == 48)
    #expect(report.isBalanced)
    // Both ran ≥ 2.4 ms after arriving (49 periods of 50 µs), far past the 50 µs deadline.
    #expect(report.missedDeadline == 2)
    #expect(sink.values.count == 50)
    #expect(sink.values[2...].allSatisfy { $0.isNaN })
    var again = RandomFrameSource(frames: 2, frameElements: 4, seed: 1)
    let first = try again.readAll(frameElements: 4)
    #expect(Array(sink.values[0..<2]) == [first[0], first[4]])
  }

  @Test func fixedEngineThroughPipelineIsBitIdenticalToSimulator() throws {
    let model = try Self.jetTagger()
    var options = CompileOptions()
    options.precision = try Precision(parsing: "ap_fixed<16,6>")
    let program = try FixedCompiler.compile(model: model, options: options).program
    let simulator = try Simulator(program: program, accumulation: .fastest)
    let engine = InferenceEngine.fixed(simulator)
    var source = RandomFrameSource(frames: 101, frameElements: engine.inputCount, seed: 3)
    var sink = CollectingSink(outputCount: engine.outputCount, delay: 0)
    var pipeline = PipelineOptions()
    pipeline.threads = 2
    pipeline.batch = 4
    _ = try Pipeline(options: pipeline).run(
      source: &source, sink: &sink, inputCount: engine.inputCount,
      outputCount: engine.outputCount, makeWorker: { engine.makeWorker() })
    var again = RandomFrameSource(frames: 101, frameElements: engine.inputCount, seed: 3)
    let frames = try again.readAll(frameElements: engine.inputCount)
    let expected = try simulator.run([frames], frames: 101).floatOutputs.flatMap { $0 }
    #expect(sink.values.map(\.bitPattern) == expected.map(\.bitPattern))
  }

  @Test func scanShapedNpyStreamsToOutputsShapedLikeTheScan() throws {
    try TemporaryDirectory.with { folder in
      let scan = folder.appendingPathComponent("scan.npy").path
      let values = (0..<(2 * 3 * 16)).map { Float($0 % 7) - 3 }
      try NpyWriter.write(values, shape: [2, 3, 16], to: scan)
      let engine = try FloatEngine(model: Self.jetTagger())
      var source = try NpyFrameSource(path: scan, inputShape: [16])
      #expect(source.frameCount == 6)
      #expect(source.leadingShape == [2, 3])
      let out = folder.appendingPathComponent("out.npy").path
      var sink = try NpyFrameSink(path: out, leadingShape: [2, 3], outputShape: [5])
      var options = PipelineOptions()
      options.threads = 2
      options.batch = 4
      let report = try Pipeline(options: options).run(
        source: &source, sink: &sink, inputCount: 16, outputCount: 5,
        makeWorker: { InferenceEngine.float(engine).makeWorker() })
      #expect(report.framesOut == 6)
      let written = try NpyFile(path: out)
      #expect(written.shape == [2, 3, 5])
      let expected = try engine.run(values, frames: 6, workspace: engine.makeWorkspace())
      #expect(try written.floats() == expected)
    }
  }

  @Test func npySourceRefusesFramesOfAnotherShape() throws {
    try TemporaryDirectory.with { folder in
      let path = folder.appendingPathComponent("bad.npy").path
      try NpyWriter.write([Float](repeating: 0, count: 30), shape: [2, 15], to: path)
      #expect(throws: RuntimeError.frameShape(path: path, shape: [2, 15], expected: [16])) {
        _ = try NpyFrameSource(path: path, inputShape: [16])
      }
    }
  }

  @Test func rawSourceReadsWholeFramesAndRefusesAPartialOne() throws {
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    let frames: [Float] = [1, 2, 3, 4, 5, 6, 7]  // two frames of 3 and one stray float
    _ = frames.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
    close(fds[1])
    defer { close(fds[0]) }
    var source = RawFrameSource(frameElements: 3, descriptor: fds[0])
    var buffer = [Float](repeating: 0, count: 6)
    let count = try buffer.withUnsafeMutableBufferPointer { buffer in
      try source.read(frames: 2, into: try #require(buffer.baseAddress))
    }
    #expect(count == 2)
    #expect(buffer == [1, 2, 3, 4, 5, 6])
    #expect(throws: RuntimeError.partialFrame(bytes: 4, frameBytes: 12)) {
      try buffer.withUnsafeMutableBufferPointer { buffer in
        _ = try source.read(frames: 2, into: try #require(buffer.baseAddress))
      }
    }
  }

  @Test func latencyPercentilesUseNearestRank() {
    let small = LatencyStatistics([4, 1, 3, 2])
    #expect(small.p50 == 2)
    #expect(small.p99 == 4)
    #expect(small.max == 4)
    #expect(small.mean == 2.5)
    let thousand = LatencyStatistics((1...1000).map(Double.init).reversed())
    #expect(thousand.p50 == 500)
    #expect(thousand.p99 == 990)
    #expect(thousand.p999 == 999)
    #expect(thousand.max == 1000)
  }
}

/// Keeps every output row; sleeps `delay` seconds per write to be a slow disk.
struct CollectingSink: FrameSink {
  var outputCount: Int
  var delay: Double
  var values: [Float] = []
  var finished = false

  mutating func write(frames: Int, outputs: UnsafePointer<Float>) throws(RuntimeError) {
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    values += UnsafeBufferPointer(start: outputs, count: frames * outputCount)
  }

  mutating func skip(frames: Int) throws(RuntimeError) {
    values += [Float](repeating: .nan, count: frames * outputCount)
  }

  mutating func finish() throws(RuntimeError) { finished = true }
}

/// A source that opens `gate` once it has given its last frame.
struct GatedSource: FrameSource {
  var inner: RandomFrameSource
  let gate: DispatchSemaphore
  var frameCount: Int? { inner.frameCount }
  var leadingShape: [Int]? { inner.leadingShape }

  mutating func read(frames: Int, into buffer: UnsafeMutablePointer<Float>) throws(RuntimeError)
    -> Int
  {
    let count = try inner.read(frames: frames, into: buffer)
    if count == 0 { gate.signal() }
    return count
  }
}

/// A worker that waits for `gate` before its first batch, then outputs each frame's first
/// value.
final class GatedWorker: BatchWorker {
  let gate: DispatchSemaphore
  var opened = false

  init(gate: DispatchSemaphore) { self.gate = gate }

  func run(frames: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    if !opened {
      gate.wait()
      opened = true
    }
    for frame in 0..<frames { output[frame] = input[frame * 4] }
  }
}

extension RandomFrameSource {
  /// Every remaining frame, concatenated.
  mutating func readAll(frameElements: Int) throws -> [Float] {
    var buffer = [Float](repeating: 0, count: (frameCount ?? 0) * frameElements)
    try buffer.withUnsafeMutableBufferPointer { buffer in
      _ = try read(frames: frameCount ?? 0, into: try #require(buffer.baseAddress))
    }
    return buffer
  }
}
