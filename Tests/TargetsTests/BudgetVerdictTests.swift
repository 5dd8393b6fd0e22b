import Targets
import Testing

/// The budget arithmetic on hand-computed numbers: a report with a given II, latency and
/// resources against a detector of a given frame period.
@Suite struct BudgetVerdictTests {
  /// A report of `ii` cycles per inference at `clock` MHz using `dsp` DSPs of 6,840.
  static func report(ii: Int, latency: Int = 500, dsp: Int = 100, clock: Double = 200)
    -> CostReport
  {
    CostReport(
      part: "p", clockMHz: clock, architecture: .parallel(), rows: [],
      resources: ResourceUsage(dsp: dsp, lut: 1000, ff: 2000, bram18: 10),
      available: ResourceUsage(dsp: 6840, lut: 1_182_240, ff: 2_364_480, bram18: 4320, uram: 960),
      latencyCycles: latency, ii: ii)
  }

  static func detector(periodMicroseconds: Double, perFrame: Int = 1) -> Detector {
    Detector(
      name: "d", title: "D", frameHeight: 8, frameWidth: 8, frameRateHz: 1e6 / periodMicroseconds,
      budgetMicroseconds: periodMicroseconds, inferencesPerFrame: perFrame, source: "test")
  }

  /// 4D Camera: 11.494 µs at 200 MHz is 2,298.8 cycles. II 64 is busy 64 cycles = 0.32 µs,
  /// 2.784 % of the frame; one instance; latency 500 cycles = 2.5 µs.
  @Test func oneInstanceKeepsUp() {
    let v = Self.report(ii: 64).verdict(for: Self.detector(periodMicroseconds: 11.494))
    #expect(abs(v.framePeriodCycles - 2298.8) < 1e-9)
    #expect(v.busyCyclesPerFrame == 64 && v.requiredMicroseconds == 0.32)
    #expect(abs(v.busyPercent - 6400 / 2298.8) < 1e-12)
    #expect(v.keepsUp && v.instances == 1 && v.fits)
    #expect(v.latencyMicroseconds == 2.5 && v.iiMicroseconds == 0.32)
    #expect(v.totalResources.dsp == 100)
  }

  /// 50 inferences per frame at II 64: 3,200 busy cycles against 2,298.8 needs
  /// ceil(1.392) = 2 instances; 2 × 3,000 DSPs = 6,000 of 6,840 fit, 2 × 4,000 do not.
  @Test func inferencesPerFrameMultiplyTheII() {
    let camera = Self.detector(periodMicroseconds: 11.494)
    let v = Self.report(ii: 64, dsp: 3000).verdict(for: camera, inferencesPerFrame: 50)
    #expect(v.busyCyclesPerFrame == 3200 && !v.keepsUp && v.instances == 2)
    #expect(v.totalResources.dsp == 6000 && v.totalResources.lut == 2000 && v.fits)
    #expect(abs((v.utilisation["dsp"] ?? 0) - 600_000.0 / 6840) < 1e-9)
    let big = Self.report(ii: 64, dsp: 4000).verdict(for: camera, inferencesPerFrame: 50)
    #expect(big.instances == 2 && big.totalResources.dsp == 8000 && !big.fits)
  }

  /// The detector's own count is the default: 50 peaks per HEDM frame.
  @Test func detectorCountIsTheDefault() {
    let hedm = Self.detector(periodMicroseconds: 100_000, perFrame: 50)
    #expect(Self.report(ii: 64).verdict(for: hedm).busyCyclesPerFrame == 3200)
    #expect(Self.report(ii: 64).verdict(for: hedm, inferencesPerFrame: 1).busyCyclesPerFrame == 64)
  }

  /// EMPAD-G2: 100 µs at 200 MHz is exactly 20,000 cycles. II 400 × 50 = 20,000 keeps up
  /// (the boundary counts); II 401 × 50 = 20,050 needs 2 instances; II 1,201 × 50 =
  /// 60,050 needs ceil(3.0025) = 4.
  @Test func theBoundaryAndTheInstanceCount() {
    let g2 = Self.detector(periodMicroseconds: 100)
    #expect(Self.report(ii: 400).verdict(for: g2, inferencesPerFrame: 50).keepsUp)
    let over = Self.report(ii: 401).verdict(for: g2, inferencesPerFrame: 50)
    #expect(!over.keepsUp && over.instances == 2)
    #expect(Self.report(ii: 1201).verdict(for: g2, inferencesPerFrame: 50).instances == 4)
  }

  /// Latency does not decide: 5,000 cycles of latency (25 µs) at II 1 keeps up with a
  /// 11.494 µs frame; the clock does: II 64 at 5 MHz is 12.8 µs, too slow.
  @Test func latencyDoesNotDecideTheClockDoes() {
    let camera = Self.detector(periodMicroseconds: 11.494)
    #expect(Self.report(ii: 1, latency: 5000).verdict(for: camera).keepsUp)
    let slow = Self.report(ii: 64, clock: 5).verdict(for: camera)
    #expect(!slow.keepsUp && slow.instances == 2 && slow.requiredMicroseconds == 12.8)
  }

  /// A design too large for the device does not fit even when it keeps up.
  @Test func oneInstanceTooLarge() {
    let v = Self.report(ii: 1, dsp: 6841).verdict(for: Self.detector(periodMicroseconds: 10))
    #expect(v.keepsUp && v.instances == 1 && !v.fits)
  }
}
