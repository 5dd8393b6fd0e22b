/// The per-step path specialised for the accumulators hls4ml configures most (its default
/// `ap_fixed<16,6>` is `AP_TRN`/`AP_WRAP`): one branch-free loop per combination of
/// rounding (none, `AP_TRN`, `AP_RND`) and overflow (`AP_WRAP` with `N = 0`, signed or
/// unsigned, and `AP_SAT`), in `Int64`.
///
/// Each step is exactly `RawWriter`'s inlined write of `acc + x·w`: `n = ⌊t / 2^d⌋` (plus
/// the bit below the cut for `AP_RND`), then the low `W` bits or the clamp to the range;
/// a step overflowed exactly when that changed `n`, which is how it is counted. The oracle
/// tests hold these loops to the general path's bits and counts.
enum StepKernel: Sendable, Equatable {
  case exactWrap, floorWrap, halfUpWrap
  case exactSaturate, floorSaturate, halfUpSaturate

  /// The kernel for a step writer, or nil when its modes need the general path.
  init?(_ writer: RawWriter) {
    guard !writer.signOnly, writer.shift <= 0, writer.shift > -64 else { return nil }
    let rounding: Int
    switch writer.rounding {
    case _ where writer.shift == 0: rounding = 0
    case .floor: rounding = 1
    case .halfUp: rounding = 2
    case .halfEven, .general: return nil
    }
    switch (writer.overflowing, rounding) {
    case (.wrap, 0): self = .exactWrap
    case (.wrap, 1): self = .floorWrap
    case (.wrap, _): self = .halfUpWrap
    case (.saturate, 0): self = .exactSaturate
    case (.saturate, 1): self = .floorSaturate
    case (.saturate, _): self = .halfUpSaturate
    case (.general, _): return nil
    }
  }
}

/// A rounding of the step's exact sum `t` by `d` bits (`0 ≤ d < 64`).
protocol StepRounding {
  static func round(_ t: Int64, _ d: Int) -> Int64
}

/// `F_acc ≥ F_sum`: nothing is cut.
enum NoRounding: StepRounding {
  @inline(__always) static func round(_ t: Int64, _ d: Int) -> Int64 { t }
}

/// `AP_TRN`: floor.
enum FloorRounding: StepRounding {
  @inline(__always) static func round(_ t: Int64, _ d: Int) -> Int64 { t &>> d }
}

/// `AP_RND`: floor plus the bit just below the cut (`d ≥ 1`).
enum HalfUpRounding: StepRounding {
  @inline(__always) static func round(_ t: Int64, _ d: Int) -> Int64 {
    (t &>> d) &+ ((t &>> (d &- 1)) & 1)
  }
}

/// The accumulator's overflow mode on a rounded value, counting the values it changes.
protocol StepOverflow {
  static func resolve(_ n: Int64, _ writer: RawWriter, _ overflows: inout Int) -> Int64
}

/// `AP_WRAP`, `N = 0`: the low `W` bits.
enum WrapOverflow: StepOverflow {
  @inline(__always)
  static func resolve(_ n: Int64, _ writer: RawWriter, _ overflows: inout Int) -> Int64 {
    let wrapped =
      writer.isSigned ? (n &<< writer.wrapShift) &>> writer.wrapShift : n & writer.wrapMask
    overflows &+= wrapped == n ? 0 : 1
    return wrapped
  }
}

/// `AP_SAT`: the nearest end of the range.
enum SaturateOverflow: StepOverflow {
  @inline(__always)
  static func resolve(_ n: Int64, _ writer: RawWriter, _ overflows: inout Int) -> Int64 {
    let clamped = min(max(n, writer.low), writer.high)
    overflows &+= clamped == n ? 0 : 1
    return clamped
  }
}

extension AccumulationPlan {
  /// The per-step path through a `StepKernel`.
  func steps(_ grid: MACGrid, _ kernel: StepKernel, _ tally: inout OverflowTally) {
    switch kernel {
    case .exactWrap: steps(grid, NoRounding.self, WrapOverflow.self, &tally)
    case .floorWrap: steps(grid, FloorRounding.self, WrapOverflow.self, &tally)
    case .halfUpWrap: steps(grid, HalfUpRounding.self, WrapOverflow.self, &tally)
    case .exactSaturate: steps(grid, NoRounding.self, SaturateOverflow.self, &tally)
    case .floorSaturate: steps(grid, FloorRounding.self, SaturateOverflow.self, &tally)
    case .halfUpSaturate: steps(grid, HalfUpRounding.self, SaturateOverflow.self, &tally)
    }
  }

  /// Four outputs at a time: each accumulator is a serial chain of dependent steps, so
  /// interleaving four independent chains keeps the core busy; the order of each output's
  /// own steps is unchanged.
  private func steps<R: StepRounding, O: StepOverflow>(
    _ grid: MACGrid, _: R.Type, _: O.Type, _ tally: inout OverflowTally
  ) {
    let x = grid.patches.assumingMemoryBound(to: Int64.self)
    let w = grid.weights.assumingMemoryBound(to: Int64.self)
    let depth = grid.depth
    let (a, b, d) = (accumulatorAlign, productAlign, -step.shift)
    let (step, result) = (self.step, self.result)
    var (overflows, steps) = (0, 0)
    @inline(__always) func next(_ acc: Int64, _ x: Int64, _ w: Int64) -> Int64 {
      O.resolve(R.round((acc &<< a) &+ ((x &* w) &<< b), d), step, &steps)
    }
    for p in 0..<grid.positions {
      let row = x + p * depth
      let target = grid.result + p * grid.positionStride
      var o = 0
      while o + 4 <= grid.outputs {
        let (w0, w1, w2, w3) = (
          w + o * depth, w + (o + 1) * depth, w + (o + 2) * depth, w + (o + 3) * depth
        )
        var (s0, s1, s2, s3) = (
          bias[grid.firstOutput + o], bias[grid.firstOutput + o + 1],
          bias[grid.firstOutput + o + 2], bias[grid.firstOutput + o + 3]
        )
        for i in 0..<depth {
          let v = row[i]
          s0 = next(s0, v, w0[i])
          s1 = next(s1, v, w1[i])
          s2 = next(s2, v, w2[i])
          s3 = next(s3, v, w3[i])
        }
        target[o * grid.outputStride] = result(s0, &overflows)
        target[(o + 1) * grid.outputStride] = result(s1, &overflows)
        target[(o + 2) * grid.outputStride] = result(s2, &overflows)
        target[(o + 3) * grid.outputStride] = result(s3, &overflows)
        o += 4
      }
      while o < grid.outputs {
        let column = w + o * depth
        var acc = bias[grid.firstOutput + o]
        for i in 0..<depth { acc = next(acc, row[i], column[i]) }
        target[o * grid.outputStride] = result(acc, &overflows)
        o += 1
      }
    }
    tally.results += overflows
    tally.accumulatorSteps += steps
  }
}
