/// The grid of dot products that every dense, convolution and matmul op reduces to:
/// `positions × outputs` results, each the sum over `depth` terms of a patch row times a
/// weight row.
///
/// Dense: one position per row of the input, patches are the input's rows. Convolution: one
/// position per output pixel, patches are the receptive fields (padding taps hold 0, which
/// leaves every path's result unchanged: see `ConvolutionKernel`). Matmul: patches are the
/// rows of `a`, weights the columns of `b`.
struct MACGrid {
  /// `positions × depth` operands in the plan's lane.
  var patches: UnsafeRawPointer
  /// `outputs × depth` operands in the plan's lane.
  var weights: UnsafeRawPointer
  var positions: Int
  var outputs: Int
  var depth: Int
  /// The plan's index of output 0 of this grid (biases, convolution groups).
  var firstOutput: Int
  /// Where result `(p, o)` goes: `result[p · positionStride + o · outputStride]`.
  var result: UnsafeMutablePointer<Int64>
  var positionStride: Int
  var outputStride: Int
}

/// A raw type the per-step path computes in: `Int64`, or `Int128` for wide intermediates.
protocol StepRaw: FixedWidthInteger, SignedInteger {
  /// `Q_T(self)` through a writer.
  static func write(_ writer: RawWriter, _ v: Self, _ overflows: inout Int) -> Int64
}

extension Int64: StepRaw {
  @inline(__always)
  static func write(_ writer: RawWriter, _ v: Int64, _ overflows: inout Int) -> Int64 {
    writer(v, &overflows)
  }
}

extension Int128: StepRaw {
  @inline(__always)
  static func write(_ writer: RawWriter, _ v: Int128, _ overflows: inout Int) -> Int64 {
    writer(v, &overflows)
  }
}

extension AccumulationPlan {
  /// Computes every result of the grid by this plan's path, counting overflows.
  func run(_ grid: MACGrid, _ tally: inout OverflowTally) {
    switch (path, lane) {
    case (.exact(true), _): exact(grid, Int16.self, Int32.self, &tally)
    case (.exact, .int16): exact(grid, Int16.self, Int64.self, &tally)
    case (.exact, .int32): exact(grid, Int32.self, Int64.self, &tally)
    case (.exact, .int64): exact(grid, Int64.self, Int64.self, &tally)
    case (.wrapping(true), _): wrapping(grid, Int16.self, Int32.self, &tally)
    case (.wrapping, .int16): wrapping(grid, Int16.self, Int64.self, &tally)
    case (.wrapping, .int32): wrapping(grid, Int32.self, Int64.self, &tally)
    case (.wrapping, .int64): wrapping(grid, Int64.self, Int64.self, &tally)
    case (.stepwise(false), _):
      if let stepKernel {
        steps(grid, stepKernel, &tally)
      } else {
        stepwise(grid, Int64.self, &tally)
      }
    case (.stepwise(true), _): stepwise(grid, Int128.self, &tally)
    case (.exactFloat64, _):
      preconditionFailure("exactFloat64 runs as a Float64Product, not a grid of operands")
    }
    countBiasOverflows(
      outputs: grid.firstOutput..<(grid.firstOutput + grid.outputs), positions: grid.positions,
      &tally)
  }

  /// Counts, as accumulator overflows, one per result of each output whose bias overflowed
  /// when it was written into the accumulator's format (on the paths that count them).
  func countBiasOverflows(outputs: Range<Int>, positions: Int, _ tally: inout OverflowTally) {
    guard countsAccumulatorSteps else { return }
    var overflowedBiases = 0
    for o in outputs where biasOverflowed[o] {
      overflowedBiases += 1
    }
    tally.accumulatorSteps += overflowedBiases * positions
  }

