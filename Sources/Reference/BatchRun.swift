import ModelFormat

/// One run of a plan over a batch: the staged inputs, the gathered results, and the chunked
/// work that fills them.
///
/// The batch is cut into chunks of at most `ReferenceEngine.chunkFrames` frames. Worker `w`
/// of `W` runs chunks `w, w + W, ...` in its own arena, reading the staged inputs and writing
/// the results of its chunks' frames only, so workers share the buffers without locks.
/// That disjointness is why the type may be `@unchecked Sendable`.
struct BatchRun: @unchecked Sendable {
  /// The plan being run.
  let plan: ExecutionPlan
  /// Frames in the batch.
  let frames: Int
  /// Frames per chunk (the arena's capacity).
  let capacity: Int
  /// The number of chunks.
  let chunks: Int
  /// The slots whose values are gathered, in order.
  let wanted: [Int]
  /// The inputs' scalars, in graph-input order (input `i` is slot `i`).
  let sources: [UnsafeMutablePointer<Float>]
  /// One `[frames, *shape]` buffer per wanted slot.
  let results: [UnsafeMutablePointer<Float>]

  /// Stages `batches` (one per graph input, `frames` frames each) and allocates the results.
  init(plan: ExecutionPlan, batches: [[Float]], frames: Int, wanted: [Int]) {
    self.plan = plan
    self.frames = frames
    self.wanted = wanted
    capacity = max(1, min(ReferenceEngine.chunkFrames, frames))
    chunks = (frames + capacity - 1) / capacity
    sources = batches.map { batch in
      let source = UnsafeMutablePointer<Float>.allocate(capacity: max(1, batch.count))
      _ = UnsafeMutableBufferPointer(start: source, count: batch.count).initialize(from: batch)
      return source
    }
    results = wanted.map { slot in
      UnsafeMutablePointer<Float>.allocate(capacity: max(1, frames * plan.slots[slot].count))
    }
  }

  /// Runs the chunks of worker `worker` out of `workers`.
  func work(worker: Int, of workers: Int) {
    let arenaCount = plan.arenaCount(capacity: capacity)
    let arena = UnsafeMutablePointer<Float>.allocate(capacity: arenaCount)
    arena.initialize(repeating: 0, count: arenaCount)
    defer { arena.deallocate() }
    for chunk in stride(from: worker, to: chunks, by: workers) {
      let start = chunk * capacity
      let count = min(capacity, frames - start)
      for (slot, source) in sources.enumerated() {
        let size = plan.slots[slot].count
        plan.region(slot, in: arena, capacity: capacity)
          .update(from: source + start * size, count: count * size)
      }
      plan.execute(frames: count, arena: arena, capacity: capacity)
      for (slot, result) in zip(wanted, results) {
        let size = plan.slots[slot].count
        (result + start * size).update(
          from: plan.region(slot, in: arena, capacity: capacity), count: count * size)
      }
    }
  }

  /// The wanted slots as tensors `[frames, *shape]`, once every worker has finished.
  func gather() -> [Tensor] {
    zip(wanted, results).map { slot, result in
      let shape = plan.slots[slot].shape
      let scalars = Array(UnsafeBufferPointer(start: result, count: frames * shape.elementCount))
      return Tensor(shape: [frames] + shape, scalars: scalars)
    }
  }

  /// Frees the staged inputs and the results; the run is unusable afterwards.
  func deallocate() {
    for buffer in sources + results { buffer.deallocate() }
  }
}
