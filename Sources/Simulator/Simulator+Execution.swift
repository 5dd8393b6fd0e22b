import Dispatch
import FixedIR

/// A run's input data, in program input order, batch-major.
enum InputData {
  case floats([[Float]])
  case raws([[Int64]])
}

/// Pointers shared by the threads of one run. Each thread writes only its own frames'
/// rows of the output buffers and its own row of the tallies; reads of the inputs and the
/// plan are shared. That disjointness is why the unchecked `Sendable` is sound.
private struct SharedBuffers: @unchecked Sendable {
  let floats: [UnsafePointer<Float>?]
  let raws: [UnsafePointer<Int64>?]
  let isRaw: Bool
  /// Per recorded tensor (outputs, or every tensor when tracing), `frames × count` raws.
  let records: [UnsafeMutablePointer<Int64>]
  /// `chunks × (inputs + ops)` tallies.
  let tallies: UnsafeMutablePointer<OverflowTally>
}

extension Simulator {
  /// Checks the data, runs the frames on up to `threads` threads, and gathers the result.
  func execute(_ data: InputData, frames: Int, tracing: Bool) throws(SimulatorError)
    -> SimulationResult
  {
    guard frames >= 0 else { throw .invalidFrames(frames: frames) }
    try validate(data, frames: frames)
    let recorded = tracing ? Array(plan.tensors.indices) : plan.outputs
    let unique = Array(Set(recorded)).sorted()
    let records = unique.map {
      UnsafeMutablePointer<Int64>.allocate(capacity: max(frames * plan.slots[$0].count, 1))
    }
    let counters = plan.inputs.count + plan.kernels.count
    let chunks = max(min(threads, frames), 1)
    let tallies = UnsafeMutablePointer<OverflowTally>.allocate(capacity: chunks * counters)
    tallies.initialize(repeating: OverflowTally(), count: chunks * counters)
    defer {
      records.forEach { $0.deallocate() }
      tallies.deallocate()
    }
    withInputPointers(data) { floats, raws in
      let shared = SharedBuffers(
        floats: floats, raws: raws, isRaw: !raws.isEmpty || floats.isEmpty, records: records,
        tallies: tallies)
      let work: @Sendable (Int) -> Void = { chunk in
        self.runFrames(
          (frames * chunk / chunks)..<(frames * (chunk + 1) / chunks), recorded: unique,
          shared: shared, tallies: shared.tallies + chunk * counters)
      }
      if chunks == 1 {
        work(0)
      } else {
        DispatchQueue.concurrentPerform(iterations: chunks, execute: work)
      }
    }
    var total = [OverflowTally](repeating: OverflowTally(), count: counters)
    for chunk in 0..<chunks {
      for i in 0..<counters { total[i] = total[i] + tallies[chunk * counters + i] }
    }
    let tensors = Dictionary(
      uniqueKeysWithValues: zip(unique, records).map { index, buffer in
        let tensor = plan.tensors[index]
        let count = frames * plan.slots[index].count
        return (
          index,
          SimulatedTensor(
            name: tensor.name, shape: tensor.shape, format: tensor.format, frames: frames,
            raw: Array(UnsafeBufferPointer(start: buffer, count: count)))
        )
      })
    return SimulationResult(
      frames: frames, outputs: plan.outputs.compactMap { tensors[$0] },
      overflows: overflowCounts(total),
      trace: tracing ? plan.tensors.indices.compactMap { tensors[$0] } : [])
  }

  /// Runs `frames` in one thread: one arena and one scratch for all of them.
  private func runFrames(
    _ frames: Range<Int>, recorded: [Int], shared: SharedBuffers,
    tallies: UnsafeMutablePointer<OverflowTally>
  ) {
    let arena = UnsafeMutablePointer<Int64>.allocate(capacity: max(plan.arenaCount, 1))
    let scratch = UnsafeMutableRawPointer.allocate(
      byteCount: max(plan.scratchBytes, 64), alignment: 64)
    defer {
      arena.deallocate()
      scratch.deallocate()
    }
    arena.initialize(repeating: 0, count: max(plan.arenaCount, 1))
    let memory = FrameMemory(arena: arena, scratch: scratch)
    let inputCount = plan.inputs.count
    for frame in frames {
      for (i, input) in plan.inputs.enumerated() {
        let count = input.slot.count
        if shared.isRaw {
          guard let base = shared.raws[i] else { continue }
          memory[input.slot].update(from: base + frame * count, count: count)
        } else {
          guard let base = shared.floats[i] else { continue }
          input.convert(base + frame * count, into: memory[input.slot], &tallies[i].results)
        }
      }
      for (i, kernel) in plan.kernels.enumerated() {
        kernel.run(memory, &tallies[inputCount + i])
      }
      for (record, tensor) in recorded.enumerated() {
        let slot = plan.slots[tensor]
        (shared.records[record] + frame * slot.count).update(from: memory[slot], count: slot.count)
      }
    }
  }

  /// Checks counts and lengths (and raw ranges) before any thread starts.
  private func validate(_ data: InputData, frames: Int) throws(SimulatorError) {
    let arrays: Int
    switch data {
    case .floats(let a): arrays = a.count
    case .raws(let a): arrays = a.count
    }
    guard arrays == plan.inputs.count else {
      throw .inputCount(expected: plan.inputs.count, found: arrays)
    }
    for (i, input) in plan.inputs.enumerated() {
      let found: Int
      switch data {
      case .floats(let a): found = a[i].count
      case .raws(let a):
        found = a[i].count
        if let bad = a[i].firstIndex(where: { !input.format.contains(raw: $0) }) {
          throw .rawOutOfRange(input: input.name, index: bad, raw: a[i][bad], format: input.format)
        }
      }
      guard found == frames * input.slot.count else {
        throw .inputLength(
          input: input.name, frames: frames, perFrame: input.slot.count, found: found)
      }
    }
  }

  /// Calls `body` with the base addresses of the input arrays (nil for empty arrays, which
  /// only zero frames have).
  private func withInputPointers(
    _ data: InputData,
    _ body: ([UnsafePointer<Float>?], [UnsafePointer<Int64>?]) -> Void
  ) {
    switch data {
    case .floats(let arrays): Self.withPointers(arrays, from: 0, []) { body($0, []) }
    case .raws(let arrays): Self.withPointers(arrays, from: 0, []) { body([], $0) }
    }
  }

  /// Nests `withUnsafeBufferPointer` over `arrays[index...]`, collecting the addresses.
  private static func withPointers<T>(
    _ arrays: [[T]], from index: Int, _ collected: [UnsafePointer<T>?],
    _ body: ([UnsafePointer<T>?]) -> Void
  ) {
    guard index < arrays.count else { return body(collected) }
    arrays[index].withUnsafeBufferPointer { buffer in
      withPointers(arrays, from: index + 1, collected + [buffer.baseAddress], body)
    }
  }

  /// The per-input and per-op counts of a run.
  private func overflowCounts(_ total: [OverflowTally]) -> [OverflowCount] {
    var counts: [OverflowCount] = []
    for (i, input) in plan.inputs.enumerated() {
      counts.append(
        OverflowCount(
          name: input.name, kind: "input", results: total[i].results, accumulatorSteps: 0))
    }
    for (i, op) in program.ops.enumerated() {
      let tally = total[plan.inputs.count + i]
      counts.append(
        OverflowCount(
          name: op.name, kind: plan.kinds[i], results: tally.results,
          accumulatorSteps: plan.countsAccumulatorSteps[i] ? tally.accumulatorSteps : nil))
    }
    return counts
  }
}