  /// `AccumulationPath.exact`: a plain wrapping dot product per result.
  private func exact<Operand: FixedWidthInteger & SignedInteger, Sum: FixedWidthInteger>(
    _ grid: MACGrid, _: Operand.Type, _: Sum.Type, _ tally: inout OverflowTally
  ) {
    let x = grid.patches.assumingMemoryBound(to: Operand.self)
    let w = grid.weights.assumingMemoryBound(to: Operand.self)
    let depth = grid.depth
    let k = productShift
    let result = self.result
    var overflows = 0
    bias.withUnsafeBufferPointer { bias in
      for p in 0..<grid.positions {
        let row = x + p * depth
        for o in 0..<grid.outputs {
          let column = w + o * depth
          var s: Sum = 0
          for i in 0..<depth {
            s &+= Sum(truncatingIfNeeded: row[i]) &* Sum(truncatingIfNeeded: column[i])
          }
          let acc = bias[grid.firstOutput + o] &+ (Int64(truncatingIfNeeded: s) << k)
          grid.result[p * grid.positionStride + o * grid.outputStride] = result(acc, &overflows)
        }
      }
    }
    tally.results += overflows
  }

  /// `AccumulationPath.wrapping`: `wrap(bias + Σ q(x·w))`.
  private func wrapping<Operand: FixedWidthInteger & SignedInteger, Sum: FixedWidthInteger>(
    _ grid: MACGrid, _: Operand.Type, _: Sum.Type, _ tally: inout OverflowTally
  ) {
    let x = grid.patches.assumingMemoryBound(to: Operand.self)
    let w = grid.weights.assumingMemoryBound(to: Operand.self)
    let depth = grid.depth
    let (k, d) = (productShift, roundShift)
    let c = Sum(truncatingIfNeeded: roundBias)
    let result = self.result
    var overflows = 0
    bias.withUnsafeBufferPointer { bias in
      for p in 0..<grid.positions {
        let row = x + p * depth
        for o in 0..<grid.outputs {
          let column = w + o * depth
          var s: Sum = 0
          if d == 0 {
            for i in 0..<depth {
              s &+= Sum(truncatingIfNeeded: row[i]) &* Sum(truncatingIfNeeded: column[i])
            }
          } else {
            for i in 0..<depth {
              let product = Sum(truncatingIfNeeded: row[i]) &* Sum(truncatingIfNeeded: column[i])
              s &+= (product &+ c) &>> d  // 0 < d < 63 (AccumulationPlan)
            }
          }
          let acc = wrap(bias[grid.firstOutput + o] &+ (Int64(truncatingIfNeeded: s) << k))
          grid.result[p * grid.positionStride + o * grid.outputStride] = result(acc, &overflows)
        }
      }
    }
    tally.results += overflows
  }

  /// `AccumulationPath.stepwise`: `acc = Q_acc(acc + x·w)` per term, in order. The product
  /// and the aligned sum are exact in `Raw`, which holds the sum's format
  /// (`AccumulationStep.storageWidth`), so wrapping operators never wrap.
  private func stepwise<Raw: StepRaw>(
    _ grid: MACGrid, _: Raw.Type, _ tally: inout OverflowTally
  ) {
    let x = grid.patches.assumingMemoryBound(to: Int64.self)
    let w = grid.weights.assumingMemoryBound(to: Int64.self)
    let depth = grid.depth
    // Both alignments are below the sum's width, hence below `Raw`'s: masking shifts.
    let (a, b) = (accumulatorAlign, productAlign)
    let (step, result) = (self.step, self.result)
    var (overflows, steps) = (0, 0)
    for p in 0..<grid.positions {
      let row = x + p * depth
      for o in 0..<grid.outputs {
        let column = w + o * depth
        var acc = Raw(bias[grid.firstOutput + o])
        for i in 0..<depth {
          let t = (acc &<< a) &+ ((Raw(row[i]) &* Raw(column[i])) &<< b)
          acc = Raw(Raw.write(step, t, &steps))
        }
        grid.result[p * grid.positionStride + o * grid.outputStride] =
          result(Int64(truncatingIfNeeded: acc), &overflows)
      }
    }
    tally.results += overflows
    tally.accumulatorSteps += steps
  }

  /// Whether the op's accumulator overflows are counted (all paths but the wrapped sum).
  var countsAccumulatorSteps: Bool {
    if case .wrapping = path { return false }
    return true
  }
}
