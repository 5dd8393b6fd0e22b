import Dispatch
import Foundation
import ModelFormat

/// The float32 interpreter of a model: Etch's float oracle.
///
/// Every later stage is judged against it: the compiler's folds, the fixed-point Simulator
/// (`etch validate` compares fixed against float node by node), and the user's trust that
/// the model loaded is the model trained. It follows PyTorch's functional semantics and
/// matches PyTorch's float32 CPU results within 1e-5 relative (see `../shared/golden`).
///
/// Creating an engine plans the model once: it is verified with `ModelVerifier` (so a model
/// built in code gets the checks of a loaded one), every tensor's shape comes from shape
/// inference, nodes run in list order, and every parameter is fetched and laid out for its
/// kernel, so a run cannot fail halfway. Runs take a batch of frames (a leading batch
/// dimension) and split it into chunks of 16 frames that run in parallel on up to `threads`
/// cores; a frame's result does not depend on the batch it came in or on `threads`.
/// Products accumulate in Float, in order over each dot product, as PyTorch's CPU kernels do.
///
///     let engine = try ReferenceEngine(model: model)
///     let outputs = try engine.run(batch: patches)  // [2010, 1, 11, 11] → [[2010, 2]]
///     let layers = try engine.trace(batch: patches)  // every node's output, by name
public struct ReferenceEngine: Sendable {
  /// The model this engine runs.
  public let model: Model
  /// How many cores a run may use; 1 runs on the calling thread only.
  public var threads: Int
  /// The resolved graph.
  let plan: ExecutionPlan

  /// Frames processed together by one worker: enough to batch the dense layers and to give
  /// every worker several chunks; 4 and 64 measured no faster on BraggNN.
  static let chunkFrames = 16

  /// Plans `model` for execution.
  ///
  /// - Parameters:
  ///   - model: The model; nodes must be in topological order, as the format requires.
  ///   - threads: The most cores a run may use; defaults to every active core.
  /// - Throws: `ReferenceError.invalidModel` with the verifier's `ModelError`, naming the
  ///   node and field that do not fit.
  public init(
    model: Model, threads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) throws(ReferenceError) {
    self.model = model
    self.threads = max(1, threads)
    plan = try ExecutionPlan(model: model)
  }

  /// The per-frame shape (no batch dimension) of a graph input or node output.
  ///
  ///     engine.shape(of: "conv1")  // [64, 9, 9]
  public func shape(of tensor: String) -> [Int]? {
    plan.slots.first { $0.name == tensor }?.shape
  }

  /// The per-frame shapes of the model's outputs, in order.
  public var outputShapes: [[Int]] {
    plan.outputSlots.map { plan.slots[$0].shape }
  }

  /// Runs a single-input model on a batch `[N, *input shape]`.
  ///
  /// - Returns: The model's outputs in order, each `[N, *output shape]`.
  /// - Throws: `ReferenceError.ambiguousInput` for a model with several inputs, or
  ///   `.inputShapeMismatch` when `batch` is not `[N, *input shape]`.
  public func run(batch: Tensor) throws(ReferenceError) -> [Tensor] {
    try run([singleInputName(): batch])
  }

  /// Runs the model on one batch per graph input, by input name.
  ///
  ///     let outputs = try engine.run(["x": jets])  // jets: [8, 16]
  ///
  /// - Returns: The model's outputs in order, each `[N, *output shape]`.
  public func run(_ inputs: [String: Tensor]) throws(ReferenceError) -> [Tensor] {
    try execute(inputs, collecting: plan.outputSlots)
  }

  /// Runs a single-input model on a batch and returns every node's output, by node name.
  ///
  /// This is what per-layer validation compares against; see `trace(_:nodes:)`.
  public func trace(batch: Tensor, nodes: Set<String>? = nil) throws(ReferenceError)
    -> [String: Tensor]
  {
    try trace([singleInputName(): batch], nodes: nodes)
  }

  /// Runs the model and returns the outputs of the nodes named in `nodes` (every node when
  /// nil), each `[N, *node shape]`, keyed by node name.
  ///
  /// The result holds every requested node for every frame (about 260 KB per frame for all of
  /// BraggNN's nodes), so pass `nodes`, or smaller batches, for long scans.
  ///
  ///     let layers = try engine.trace(["cbed": frames], nodes: ["enc1", "head"])
  ///     layers["enc1"]?.shape  // [8, 4, 16, 16]
  public func trace(_ inputs: [String: Tensor], nodes: Set<String>? = nil)
    throws(ReferenceError) -> [String: Tensor]
  {
    let wanted = plan.steps.map(\.output).filter { slot in
      nodes.map { $0.contains(plan.slots[slot].name) } ?? true
    }
    let tensors = try execute(inputs, collecting: wanted)
    var trace: [String: Tensor] = [:]
    for (slot, tensor) in zip(wanted, tensors) { trace[plan.slots[slot].name] = tensor }
    return trace
  }

  private func singleInputName() throws(ReferenceError) -> String {
    guard model.inputs.count == 1, let input = model.inputs.first else {
      throw .ambiguousInput(inputs: model.inputs.map(\.name))
    }
    return input.name
  }

  /// Checks the inputs and returns their scalars in graph-input order, and the batch size.
  private func arrange(_ inputs: [String: Tensor]) throws(ReferenceError) -> ([[Float]], Int) {
    let names = model.inputs.map(\.name)
    for name in inputs.keys.sorted() where !names.contains(name) {
      throw .unknownInput(input: name, known: names)
    }
    var batches: [[Float]] = []
    var frames: Int?
    for input in model.inputs {
      guard let tensor = inputs[input.name] else { throw .missingInput(input: input.name) }
      guard tensor.shape.count == input.shape.count + 1,
        Array(tensor.shape.dropFirst()) == input.shape, let count = tensor.shape.first
      else {
        throw .inputShapeMismatch(input: input.name, expected: input.shape, actual: tensor.shape)
      }
      if let frames, frames != count {
        throw .batchSizeMismatch(input: input.name, expected: frames, actual: count)
      }
      frames = count
      batches.append(tensor.scalars)
    }
    return (batches, frames ?? 0)
  }

  /// Runs the plan over the batch in chunks and gathers the listed slots, `[N, *shape]`.
  private func execute(_ inputs: [String: Tensor], collecting wanted: [Int])
    throws(ReferenceError) -> [Tensor]
  {
    let (batches, frames) = try arrange(inputs)
    let run = BatchRun(plan: plan, batches: batches, frames: frames, wanted: wanted)
    defer { run.deallocate() }
    let workers = max(1, min(threads, run.chunks))
    if workers == 1 {
      run.work(worker: 0, of: 1)
    } else {
      DispatchQueue.concurrentPerform(iterations: workers) { run.work(worker: $0, of: workers) }
    }
    return run.gather()
  }
}
