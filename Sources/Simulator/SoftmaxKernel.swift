import FixedIR
import FixedPoint

/// `softmax` along one axis, by tables (docs/fixed-ir.md): per row, `m = max x`,
/// `e = exp[index(x − m)]` (the difference is exact, in `x`'s fraction bits), then
/// `s = Q_sum(s + e)` in order, `r = reciprocal[index(s)]` and `y = Q_out(e·r)`.
///
/// A row's elements are `inner` apart (the product of the dimensions after the axis); its
/// exponentials wait in scratch for the reciprocal. Overflows of the sum count as
/// accumulator steps.
struct SoftmaxKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  /// The product of the dimensions before the axis, the axis, and after it.
  let outer: Int
  let length: Int
  let inner: Int
  let exp: LookupTable
  let reciprocal: LookupTable
  /// `s + e`, exact, and its write into the sum format.
  let sumStep: FixedOperation
  let sumWriter: RawWriter
  /// `Q_out(e·r)`; `wide` when the product needs `Int128`.
  let writer: RawWriter
  let wide: Bool

  var scratchBytes: Int { length * 8 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    var (overflows, steps) = (0, 0)
    exp.entries.withUnsafeBufferPointer { exps in
      reciprocal.entries.withUnsafeBufferPointer { reciprocals in
        if sumStep.result.storageWidth > 64 {
          rows(memory, exps, reciprocals, Int128.self, &overflows, &steps)
        } else {
          rows(memory, exps, reciprocals, Int64.self, &overflows, &steps)
        }
      }
    }
    tally.results += overflows
    tally.accumulatorSteps += steps
  }

  /// Every row, the sum `s + e` computed in `Sum` (which holds its format); the tables are
  /// read through buffer pointers, as the loops run per element.
  @inline(__always)
  private func rows<Sum: StepRaw>(
    _ memory: FrameMemory, _ exps: UnsafeBufferPointer<Int64>,
    _ reciprocals: UnsafeBufferPointer<Int64>, _: Sum.Type, _ overflows: inout Int,
    _ steps: inout Int
  ) {
    let (x, y) = (memory[input], memory[output])
    let e = memory.scratch.bindMemory(to: Int64.self, capacity: length)
    for o in 0..<outer {
      for i in 0..<inner {
        let base = o * length * inner + i
        var m = Int64.min
        for j in 0..<length { m = max(m, x[base + j * inner]) }
        var s: Int64 = 0
        for j in 0..<length {
          e[j] = exps[exp.index(x[base + j * inner] - m)]
          s = Sum.write(sumWriter, sumStep(Sum(s), Sum(e[j])), &steps)
        }
        let r = reciprocals[reciprocal.index(s)]
        for j in 0..<length {
          y[base + j * inner] =
            wide ? writer(Int128(e[j]) * Int128(r), &overflows) : writer(e[j] &* r, &overflows)
        }
      }
    }
  }
}
