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

    /// Whether the window takes its maximum.
    var isMaximum: Bool {
      if case .maximum = self { return true }
      return false
    }
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
  /// Whether `Q_out` is the identity on the input's raws (a maximum into the input's own
  /// format, which does not saturate symmetrically): the write is then skipped.
  let passesThrough: Bool

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    var overflows = 0
    switch reduction {
    case .maximum where kernel == Pair(2, 2) && padding == Pair(0, 0):
      maximum2x2(memory, &overflows)
    case .maximum:
      windows(memory) { plane, rows, columns in
        var m = Int64.min
        for r in rows {
          let line = plane + r * width
          for s in columns { m = max(m, line[s]) }
        }
        return passesThrough ? m : writer(m, &overflows)
      }
    case .average(let k, false):
      // The product's format is at least as wide as the sum's: both fit Int64.
      windows(memory) { plane, rows, columns in
        var sum: Int64 = 0
        for r in rows {
          let line = plane + r * width
          for s in columns { sum &+= line[s] }
        }
        return writer(sum &* k, &overflows)
      }
    case .average(let k, true):
      windows(memory) { plane, rows, columns in
        var sum: Int128 = 0
        for r in rows {
          let line = plane + r * width
          for s in columns { sum &+= Int128(line[s]) }
        }
        return writer(sum * Int128(k), &overflows)
      }
    }
    tally.results += overflows
  }

  /// The commonest pooling, 2 × 2 without padding, with the window's four taps read
  /// directly (the general loop spends most of its time on its own bounds).
  private func maximum2x2(_ memory: FrameMemory, _ overflows: inout Int) {
    let x = memory[input]
    var y = memory[output]
    for c in 0..<channels {
      let plane = x + c * height * width
      for oh in 0..<outputHeight {
        let upper = plane + oh * stride.h * width
        let lower = upper + width
        for ow in 0..<outputWidth {
          let l = ow * stride.w
          let m = max(max(upper[l], upper[l + 1]), max(lower[l], lower[l + 1]))
          y.pointee = passesThrough ? m : writer(m, &overflows)
          y += 1
        }
      }
    }
  }

  /// Calls `reduce` with each window's input plane and its rows and columns inside the
  /// input (the padding cut off), and stores what it returns.
  @inline(__always)
  private func windows(
    _ memory: FrameMemory,
    _ reduce: (UnsafeMutablePointer<Int64>, Range<Int>, Range<Int>) -> Int64
  ) {
    let x = memory[input]
    var y = memory[output]
    for c in 0..<channels {
      let plane = x + c * height * width
      for oh in 0..<outputHeight {
        let top = oh * stride.h - padding.h
        let rows = max(top, 0)..<min(top + kernel.h, height)
        for ow in 0..<outputWidth {
          let left = ow * stride.w - padding.w
          y.pointee = reduce(plane, rows, max(left, 0)..<min(left + kernel.w, width))
          y += 1
        }
      }
    }
  }
}
