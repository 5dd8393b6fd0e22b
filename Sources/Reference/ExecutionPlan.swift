import ModelFormat

/// A model resolved for execution: one slot per tensor, one step per node, in node order.
///
/// Every tensor (graph input or node output) gets a slot with its per-frame shape and a
/// place in an arena: a chunk of `capacity` frames keeps slot `i` at
/// `arena + offset(i) · capacity`, frames back to back, followed by the scratch space of the
/// largest kernel. One arena per worker, allocated once, serves every chunk it runs.
struct ExecutionPlan: Sendable {
  /// A tensor of the graph and its place in the arena.
  struct Slot: Sendable {
    /// The tensor's name (a graph input or a node).
    let name: String
    /// The per-frame shape.
    let shape: [Int]
    /// Elements per frame.
    let count: Int
    /// Floats per frame of all earlier slots: where the slot starts, per unit of capacity.
    let offset: Int
  }

  /// One node: its kernel, the slots it reads and the slot it writes.
  struct Step: Sendable {
    /// The kernel, resolved from the node.
    let kernel: Kernel
    /// The slots of the node's inputs, in order.
    let inputs: [Int]
    /// The slot of the node's output.
    let output: Int
  }

  /// Every tensor: graph inputs first, then node outputs in node order.
  let slots: [Slot]
  /// The nodes, in the model's (topological) order.
  let steps: [Step]
  /// The slots of the model's outputs, in order.
  let outputSlots: [Int]
  /// Floats per frame over all slots.
  let frameFloats: Int
  /// Floats of scratch space, the largest any kernel needs.
  let scratchCount: Int

  /// Plans `model`: verifies it, takes every tensor's shape from shape inference, and
  /// resolves every node into a kernel.
  init(model: Model) throws(ReferenceError) {
    let file = "\(model.name).json"
    let shapes: [String: [Int]]
    do {
      shapes = try ModelVerifier(file: file).verify(model)
    } catch {
      throw .invalidModel(error)
    }
    var slots: [Slot] = []
    var slotOf: [String: Int] = [:]
    var floats = 0
    func define(_ name: String, _ shape: [Int]) {
      slotOf[name] = slots.count
      let count = shape.elementCount
      slots.append(Slot(name: name, shape: shape, count: count, offset: floats))
      floats += count
    }
    for input in model.inputs { define(input.name, input.shape) }
    var steps: [Step] = []
    var scratch = 0
    for node in model.nodes {
      let inputs = node.inputs.compactMap { slotOf[$0] }
      guard inputs.count == node.inputs.count, let shape = shapes[node.name] else {
        let input = node.inputs.first { slotOf[$0] == nil } ?? node.name
        throw .invalidModel(.undefinedInput(file: file, node: node.name, input: input))
      }
      let context = NodeContext(
        node: node, model: model, file: file, inputShapes: inputs.map { slots[$0].shape },
        outputShape: shape)
      let kernel = try Kernel.plan(context)
      define(node.name, shape)
      steps.append(Step(kernel: kernel, inputs: inputs, output: slots.count - 1))
      scratch = max(scratch, kernel.scratchCount)
    }
    self.slots = slots
    self.steps = steps
    outputSlots = model.outputs.compactMap { slotOf[$0] }
    frameFloats = floats
    scratchCount = scratch
  }

  /// Floats of an arena holding `capacity` frames.
  func arenaCount(capacity: Int) -> Int { frameFloats * capacity + scratchCount }

  /// Where slot `slot` starts in an arena of `capacity` frames.
  func region(
    _ slot: Int, in arena: UnsafeMutablePointer<Float>, capacity: Int
  ) -> UnsafeMutablePointer<Float> {
    arena + slots[slot].offset * capacity
  }

  /// Runs every step on the first `frames` frames of an arena whose input slots are filled.
  func execute(frames: Int, arena: UnsafeMutablePointer<Float>, capacity: Int) {
    let scratch = arena + frameFloats * capacity
    for step in steps {
      let inputs = step.inputs.map { UnsafePointer(region($0, in: arena, capacity: capacity)) }
      step.kernel.run(
        inputs, region(step.output, in: arena, capacity: capacity), frames: frames,
        outputCount: slots[step.output].count, scratch: scratch)
    }
  }
}
