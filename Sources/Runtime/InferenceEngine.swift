import FixedIR
import Simulator

/// The engine a stream runs: the fast float32 engine, or the bit-accurate Simulator.
///
/// Both take frames of the model's single input as float32 and give float32 outputs, so
/// the pipeline, its statistics and its sink do not care which one computes.
public enum InferenceEngine: Sendable {
  /// Float32 inference.
  case float(FloatEngine)
  /// Fixed point, the FPGA's values (the Simulator's raws, as floats).
  case fixed(Simulator)

  /// Input elements per frame.
  public var inputCount: Int {
    switch self {
    case .float(let engine): engine.inputCount
    case .fixed(let simulator): simulator.program.inputs.first?.count ?? 0
    }
  }

  /// Output elements per frame, over all outputs in order.
  public var outputCount: Int {
    switch self {
    case .float(let engine): engine.outputCount
    case .fixed(let simulator):
      simulator.program.outputs.compactMap { name in
        simulator.program.tensor(named: name)?.count
      }.reduce(0, +)
    }
  }

  /// The per-frame shape of each output, in order.
  public var outputShapes: [[Int]] {
    switch self {
    case .float(let engine): engine.outputShapes
    case .fixed(let simulator):
      simulator.program.outputs.compactMap { simulator.program.tensor(named: $0)?.shape }
    }
  }

  /// What one thread needs to run batches; allocated once per worker.
  public func makeWorker() -> EngineWorker {
    switch self {
    case .float(let engine): EngineWorker(kind: .float(engine, engine.makeWorkspace()))
    case .fixed(let simulator): EngineWorker(kind: .fixed(simulator.makeFrameRunner()))
    }
  }
}

/// One thread's engine state: the float engine's workspace or the Simulator's frame runner.
///
/// A class because it owns that memory; it belongs to one thread at a time.
public final class EngineWorker {
  enum Kind {
    case float(FloatEngine, FloatWorkspace)
    case fixed(FrameRunner)
  }

  let kind: Kind

  init(kind: Kind) { self.kind = kind }

  /// Runs `frames` frames from `input` into `output` (see `InferenceEngine`'s counts).
  public func run(frames: Int, input: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>) {
    switch kind {
    case .float(let engine, let workspace):
      engine.run(frames: frames, input: input, output: output, workspace: workspace)
    case .fixed(let runner): runner.run(frames: frames, input: input, output: output)
    }
  }
}
