/// Synthetic Bragg-peak patches for BraggNN: a pseudo-Voigt peak near the middle of a small
/// patch, on a flat background, with counting noise, min-max scaled to [0, 1], and its true
/// centre.
///
/// Patch `i` depends only on the seed and `i`. The centre is uniform within ±`offset` pixels
/// of the middle on each axis; the widths, the Lorentzian fraction and the background are
/// uniform in their ranges; the dose is the expected number of counts in the patch.
///
/// ```swift
/// let generator = try BraggPeakGenerator(seed: 7, dose: .fixed(1000))
/// let sample = generator.sample(0)  // sample.patch: 121 values in [0, 1]
/// ```
public struct BraggPeakGenerator: Sendable {
  /// One patch and the truth about it.
  public struct Sample: Sendable {
    /// The patch, row-major, min-max scaled to [0, 1].
    public var patch: [Float]
    /// The peak that was drawn; its `row` and `column` are the true centre in pixels.
    public var peak: PseudoVoigtPeak
    /// The dose the patch received (`nil`: noiseless).
    public var dose: Double?
  }

  /// The seed every patch's random stream derives from.
  public var seed: UInt64
  /// The patch's side in pixels (11 for the published BraggNN).
  public var size: Int
  /// Expected counts per patch, or `nil` for noiseless patches.
  public var dose: Dose?
  /// The largest distance of the centre from the middle, per axis, in pixels.
  public var offset: Double
  /// The range of the Gaussian widths σ, per axis, in pixels.
  public var sigma: ClosedRange<Double>
  /// The range of the Lorentzian half widths γ, per axis, in pixels.
  public var gamma: ClosedRange<Double>
  /// The range of the Lorentzian fraction η.
  public var eta: ClosedRange<Double>
  /// The range of the flat background, as a fraction of the peak's maximum.
  public var background: ClosedRange<Double>

  /// A generator; throws if the patch is smaller than 5 pixels or the offset does not fit.
  public init(
    seed: UInt64, size: Int = 11, dose: Dose?, offset: Double = 1.5,
    sigma: ClosedRange<Double> = 0.5...1.5, gamma: ClosedRange<Double> = 0.5...1.5,
    eta: ClosedRange<Double> = 0...0.7, background: ClosedRange<Double> = 0...0.1
  ) throws(SynthError) {
    guard (5...1024).contains(size) else {
      throw .outOfRange(parameter: "size", value: "\(size)", expected: "5 to 1024 pixels")
    }
    guard offset >= 0, offset <= Double(size - 1) / 2 else {
      throw .outOfRange(
        parameter: "offset", value: "\(offset)",
        expected: "0 to \(Double(size - 1) / 2) pixels for a \(size)-pixel patch")
    }
    self.seed = seed
    self.size = size
    self.dose = dose
    self.offset = offset
    self.sigma = sigma
    self.gamma = gamma
    self.eta = eta
    self.background = background
  }

  /// Patch `index` of the data set.
  public func sample(_ index: Int) -> Sample {
    var random = SplitMix64(seed: seed, stream: index)
    let middle = Double(size - 1) / 2
    let peak = PseudoVoigtPeak(
      row: middle + random.uniform(-offset...offset),
      column: middle + random.uniform(-offset...offset),
      sigma: (random.uniform(sigma), random.uniform(sigma)),
      gamma: (random.uniform(gamma), random.uniform(gamma)), eta: random.uniform(eta))
    let level = random.uniform(background)
    let image = peak.patch(size: size).map { $0 + level }
    guard let dose else {
      return Sample(patch: PoissonNoise.minMaxScaled(image), peak: peak, dose: nil)
    }
    let drawn = dose.draw(&random)
    let counts = PoissonNoise.counts(image, dose: drawn, random: &random)
    return Sample(patch: PoissonNoise.minMaxScaled(counts), peak: peak, dose: drawn)
  }
}
