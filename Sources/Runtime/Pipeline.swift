import Foundation

/// Runs a batch of frames on one thread; what each pipeline worker holds.
///
/// `EngineWorker` is the real one; tests plug in deliberately slow workers.
public protocol BatchWorker: AnyObject {
  /// Runs `frames` frames from `input` into `output`.
  func run(frames: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>)
}

extension EngineWorker: BatchWorker {}

/// Streams frames from a source through worker threads into a sink, in frame order.
///
/// The reader (the calling thread) fills preallocated batch buffers and queues them; each
/// of `threads` workers runs batches with its own engine memory; whichever worker finishes
/// the next batch in order writes it (and any that were waiting behind it) to the sink, then
/// returns the buffer. There are `queueDepth + threads` buffers, so steady state allocates
/// nothing. In throughput mode the reader waits for a free buffer (back-pressure: a slow
/// sink slows the reader, nothing is lost). In real-time mode frames arrive on the
/// detector's clock and a batch that finds no free buffer is dropped, counted, and written
/// to the sink as NaN. Latency is measured per frame from its arrival (its scheduled time
/// in real time, its read in throughput mode) to its output.
///
///     let report = try Pipeline(options: options).run(
///       source: &source, sink: &sink, inputCount: 121, outputCount: 2,
///       makeWorker: { engine.makeWorker() })
///     report.isBalanced  // frames in = out + dropped
public struct Pipeline {
  /// The settings.
  public let options: PipelineOptions

  /// A pipeline with `options`.
  public init(options: PipelineOptions) { self.options = options }

  /// Streams every frame of `source`; `progress` (if given) hears how many more frames
  /// were written or dropped, from whichever thread wrote them.
  ///
  /// - Throws: the source's or sink's `RuntimeError`, or `.invalidSetting`.
  public func run<Source: FrameSource, Sink: FrameSink>(
    source: inout Source, sink: inout Sink, inputCount: Int, outputCount: Int,
    makeWorker: () -> any BatchWorker, progress: ((Int) -> Void)? = nil
  ) throws(RuntimeError) -> PipelineReport {
    try options.validate()
    let batch = options.batch
    let buffers = (0..<(options.queueDepth + options.threads)).map { _ in
      BatchBuffer(frames: batch, inputCount: inputCount, outputCount: outputCount)
    }
    let free = BoundedQueue<BatchBuffer>(capacity: buffers.count)
    for buffer in buffers { free.push(buffer) }
    let work = BoundedQueue<BatchBuffer>(capacity: buffers.count)
    let sequencer = Sequencer(
      sink: sink, outputCount: outputCount, deadline: options.effectiveDeadline, free: free,
      expectedFrames: source.frameCount, progress: progress)
    let workers = (0..<options.threads).map { _ in makeWorker() }
    let group = DispatchGroup()
    for worker in workers {
      let box = WorkerBox(worker: worker)
      group.enter()
      Thread.detachNewThread {
        while let buffer = work.pop() {
          box.worker.run(frames: buffer.count, input: buffer.input, output: buffer.output)
          buffer.finished = ContinuousClock.now
          sequencer.complete(buffer)
        }
        group.leave()
      }
    }
    let startCPU = CPUTime.now()
    let start = ContinuousClock.now
    var report = PipelineReport()
    var failure: RuntimeError?
    do throws(RuntimeError) {
      report.framesIn = try feed(
        &source, start: start, free: free, work: work, sequencer: sequencer,
        scratch: BatchBuffer(frames: batch, inputCount: inputCount, outputCount: 0))
    } catch {
      failure = error
    }
    work.close()
    group.wait()
    let end = ContinuousClock.now
    report.seconds = Self.seconds(end - start)
    report.cpuSeconds = CPUTime.now() - startCPU
    var state = sequencer.finish()
    if let failure { throw failure }
    if let error = state.error { throw error }
    try state.sink.finish()
    sink = state.sink
    report.framesOut = state.framesOut
    report.dropped = state.dropped
    report.missedDeadline = state.missed
    report.latency = LatencyStatistics(state.latencies)
    report.deadline = options.effectiveDeadline
    return report
  }

  /// Reads every frame into batches and queues them; returns the frames read.
  private func feed<Source: FrameSource>(
    _ source: inout Source, start: ContinuousClock.Instant, free: BoundedQueue<BatchBuffer>,
    work: BoundedQueue<BatchBuffer>, sequencer: Sequencer<some FrameSink>, scratch: BatchBuffer
  ) throws(RuntimeError) -> Int {
    var frames = 0
    var sequence = 0
    switch options.mode {
    case .throughput:
      while let buffer = free.pop() {
        let count = try source.read(frames: options.batch, into: buffer.input)
        guard count > 0 else {
          free.push(buffer)
          break
        }
        buffer.prepare(sequence: sequence, first: frames, count: count)
        let now = ContinuousClock.now
        for i in 0..<count { buffer.arrivals[i] = now }
        work.push(buffer)
        frames += count
        sequence += 1
      }
    case .realTime(let rate):
      let period = 1 / rate
      while true {
        // The batch is complete when its last frame arrives.
        let last = start + .seconds(Double(frames + options.batch - 1) * period)
        Self.wait(until: last)
        guard let buffer = free.tryPop() else {
          let count = try source.read(frames: options.batch, into: scratch.input)
          guard count > 0 else { break }
          sequencer.drop(sequence: sequence, count: count)
          frames += count
          sequence += 1
          continue
        }
        let count = try source.read(frames: options.batch, into: buffer.input)
        guard count > 0 else {
          free.push(buffer)
          break
        }
        buffer.prepare(sequence: sequence, first: frames, count: count)
        for i in 0..<count {
          buffer.arrivals[i] = start + .seconds(Double(frames + i) * period)
        }
        work.push(buffer)
        frames += count
        sequence += 1
      }
    }
    sequencer.expect(batches: sequence)
    return frames
  }

  /// Sleeps, then spins, until `instant`: sleeping alone overshoots by tens of µs.
  private static func wait(until instant: ContinuousClock.Instant) {
    while true {
      let left = instant - ContinuousClock.now
      if left <= .zero { return }
      if left > .microseconds(300) {
        let micros = seconds(left) * 1e6 - 150
        usleep(UInt32(micros))
      }
    }
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}

/// Hands a worker to its thread; each worker is used by that thread alone.
private struct WorkerBox: @unchecked Sendable {
  let worker: any BatchWorker
}
