import FixedIR
import FixedPoint

/// A verified program turned into kernels, once: the arena layout (every tensor of a frame at
/// its own offset), the scratch a thread needs, and one planned kernel per op.
struct ExecutionPlan: Sendable {
  /// Every tensor in definition order: the inputs, then each op's output.
  let tensors: [FixedTensor]
  /// Each tensor's place in the arena, in the order of `tensors`.
  let slots: [TensorSlot]
  let inputs: [InputConversion]
  let kernels: [any FrameKernel]
  /// Per op: its kind's name, and whether its accumulator overflows are counted.
  let kinds: [String]
  let countsAccumulatorSteps: [Bool]
  /// Indices into `tensors` of the program's outputs.
  let outputs: [Int]
  /// Raws per frame of all tensors, and scratch bytes per thread.
  let arenaCount: Int
  let scratchBytes: Int

  init(program: FixedProgram, strategy: AccumulationStrategy) throws(SimulatorError) {
    do {
      try FixedProgramVerifier().verify(program)
    } catch {
      throw .invalidProgram(error)
    }
    var tensors: [FixedTensor] = []
    var slots: [TensorSlot] = []
    var index: [String: Int] = [:]
    var offset = 0
    func place(_ tensor: FixedTensor) {
      index[tensor.name] = tensors.count
      tensors.append(tensor)
      slots.append(TensorSlot(offset: offset, count: tensor.count))
      offset += tensor.count
    }
    var inputs: [InputConversion] = []
    for input in program.inputs {
      place(input)
      do {
        inputs.append(
          try InputConversion(name: input.name, slot: slots[slots.count - 1], format: input.format))
      } catch {
        throw .unsupported(op: input.name, reason: "\(error)")
      }
    }
    var kernels: [any FrameKernel] = []
    var kinds: [String] = []
    var counted: [Bool] = []
    for op in program.ops {
      let operands = op.inputs.compactMap { index[$0] }
      place(op.output)
      let builder = KernelBuilder(
        op: op, operands: operands.map { tensors[$0] }, slots: operands.map { slots[$0] },
        output: slots[slots.count - 1], constants: program.constants, strategy: strategy)
      do {
        let (kernel, countsSteps) = try builder.make()
        kernels.append(kernel)
        counted.append(countsSteps)
      } catch let error as SimulatorError {
        throw error
      } catch {
        throw .unsupported(op: op.name, reason: "\(error)")
      }
      kinds.append(op.kind.name)
    }
    self.tensors = tensors
    self.slots = slots
    self.inputs = inputs
    self.kernels = kernels
    self.kinds = kinds
    countsAccumulatorSteps = counted
    outputs = program.outputs.compactMap { index[$0] }
    arenaCount = offset
    scratchBytes = ((kernels.map(\.scratchBytes).max() ?? 0) + 63) & ~63
  }
}
