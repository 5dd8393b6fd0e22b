/// `dense` over the last dimension, and `matmul`: both as grids of dot products.
struct DenseKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  /// Rows of the input (the product of its leading dimensions).
  let rows: Int
  let features: Int
  let outputs: Int
  let plan: AccumulationPlan
  /// `outputs × features` weights in the plan's lane.
  let weights: PackedOperands

  var scratchBytes: Int { rows * features * plan.lane.byteCount }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    plan.lane.copy(memory[input], count: rows * features, to: memory.scratch)
    let grid = MACGrid(
      patches: memory.scratch, weights: weights.pointer, positions: rows, outputs: outputs,
      depth: features, firstOutput: 0, result: memory[output], positionStride: outputs,
      outputStride: 1)
    plan.run(grid, &tally)
  }
}

/// `matmul` of `[..., M, K] × [..., K, N]`: per leading index, the rows of `a` against the
/// columns of `b`, which are transposed into scratch so that both operands are contiguous.
struct MatmulKernel: FrameKernel {
  let lhs: TensorSlot
  let rhs: TensorSlot
  let output: TensorSlot
  /// The product of the leading dimensions.
  let batches: Int
  let m: Int
  let k: Int
  let n: Int
  let plan: AccumulationPlan

  private var lhsBytes: Int { (m * k * plan.lane.byteCount + 63) & ~63 }
  var scratchBytes: Int { lhsBytes + k * n * 8 + k * n * plan.lane.byteCount }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let columns = (memory.scratch + lhsBytes).bindMemory(to: Int64.self, capacity: k * n)
    let packed = memory.scratch + lhsBytes + k * n * 8
    for batch in 0..<batches {
      plan.lane.copy(memory[lhs] + batch * m * k, count: m * k, to: memory.scratch)
      let b = memory[rhs] + batch * k * n
      for j in 0..<n {
        for i in 0..<k { columns[j * k + i] = b[i * n + j] }
      }
      plan.lane.copy(columns, count: k * n, to: packed)
      let grid = MACGrid(
        patches: memory.scratch, weights: packed, positions: m, outputs: n, depth: k,
        firstOutput: 0, result: memory[output] + batch * m * n, positionStride: n,
        outputStride: 1)
      plan.run(grid, &tally)
    }
  }
}
