import MatrixProduct
import ModelFormat

/// The fast float32 engine: the model planned once into fused kernels and an arena layout,
/// then run batch after batch without allocating.
///
/// The Reference engine is the oracle and stays simple; this one is for throughput and
/// latency. Planning fuses each dense or convolution layer with a ReLU or leaky ReLU that
/// alone reads it (bias and activation in the product's epilogue), lays weights out for
/// 4-row register tiles, and sizes one arena per worker (`FloatWorkspace`) for a chunk of
/// frames small enough to stay in cache. Results match the Reference engine within 1e-5
/// relative (each sum starts from the bias and adds products in order, as there).
///
///     let engine = try FloatEngine(model: model)
///     let workspace = engine.makeWorkspace()
///     engine.run(frames: 1, input: patch, output: peak, workspace: workspace)
public struct FloatEngine: Sendable {
  /// A tensor's place: elements per frame, and floats per frame before it in the arena.
  struct Slot: Sendable {
    let count: Int
    let offset: Int
  }

  /// One kernel, the slots it reads and the slot it writes.
  struct Step: Sendable {
    let kernel: FloatKernel
    let inputs: [Int]
    let output: Int
  }

  /// The model this engine runs.
  public let model: Model
  /// Input elements per frame.
  public let inputCount: Int
  /// Output elements per frame, over all outputs in order.
  public let outputCount: Int
  /// The per-frame shape of each output.
  public let outputShapes: [[Int]]
  let slots: [Slot]
  let steps: [Step]
  let outputSlots: [Int]
  /// Floats per frame over all slots, and scratch floats per chunk.
  let frameFloats: Int
  let scratchCount: Int
  /// Frames a workspace holds: as many as fit in ``arenaBudget`` floats, at least one.
  public let chunkFrames: Int

  /// Floats of activations a worker keeps per chunk (1 MiB): large batches go through in
  /// chunks that stay in the L2 cache.
  static let arenaBudget = 1 << 18

  /// Plans `model`.
  ///
  /// - Throws: `RuntimeError.invalidModel` when the verifier rejects it, `.inputCount`
  ///   unless it has exactly one input.
  public init(model: Model) throws(RuntimeError) {
    let shapes: [String: [Int]]
    do {
      shapes = try ModelVerifier(file: "\(model.name).json").verify(model)
    } catch {
      throw .invalidModel(error)
    }
    guard model.inputs.count == 1, let input = model.inputs.first else {
      throw .inputCount(model: model.name, inputs: model.inputs.map(\.name))
    }
    let planner = FloatPlanner(model: model, shapes: shapes)
    let planned = try planner.plan()
    self.model = model
    slots = planned.slots
    steps = planned.steps
    outputSlots = planned.outputs
    frameFloats = planned.slots.map(\.count).reduce(0, +)
    scratchCount = planned.steps.map(\.kernel.scratchCount).max() ?? 0
    inputCount = input.shape.reduce(1, *)
    outputShapes = model.outputs.map { shapes[$0] ?? [] }
    outputCount = outputSlots.map { planned.slots[$0].count }.reduce(0, +)
    chunkFrames = max(1, Self.arenaBudget / max(frameFloats, 1))
  }

  /// A workspace for one thread: an arena for ``chunkFrames`` frames and the scratch.
  public func makeWorkspace() -> FloatWorkspace {
    FloatWorkspace(engine: self)
  }

  /// Runs `frames` frames (`frames × inputCount` floats) and writes `frames × outputCount`
  /// floats: per frame, each output's values in turn. Allocates nothing.
  public func run(
    frames: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
    workspace: FloatWorkspace
  ) {
    var done = 0
    while done < frames {
      let count = min(chunkFrames, frames - done)
      workspace.region(0).update(from: input + done * inputCount, count: count * inputCount)
      for (index, step) in steps.enumerated() {
        step.kernel.run(
          workspace.inputs(of: index), workspace.region(step.output), frames: count,
          outputCount: slots[step.output].count, scratch: workspace.scratch)
      }
      if outputSlots.count == 1, let slot = outputSlots.first {
        (output + done * outputCount).update(
          from: workspace.region(slot), count: count * outputCount)
      } else {
        for frame in 0..<count {
          var target = output + (done + frame) * outputCount
          for slot in outputSlots {
            let size = slots[slot].count
            target.update(from: workspace.region(slot) + frame * size, count: size)
            target += size
          }
        }
      }
      done += count
    }
  }
}

/// The memory one thread runs a `FloatEngine` in: the arena (each slot's chunk of frames
/// back to back), the scratch, and every step's input addresses, computed once.
///
/// A class because it owns memory; it belongs to one thread at a time.
public final class FloatWorkspace {
  let arena: UnsafeMutablePointer<Float>
  let scratch: UnsafeMutablePointer<Float>
  private let starts: [UnsafeMutablePointer<Float>]
  private let stepInputs: UnsafeMutablePointer<UnsafePointer<Float>>
  private let stepInputStarts: [Int]

  init(engine: FloatEngine) {
    let capacity = engine.chunkFrames
    // The scratch, and ``TileScalar/tileSlack`` floats after it that a matrix product's last tile may
    // read past the arena's last slot or the scratch.
    let total = engine.frameFloats * capacity + engine.scratchCount + Float.tileSlack
    arena = UnsafeMutablePointer<Float>.allocate(capacity: total)
    arena.initialize(repeating: 0, count: total)
    scratch = arena + engine.frameFloats * capacity
    starts = engine.slots.map { [arena] in arena + $0.offset * capacity }
    let inputTotal = engine.steps.map(\.inputs.count).reduce(0, +)
    stepInputs = .allocate(capacity: max(inputTotal, 1))
    var index = 0
    var stepStarts: [Int] = []
    for step in engine.steps {
      stepStarts.append(index)
      for slot in step.inputs {
        (stepInputs + index).initialize(to: UnsafePointer(starts[slot]))
        index += 1
      }
    }
    stepInputStarts = stepStarts
  }

  deinit {
    arena.deallocate()
    stepInputs.deallocate()
  }

  /// The chunk of slot `slot`.
  @inline(__always)
  func region(_ slot: Int) -> UnsafeMutablePointer<Float> { starts[slot] }

  /// The input addresses of step `step`.
  @inline(__always)
  func inputs(of step: Int) -> UnsafePointer<UnsafePointer<Float>> {
    UnsafePointer(stepInputs + stepInputStarts[step])
  }
}
