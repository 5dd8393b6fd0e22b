import FixedIR

/// The cheapest reuse factors that keep a design within a detector's budget, as
/// `CostModel.fitReuse` finds them. An **estimate**, like the cost model it searches.
public struct ReuseFit: Sendable, Equatable {
  /// The reuse factor of every multiply-accumulate op, by op name (the FixedIR's, where a
  /// fused activation names the op).
  public var factors: [String: Int]
  /// Parallel instances of the design: 1 unless even fully unrolled one cannot keep up.
  public var instances: Int
  /// The largest initiation interval, in cycles, each instance may have.
  public var allowedII: Int
  /// The design at `factors`.
  public var report: CostReport

  /// Creates a fit from its parts.
  public init(factors: [String: Int], instances: Int, allowedII: Int, report: CostReport) {
    self.factors = factors
    self.instances = instances
    self.allowedII = allowedII
    self.report = report
  }
}

extension CostModel {
  /// Searches per-layer reuse factors for the cheapest design in `architecture` (its own
  /// factors are ignored), fewest DSPs first, then fewest LUTs, whose instances keep up with
  /// a frame period of `framePeriodMicroseconds` at `inferencesPerFrame` inferences per
  /// frame.
  ///
  /// The design's II is its largest op II and its resources the sum of its ops', so the
  /// search is exact one op at a time: with `n` instances (1 unless even the fully unrolled
  /// design is too slow, then the fewest that keep up) each may take
  /// `allowed = floor(n · period cycles / K)` cycles per inference, and each
  /// multiply-accumulate op takes, among the factors whose II is within `allowed`, the one
  /// with fewest DSPs, then LUTs, then cycles of latency, then the smallest factor. Only
  /// factors that change the multiplier count `ceil(products / R)` are priced (the smallest
  /// of each run), and `R = 1`, where pruned weights cost nothing.
  ///
  ///     // 4D Camera at 200 MHz: 2,298.8 cycles per frame; a 16 → 4 dense layer may
  ///     // take R up to 64 products, so one multiplier: R = 64.
  ///     let fit = try model.fitReuse(program: p, framePeriodMicroseconds: 11.494,
  ///                                  inferencesPerFrame: 1)
  ///
  /// - Throws: `CostModelError` for a program the cost model cannot read.
  public func fitReuse(
    program: FixedProgram, framePeriodMicroseconds: Double, inferencesPerFrame: Int,
    architecture: Architecture = .parallel()
  ) throws(CostModelError) -> ReuseFit {
    let base = architecture.with(reuse: 1, overrides: [:])
    let unrolled = try estimate(program: program, architecture: base)
    let periodCycles = framePeriodMicroseconds * clockMHz
    let perFrame = Double(max(inferencesPerFrame, 1))
    let fastest = Double(unrolled.ii) * perFrame
    let instances = fastest <= periodCycles ? 1 : Int((fastest / periodCycles).rounded(.up))
    let allowed = max(Int((Double(instances) * periodCycles / perFrame).rounded(.down)), 1)
    var factors: [String: Int] = [:]
    for (op, row) in zip(program.ops, unrolled.rows) {
      guard let products = scheduledProducts(of: op, in: program) else { continue }
      factors[op.name] = try cheapestReuse(
        op, in: program, base: base, products: products, unrolled: row, allowedII: allowed)
    }
    let report = try estimate(
      program: program, architecture: base.with(reuse: 1, overrides: factors))
    return ReuseFit(factors: factors, instances: instances, allowedII: allowed, report: report)
  }

  /// The cheapest factor of one op whose II stays within `allowedII` (1 if none does).
  private func cheapestReuse(
    _ op: FixedOp, in program: FixedProgram, base: Architecture, products: Int,
    unrolled: CostRow, allowedII: Int
  ) throws(CostModelError) -> Int {
    let largest = min(allowedII / max(unrolled.ii, 1), products)
    var best = (reuse: 1, row: unrolled)
    var reuse = 2
    while reuse <= largest {
      let multipliers = ceilDiv(products, reuse)
      let smallest = ceilDiv(products, multipliers)
      let row = try estimate(
        op: op, in: program, architecture: base.with(reuse: smallest, overrides: [:]))
      if row.ii <= allowedII, Self.isCheaper(row, smallest, than: best.row, best.reuse) {
        best = (smallest, row)
      }
      guard multipliers > 1 else { break }
      reuse = (products - 1) / (multipliers - 1) + 1
    }
    return best.reuse
  }

  /// Fewer DSPs, then fewer LUTs, then less latency, then the smaller factor.
  private static func isCheaper(_ a: CostRow, _ ra: Int, than b: CostRow, _ rb: Int) -> Bool {
    (a.resources.dsp, a.resources.lut, a.latencyCycles, ra)
      < (b.resources.dsp, b.resources.lut, b.latencyCycles, rb)
  }
}
