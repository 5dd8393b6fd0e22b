import MatrixProduct
import ModelFormat

/// The geometry of a 2-D convolution over `[C, H, W]`; a conv1d is one with `H = 1`.
struct ConvolutionGeometry: Sendable {
  let channels: Int
  let height: Int
  let width: Int
  let outputChannels: Int
  let outputHeight: Int
  let outputWidth: Int
  let kernel: Pair
  let stride: Pair
  /// Rows above and columns left (the far sides only shorten the output).
  let padTop: Int
  let padLeft: Int
  let dilation: Pair
  let groups: Int

  /// Input channels per group.
  var groupChannels: Int { channels / groups }
  /// Output channels per group.
  var groupOutputs: Int { outputChannels / groups }
  /// Terms per output: the group's channels times the kernel's taps.
  var depth: Int { groupChannels * kernel.h * kernel.w }
  /// Output pixels per channel.
  var positions: Int { outputHeight * outputWidth }
}

/// `conv1d` and `conv2d`: per group, the receptive field of every output pixel is gathered
/// into a row of scratch (im2col) in the weights' order (input channel, kernel row, kernel
/// column), then each output channel is a dot product with its weight row.
///
/// Padding taps are gathered as 0 instead of skipped. That gives the same bits on every
/// path: `x·w = 0`, and `Q_acc(acc + 0) = acc` because `acc` already holds a value of the
/// accumulator's format (on its grid and inside its range; under `AP_SAT_SYM` it is never
/// the minimum, which that mode maps away), so the step changes nothing and cannot overflow.
struct ConvolutionKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  let geometry: ConvolutionGeometry
  let plan: AccumulationPlan
  /// `outputChannels × depth` weights in the plan's lane, or as doubles scaled by `2^k` on
  /// the `exactFloat64` path.
  let weights: PackedOperands

  var scratchBytes: Int {
    let g = geometry
    guard plan.path == .exactFloat64 else { return g.positions * g.depth * plan.lane.byteCount }
    // The converted input, then the receptive fields; a 1 × 1 convolution reads the former
    // as its B, so it too is followed by `tileSlack` (the fields' space covers it).
    return (g.channels * g.height * g.width + g.depth * g.positions + Double.tileSlack) * 8
  }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let g = geometry
    if plan.path == .exactFloat64 {
      runFloat64(memory, &tally)
      return
    }
    for group in 0..<g.groups {
      switch plan.lane {
      case .int16: gather(memory, group: group, Int16.self)
      case .int32: gather(memory, group: group, Int32.self)
      case .int64: gather(memory, group: group, Int64.self)
      }
      let first = group * g.groupOutputs
      let grid = MACGrid(
        patches: memory.scratch,
        weights: weights.pointer + first * g.depth * plan.lane.byteCount,
        positions: g.positions, outputs: g.groupOutputs, depth: g.depth, firstOutput: first,
        result: memory[output] + first * g.positions, positionStride: 1,
        outputStride: g.positions)
      plan.run(grid, &tally)
    }
  }

  /// Writes the receptive fields of `group` into scratch, one row of `depth` per pixel.
  private func gather<T: FixedWidthInteger>(_ memory: FrameMemory, group: Int, _: T.Type) {
    let g = geometry
    let x = memory[input]
    let patches = memory.scratch.bindMemory(to: T.self, capacity: g.positions * g.depth)
    for oh in 0..<g.outputHeight {
      for ow in 0..<g.outputWidth {
        var row = patches + (oh * g.outputWidth + ow) * g.depth
        for ci in 0..<g.groupChannels {
          let plane = x + (group * g.groupChannels + ci) * g.height * g.width
          for r in 0..<g.kernel.h {
            let ih = oh * g.stride.h - g.padTop + r * g.dilation.h
            let inside = ih >= 0 && ih < g.height
            for s in 0..<g.kernel.w {
              let iw = ow * g.stride.w - g.padLeft + s * g.dilation.w
              row.pointee =
                inside && iw >= 0 && iw < g.width
                ? T(truncatingIfNeeded: plane[ih * g.width + iw]) : 0
              row += 1
            }
          }
        }
      }
    }
  }

  /// ``AccumulationPath/exactFloat64``: the input converted to binary64 once, then per group
  /// its receptive fields one row per term (`depth × positions`, padding as 0) as the B of
  /// a product with the group's weights.
  private func runFloat64(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let g = geometry
    let planeCount = g.height * g.width
    let x = memory.scratch.bindMemory(to: Double.self, capacity: g.channels * planeCount)
    Float64Product.convert(memory[input], count: g.channels * planeCount, scale: 1, to: x)
    let columns = (memory.scratch + g.channels * planeCount * 8).bindMemory(
      to: Double.self, capacity: g.depth * g.positions + Double.tileSlack)
    let w = weights.pointer.assumingMemoryBound(to: Double.self)
    // A 1 × 1 convolution that keeps the geometry reads its input as it is: row `ci` of B
    // is input plane `ci`.
    let pointwise =
      g.kernel == Pair(1, 1) && g.stride == Pair(1, 1) && g.padTop == 0 && g.padLeft == 0
      && g.outputHeight == g.height && g.outputWidth == g.width
    for group in 0..<g.groups {
      let planes = x + group * g.groupChannels * planeCount
      if !pointwise {
        var row = columns
        for ci in 0..<g.groupChannels {
          for r in 0..<g.kernel.h {
            for s in 0..<g.kernel.w {
              gatherRow(planes + ci * planeCount, r: r, s: s, into: row)
              row += g.positions
            }
          }
        }
      }
      let first = group * g.groupOutputs
      let product = Float64Product(
        m: g.groupOutputs, n: g.positions, k: g.depth, a: w + first * g.depth, lda: g.depth,
        b: pointwise ? planes : columns, ldb: g.positions, bias: .perRow, firstOutput: first,
        result: memory[output] + first * g.positions)
      plan.run(product, &tally)
    }
  }

  /// Row `(r, s)` of one input channel's receptive fields: for every output pixel, the input
  /// pixel under kernel tap `(r, s)`, or 0 in the padding.
  private func gatherRow(
    _ plane: UnsafePointer<Double>, r: Int, s: Int, into row: UnsafeMutablePointer<Double>
  ) {
    let g = geometry
    let dx = s * g.dilation.w - g.padLeft
    // The output columns whose input column `ow·stride + dx` lies inside the plane.
    let low = dx >= 0 ? 0 : min((-dx + g.stride.w - 1) / g.stride.w, g.outputWidth)
    let high = max(low, min(g.outputWidth, (g.width - dx + g.stride.w - 1) / g.stride.w))
    for oh in 0..<g.outputHeight {
      let target = row + oh * g.outputWidth
      let ih = oh * g.stride.h - g.padTop + r * g.dilation.h
      guard ih >= 0 && ih < g.height else {
        target.update(repeating: 0, count: g.outputWidth)
        continue
      }
      // Plain loops: these rows are short, and a call to memmove or memset per row cost
      // more than the copy (measured).
      for ow in 0..<low { target[ow] = 0 }
      let source = plane + ih * g.width + dx
      if g.stride.w == 1 {
        for ow in low..<high { target[ow] = source[ow] }
      } else {
        for ow in low..<high { target[ow] = source[ow * g.stride.w] }
      }
      for ow in high..<g.outputWidth { target[ow] = 0 }
    }
  }
}
