import ModelFormat

/// `maxpool2d`, `avgpool2d` and `global_avgpool2d` over `[C, H, W]`.
///
/// Max: `y = Q_out(max over the window)`, padded taps ignored (a window always holds at
/// least one real tap, since padding is at most half the kernel). Average:
/// `s = Σ window` exact (padded taps count as 0, `count_include_pad`), then `y = Q_out(s·k)`
/// with the exact product, both in `Int64` or, when the product's format (of
/// `FixedFormat.windowSumFormat` times `k`'s) needs more, `Int128`. A global average is one window per channel.
struct PoolingKernel: FrameKernel {
  /// What the window computes.
  enum Reduction: Sendable {
    case maximum
    /// `Σ·k`, with `k` the reciprocal constant's raw; `wide` when `s·k` needs `Int128`.
    case average(reciprocal: Int64, wide: Bool)
  }

  let input: TensorSlot
  let output: TensorSlot
  let channels: Int
  let height: Int
  let width: Int
  let outputHeight: Int
  let outputWidth: Int
  let kernel: Pair
  let stride: Pair
  let padding: Pair
  let reduction: Reduction
  /// `Q_out` of the window's maximum, or of `s·k`.
  let writer: RawWriter

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let x = memory[input]
    let y = memory[output]
    var overflows = 0
    for c in 0..<channels {
      let plane = x + c * height * width
      for oh in 0..<outputHeight {
        let top = oh * stride.h - padding.h
        let rows = max(top, 0)..<min(top + kernel.h, height)
        for ow in 0..<outputWidth {
          let left = ow * stride.w - padding.w
          let columns = max(left, 0)..<min(left + kernel.w, width)
          let value: Int64
          switch reduction {
          case .maximum:
            var m = Int64.min
            for r in rows {
              for s in columns { m = max(m, plane[r * width + s]) }
            }
            value = writer(m, &overflows)
          case .average(let k, false):
            // The product's format is at least as wide as the sum's: both fit Int64.
            var sum: Int64 = 0
            for r in rows {
              for s in columns { sum &+= plane[r * width + s] }
            }
            value = writer(sum &* k, &overflows)
          case .average(let k, true):
            var sum: Int128 = 0
            for r in rows {
              for s in columns { sum &+= Int128(plane[r * width + s]) }
            }
            value = writer(sum * Int128(k), &overflows)
          }
          y[(c * outputHeight + oh) * outputWidth + ow] = value
        }
      }
    }
    tally.results += overflows
  }
}
