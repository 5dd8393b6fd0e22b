import MatrixProduct

/// `dense` over the last dimension, and `matmul`: both as grids of dot products.
struct DenseKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  /// Rows of the input (the product of its leading dimensions).
  let rows: Int
  let features: Int
  let outputs: Int
  let plan: AccumulationPlan
  /// `outputs × features` weights in the plan's lane; on the `exactFloat64` path
  /// `features × outputs` doubles (transposed, scaled by `2^k`), a matrix product's B.
  let weights: PackedOperands

  var scratchBytes: Int {
    rows * features * (plan.path == .exactFloat64 ? 8 : plan.lane.byteCount)
  }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    if plan.path == .exactFloat64 {
      let a = memory.scratch.bindMemory(to: Double.self, capacity: rows * features)
      Float64Product.convert(memory[input], count: rows * features, scale: 1, to: a)
      let product = Float64Product(
        m: rows, n: outputs, k: features, a: a, lda: features,
        b: weights.pointer.assumingMemoryBound(to: Double.self), ldb: outputs,
        bias: .perColumn, firstOutput: 0, result: memory[output])
      plan.run(product, &tally)
      return
    }
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

  /// Bytes of scratch for `a`: in the plan's lane, or as doubles on the `exactFloat64` path.
  private var lhsBytes: Int {
    (m * k * (plan.path == .exactFloat64 ? 8 : plan.lane.byteCount) + 63) & ~63
  }
  var scratchBytes: Int {
    plan.path == .exactFloat64
      ? lhsBytes + (k * n + Double.tileSlack) * 8
      : lhsBytes + k * n * 8 + k * n * plan.lane.byteCount
  }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    if plan.path == .exactFloat64 {
      runFloat64(memory, &tally)
      return
    }
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

  /// Both operands converted as they are (`b` scaled by `2^k`): `b` is already `k × n`.
  private func runFloat64(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let a = memory.scratch.bindMemory(to: Double.self, capacity: m * k)
    let b = (memory.scratch + lhsBytes).bindMemory(
      to: Double.self, capacity: k * n + Double.tileSlack)
    for batch in 0..<batches {
      Float64Product.convert(memory[lhs] + batch * m * k, count: m * k, scale: 1, to: a)
      Float64Product.convert(
        memory[rhs] + batch * k * n, count: k * n, scale: plan.float64Scale, to: b)
      let product = Float64Product(
        m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n, bias: .none, firstOutput: 0,
        result: memory[output] + batch * m * n)
      plan.run(product, &tally)
    }
  }
}
