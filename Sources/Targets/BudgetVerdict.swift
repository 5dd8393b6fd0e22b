/// Whether an estimated design keeps up with a detector: the frame period against the
/// design's initiation interval times the inferences each frame needs, and, when one
/// instance is too slow, how many parallel instances would be and whether they fit.
///
/// An **estimate**, like the `CostReport` it comes from. The rule (docs/budgets.md): one
/// instance is busy `II × K` cycles per frame for `K` inferences; it keeps up when that is at
/// most the frame period in cycles, `period_us × clock_MHz`. Otherwise `n = ceil(II × K /
/// period cycles)` instances share the frames (or the inferences of a frame), and they fit
/// when `n ×` the design's resources are within the device. Latency does not decide the
/// verdict: a pipelined design keeps up as long as it accepts a new input every II cycles,
/// and results then arrive `latency / period` frames later.
///
///     // II 64 cycles at 200 MHz, 1 inference per 11.494 µs frame (2,298.8 cycles):
///     // busy 64 cycles = 0.32 µs, one instance keeps up.
///     let verdict = report.verdict(for: camera)
///     verdict.keepsUp  // true
public struct BudgetVerdict: Sendable, Equatable {
  /// The detector's catalogue name.
  public var detector: String
  /// The frame period in µs (the detector's `budget_us`).
  public var framePeriodMicroseconds: Double
  /// Inferences each frame needs (`--per-frame`, else the detector's).
  public var inferencesPerFrame: Int
  /// The clock the cycles are counted at, in MHz.
  public var clockMHz: Double
  /// One inference's latency in cycles.
  public var latencyCycles: Int
  /// Cycles between the starts of two inferences on one instance.
  public var ii: Int
  /// One instance's resources.
  public var resources: ResourceUsage
  /// The device's resources.
  public var available: ResourceUsage

  /// Creates a verdict from its parts; `CostReport.verdict(for:inferencesPerFrame:)` is the
  /// usual way.
  public init(
    detector: String, framePeriodMicroseconds: Double, inferencesPerFrame: Int,
    clockMHz: Double, latencyCycles: Int, ii: Int, resources: ResourceUsage,
    available: ResourceUsage
  ) {
    self.detector = detector
    self.framePeriodMicroseconds = framePeriodMicroseconds
    self.inferencesPerFrame = inferencesPerFrame
    self.clockMHz = clockMHz
    self.latencyCycles = latencyCycles
    self.ii = ii
    self.resources = resources
    self.available = available
  }

  /// The frame period in clock cycles (not an integer in general).
  public var framePeriodCycles: Double { framePeriodMicroseconds * clockMHz }

  /// Cycles one instance is busy per frame: `II × inferences per frame`.
  public var busyCyclesPerFrame: Int { ii * inferencesPerFrame }

  /// Time one instance is busy per frame, in µs.
  public var requiredMicroseconds: Double { Double(busyCyclesPerFrame) / clockMHz }

  /// One inference's latency in µs.
  public var latencyMicroseconds: Double { Double(latencyCycles) / clockMHz }

  /// The initiation interval in µs.
  public var iiMicroseconds: Double { Double(ii) / clockMHz }

  /// Whether one instance keeps up with the frame rate.
  public var keepsUp: Bool { Double(busyCyclesPerFrame) <= framePeriodCycles }

  /// Parallel instances needed to keep up: 1 when one does, else
  /// `ceil(busy cycles / period cycles)`.
  public var instances: Int {
    keepsUp ? 1 : Int((Double(busyCyclesPerFrame) / framePeriodCycles).rounded(.up))
  }

  /// The resources of `instances` copies of the design.
  public var totalResources: ResourceUsage { resources * instances }

  /// `totalResources` as a share of the device, in percent per resource.
  public var utilisation: [String: Double] { totalResources.percent(of: available) }

  /// Whether `instances` copies fit the device.
  public var fits: Bool { totalResources.fits(in: available) }

  /// The share of the frame period one instance is busy, in percent (above 100 when one
  /// instance cannot keep up).
  public var busyPercent: Double { 100 * Double(busyCyclesPerFrame) / framePeriodCycles }
}

extension CostReport {
  /// Compares the estimate with `detector`'s frame period for `inferencesPerFrame`
  /// inferences per frame (the detector's own count when nil).
  public func verdict(for detector: Detector, inferencesPerFrame: Int? = nil) -> BudgetVerdict {
    BudgetVerdict(
      detector: detector.name, framePeriodMicroseconds: detector.budgetMicroseconds,
      inferencesPerFrame: inferencesPerFrame ?? detector.inferencesPerFrame, clockMHz: clockMHz,
      latencyCycles: latencyCycles, ii: ii, resources: resources, available: available)
  }
}
