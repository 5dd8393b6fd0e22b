import FixedIR
import FixedPoint
import Targets
import Testing

/// `CostModel.fitReuse` on small layers whose cheapest reuse factor is computed by hand, and
/// against an exhaustive search over every factor.
@Suite struct ReuseFitTests {
  /// The period in µs that gives `cycles` cycles at xcvu9p's 200 MHz (budgets use half
  /// cycles so that rounding in µs cannot move the floor).
  static func period(cycles: Double) -> Double { cycles / 200 }

  /// Dense 16 → 4 (64 products, 16-bit × 8-bit: one DSP each). An II of at most 9 allows
  /// R ≤ 9; R = 8 and R = 9 both need ceil(64/8) = ceil(64/9) = 8 multipliers, so the
  /// smaller (less latency) wins: R = 8, 8 DSPs instead of 64 unrolled.
  @Test func largestUsefulFactorWithinTheBudget() throws {
    let model = CostModel(part: try ultrascalePlus())
    let fit = try model.fitReuse(
      program: denseProgram(inputs: 16, outputs: 4),
      framePeriodMicroseconds: Self.period(cycles: 9.5), inferencesPerFrame: 1)
    #expect(fit.factors == ["fc": 8] && fit.instances == 1 && fit.allowedII == 9)
    #expect(fit.report.resources.dsp == 8 && fit.report.ii == 8)
  }

  /// Two inferences per frame halve the allowed II: 19.5 cycles / 2 → 9, again R = 8. An II
  /// of 64 or more allows one multiplier: R = 64.
  @Test func inferencesPerFrameShrinkTheAllowedII() throws {
    let model = CostModel(part: try ultrascalePlus())
    let program = denseProgram(inputs: 16, outputs: 4)
    let two = try model.fitReuse(
      program: program, framePeriodMicroseconds: Self.period(cycles: 19.5), inferencesPerFrame: 2)
    #expect(two.allowedII == 9 && two.factors == ["fc": 8])
    let slow = try model.fitReuse(
      program: program, framePeriodMicroseconds: Self.period(cycles: 1000.5), inferencesPerFrame: 1)
    #expect(slow.factors == ["fc": 64] && slow.report.resources.dsp == 1)
  }

  /// An II of 1 leaves the layer fully unrolled.
  @Test func noSlackKeepsItUnrolled() throws {
    let fit = try CostModel(part: try ultrascalePlus()).fitReuse(
      program: denseProgram(inputs: 16, outputs: 4),
      framePeriodMicroseconds: Self.period(cycles: 1.5), inferencesPerFrame: 1)
    #expect(fit.factors == ["fc": 1] && fit.report.resources.dsp == 64)
  }

  /// Only the diagonal weights are non-zero: unrolled, 4 DSPs and 4 adders (product + bias)
  /// × 32 bits = 128 LUTs. At R = 16 also 4 DSPs, but 4 accumulating adders (128 LUTs) plus
  /// the 512-bit weight ROM (8 LUTs) = 136: pruning keeps the layer unrolled.
  @Test func prunedWeightsKeepALayerUnrolled() throws {
    let program = denseProgram(inputs: 16, outputs: 4) { o, i in o == i ? 3 : 0 }
    let fit = try CostModel(part: try ultrascalePlus()).fitReuse(
      program: program, framePeriodMicroseconds: Self.period(cycles: 16.5), inferencesPerFrame: 1)
    #expect(fit.factors == ["fc": 1])
    #expect(fit.report.resources.dsp == 4 && fit.report.resources.lut == 128)
  }

  /// A parallel conv2d over 36 output pixels has II 36·R. A 40-cycle frame allows R = 1
  /// (II 36); 20.25 cycles cannot hold even that: 2 instances share the frames, each
  /// allowed floor(2 · 20.25 / 1) = 40 cycles, so R = 1 again. 100 cycles allow R = 2 (II 72):
  /// 72 weights / 2 = 36 DSPs.
  @Test func instancesWhenEvenUnrolledIsTooSlow() throws {
    let model = CostModel(part: try ultrascalePlus())
    let tight = try model.fitReuse(
      program: convProgram(), framePeriodMicroseconds: Self.period(cycles: 20.25),
      inferencesPerFrame: 1)
    #expect(tight.instances == 2 && tight.allowedII == 40 && tight.factors == ["conv": 1])
    let roomy = try model.fitReuse(
      program: convProgram(), framePeriodMicroseconds: Self.period(cycles: 100.5),
      inferencesPerFrame: 1)
    #expect(roomy.instances == 1 && roomy.factors == ["conv": 2])
    #expect(roomy.report.resources.dsp == 36 && roomy.report.ii == 72)
  }

  /// Streamed, the conv takes one input pixel every R cycles: II 64·R. 200 cycles allow
  /// R = 3 (II 192): ceil(72/3) = 24 DSPs.
  @Test func fitsStreamedLayersToo() throws {
    let fit = try CostModel(part: try ultrascalePlus()).fitReuse(
      program: convProgram(), framePeriodMicroseconds: Self.period(cycles: 200.5),
      inferencesPerFrame: 1, architecture: .stream(reuse: 7))
    #expect(fit.factors == ["conv": 3] && fit.allowedII == 200)
    #expect(fit.report.architecture == .stream(reuse: 1, overrides: ["conv": 3]))
    #expect(fit.report.resources.dsp == 24 && fit.report.ii == 192)
  }

  /// Against an exhaustive search: every factor from 1 to the allowed II priced one by one,
  /// the cheapest (DSP, then LUT) taken; the fit must cost the same, on layers with random
  /// zero patterns and several budgets.
  @Test(arguments: [1, 2, 3])
  func matchesAnExhaustiveSearch(seed: UInt64) throws {
    var rng = SplitMix(seed)
    let inputs = Int(rng.next() % 12) + 3
    let outputs = Int(rng.next() % 6) + 1
    let zeros = (0..<(inputs * outputs)).map { _ in rng.next() % 3 == 0 }
    let program = denseProgram(inputs: inputs, outputs: outputs) { o, i in
      zeros[o * inputs + i] ? 0 : 5
    }
    let model = CostModel(part: try ultrascalePlus())
    for allowed in [1, 2, 5, 7, 13, inputs * outputs, 3 * inputs * outputs] {
      let fit = try model.fitReuse(
        program: program, framePeriodMicroseconds: Self.period(cycles: Double(allowed) + 0.5),
        inferencesPerFrame: 1)
      var best: (dsp: Int, lut: Int)?
      for r in 1...allowed {
        let row = try model.estimate(program: program, architecture: .parallel(reuse: r))
        guard row.ii <= allowed else { continue }
        let cost = (row.resources.dsp, row.resources.lut)
        if best.map({ cost < $0 }) ?? true { best = cost }
      }
      let found = (fit.report.resources.dsp, fit.report.resources.lut)
      #expect(
        best.map { $0 == found } == true,
        "seed \(seed), \(inputs)→\(outputs), II ≤ \(allowed): exhaustive \(String(describing: best)), fit \(found) at \(fit.factors)"
      )
    }
  }
}

/// A small deterministic generator, so a failing case can be replayed from its seed.
struct SplitMix {
  var state: UInt64
  init(_ seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
