/// Where a tensor of one frame lives in a thread's arena, in `Int64` raws.
struct TensorSlot: Sendable {
  /// The first raw's index in the arena.
  let offset: Int
  /// Raws per frame.
  let count: Int
}

/// The memory a thread runs frames in: an arena with every tensor of the current frame, and
/// scratch for gathered operands. Both are allocated once per thread per run.
struct FrameMemory {
  /// The tensors' raws.
  let arena: UnsafeMutablePointer<Int64>
  /// Operands gathered in an op's lane (64-byte aligned, `ExecutionPlan.scratchBytes`).
  let scratch: UnsafeMutableRawPointer

  /// The raws of the tensor in `slot`.
  subscript(slot: TensorSlot) -> UnsafeMutablePointer<Int64> { arena + slot.offset }
}

/// One op, planned: reads its inputs from the arena and writes its output there.
///
/// Kernels are dispatched once per op and frame; their inner loops see only concrete types
/// (no existentials or closures per element).
protocol FrameKernel: Sendable {
  /// Scratch bytes the kernel needs per frame.
  var scratchBytes: Int { get }
  /// Runs the op on the frame in `memory`, adding its overflows to `tally`.
  func run(_ memory: FrameMemory, _ tally: inout OverflowTally)
}
