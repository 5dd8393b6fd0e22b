import FixedPoint

/// Runs frames one batch at a time on the calling thread, in memory allocated once.
///
/// `Simulator.run` allocates its arena, records and result arrays per call, which is right
/// for a batch and costs more than the jet MLP itself for one frame. A streaming runtime
/// keeps one runner per worker thread and calls it for every batch, so steady-state
/// inference allocates nothing. The raws are exactly `Simulator.run`'s: the same plan, the
/// same kernels, frame by frame; outputs come back as `Float` (`SimulatedTensor.floats`).
/// A runner holds mutable memory, so it belongs to one thread at a time.
///
///     let runner = simulator.makeFrameRunner()
///     runner.run(frames: 1, input: pixels, output: peaks)  // peaks: 2 floats
public final class FrameRunner {
  private let plan: ExecutionPlan
  private let arena: UnsafeMutablePointer<Int64>
  private let scratch: UnsafeMutableRawPointer
  private var tallies: [OverflowTally]
  /// Output elements per frame, over all of the program's outputs in order.
  public let outputCount: Int
  /// Input elements per frame (the program's single input).
  public let inputCount: Int

  init(plan: ExecutionPlan) {
    self.plan = plan
    let arenaCount = max(plan.arenaCount, 1)
    arena = UnsafeMutablePointer<Int64>.allocate(capacity: arenaCount)
    arena.initialize(repeating: 0, count: arenaCount)
    scratch = UnsafeMutableRawPointer.allocate(
      byteCount: max(plan.scratchBytes, 64), alignment: 64)
    tallies = [OverflowTally](
      repeating: OverflowTally(), count: plan.inputs.count + plan.kernels.count)
    outputCount = plan.outputs.map { plan.slots[$0].count }.reduce(0, +)
    inputCount = plan.inputs.first?.slot.count ?? 0
  }

  deinit {
    arena.deallocate()
    scratch.deallocate()
  }

  /// Runs `frames` frames of the program's single input, `frames × inputCount` floats
  /// converted as `Simulator.run` converts them, and writes `frames × outputCount` floats:
  /// per frame, each output's values in turn.
  public func run(frames: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    guard let conversion = plan.inputs.first else { return }
    let memory = FrameMemory(arena: arena, scratch: scratch)
    var target = output
    tallies.withUnsafeMutableBufferPointer { tallies in
      for frame in 0..<frames {
        conversion.convert(
          input + frame * inputCount, into: memory[conversion.slot], &tallies[0].results)
        for (i, kernel) in plan.kernels.enumerated() {
          kernel.run(memory, &tallies[1 + i])
        }
        for tensor in plan.outputs {
          let slot = plan.slots[tensor]
          let format = plan.tensors[tensor].format
          let raws = memory[slot]
          for i in 0..<slot.count { target[i] = format.toFloat(raws[i]) }
          target += slot.count
        }
      }
    }
  }
}

extension Simulator {
  /// A runner for this simulator's program, for one thread; see ``FrameRunner``.
  ///
  /// The runner feeds the program's first input; callers check that there is only one.
  public func makeFrameRunner() -> FrameRunner { FrameRunner(plan: plan) }
}
