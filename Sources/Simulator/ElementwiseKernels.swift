import FixedIR
import FixedPoint

/// `cast`, `relu` and `leaky_relu`: `y = Q_out(activation(x))` per element.
struct ActivationKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  let writer: ActivationWriter

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let (x, y) = (memory[input], memory[output])
    var overflows = 0
    for i in 0..<output.count { y[i] = writer(x[i], &overflows) }
    tally.results += overflows
  }
}

/// `add` and `mul`: `y = Q_out(a ∘ b)` with the exact sum or product of `ap_fixed`'s result
/// format, in `Int64` or, when that format needs more, `Int128`.
struct BinaryKernel: FrameKernel {
  let lhs: TensorSlot
  let rhs: TensorSlot
  let output: TensorSlot
  let operation: FixedOperation
  let writer: RawWriter

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let (a, b, y) = (memory[lhs], memory[rhs], memory[output])
    var overflows = 0
    if operation.result.storageWidth <= 64 {
      for i in 0..<output.count { y[i] = writer(operation(a[i], b[i]), &overflows) }
    } else {
      for i in 0..<output.count {
        y[i] = writer(operation(Int128(a[i]), Int128(b[i])), &overflows)
      }
    }
    tally.results += overflows
  }
}

/// `affine`: per channel `c` (axis 0), `y = Q_out(x·scale[c] + shift[c])`, exact, in `Int64`
/// or `Int128` as the sum's format needs.
struct AffineKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  let channels: Int
  let scale: [Int64]
  let shift: [Int64]
  let product: FixedOperation
  let sum: FixedOperation
  let writer: RawWriter

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let (x, y) = (memory[input], memory[output])
    let inner = output.count / channels
    let wide = max(product.result.storageWidth, sum.result.storageWidth) > 64
    var overflows = 0
    for c in 0..<channels {
      let (a, b) = (scale[c], shift[c])
      for i in (c * inner)..<((c + 1) * inner) {
        if wide {
          y[i] = writer(sum(product(Int128(x[i]), Int128(a)), Int128(b)), &overflows)
        } else {
          y[i] = writer(sum(product(x[i], a), b), &overflows)
        }
      }
    }
    tally.results += overflows
  }
}

/// `table` (sigmoid, tanh): `y = entries[clamp((raw >> shift) + offset)]`; the entries are
/// already in the output format, so nothing is converted and nothing overflows.
struct TableKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  let table: LookupTable

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let (x, y) = (memory[input], memory[output])
    table.entries.withUnsafeBufferPointer { entries in
      for i in 0..<output.count { y[i] = entries[table.index(x[i])] }
    }
  }
}
