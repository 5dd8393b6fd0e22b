/// Synthetic frames for the lattice-symmetry task: a diffraction frame of a crystal of a
/// random Bravais class, with random orientation, lattice constant, probe radius, strain and
/// dose; the label is the class index (``BravaisLattice/index``).
///
/// A stand-in for STEMDL's space-group classification at a size an FPGA can hold. Per
/// frame: the class uniformly; `|g1|` uniform in 7–13 pixels (per 64 of frame size); the
/// orientation uniform over the circle; each strain component uniform within
/// ±`maximumStrain`; the probe's radius uniform between 1.5 pixels (per 64) and 40 % of
/// the shortest reciprocal vector's length, so disks never overlap.
///
/// ```swift
/// let generator = try LatticeGenerator(seed: 3, size: 64, dose: .logUniform(100...10_000))
/// generator.sample(0).lattice  // e.g. .hexagonal
/// ```
public struct LatticeGenerator: Sendable {
  /// One frame and the truth about it.
  public struct Sample: Sendable {
    /// The frame, row-major, divided by its maximum.
    public var image: [Float]
    /// The class: the label.
    public var lattice: BravaisLattice
    /// The unstrained reciprocal basis at its orientation, in pixels.
    public var basis: (SIMD2<Double>, SIMD2<Double>)
    /// The strain applied on top (its θ is 0: the orientation is in `basis`).
    public var deformation: Deformation
    /// The dose the frame received (`nil`: noiseless).
    public var dose: Double?
  }

  /// The seed every frame's random stream derives from.
  public var seed: UInt64
  /// The frame's side in pixels.
  public var size: Int
  /// Electrons per frame, or `nil` for noiseless frames.
  public var dose: Dose?
  /// The bound on |εxx|, |εyy|, |εxy|.
  public var maximumStrain: Double
  /// Whether a beam stop hides the direct beam.
  public var beamStop: Bool

  /// A generator; throws for sizes below 16 pixels or strains of 5 % or more (which could
  /// blur the classes).
  public init(
    seed: UInt64, size: Int = 64, dose: Dose?, maximumStrain: Double = 0.02,
    beamStop: Bool = false
  ) throws(SynthError) {
    guard (16...1024).contains(size) else {
      throw .outOfRange(parameter: "size", value: "\(size)", expected: "16 to 1024 pixels")
    }
    guard (0..<0.05).contains(maximumStrain) else {
      throw .outOfRange(
        parameter: "maximum strain", value: "\(maximumStrain)",
        expected: "0 to 0.05 for the lattice task")
    }
    self.seed = seed
    self.size = size
    self.dose = dose
    self.maximumStrain = maximumStrain
    self.beamStop = beamStop
  }

  /// Frame `index` of the data set.
  public func sample(_ index: Int) -> Sample {
    var random = SplitMix64(seed: seed, stream: index)
    let scale = Double(size) / 64
    let lattice = BravaisLattice.allCases[random.index(below: BravaisLattice.allCases.count)]
    let (g1, g2) = lattice.basis(length: random.uniform(7...13) * scale, random: &random)
    let orientation = Deformation(theta: random.uniform(0...2 * Double.pi))
    let basis = (orientation.applied(to: g1), orientation.applied(to: g2))
    let m = maximumStrain
    let strain = Deformation(
      exx: random.uniform(-m...m), eyy: random.uniform(-m...m), exy: random.uniform(-m...m))
    let shortest = min(
      (g1 * g1).sum(), (g2 * g2).sum(), ((g2 - g1) * (g2 - g1)).sum()
    ).squareRoot()
    let radius = random.uniform(1.5 * scale...max(1.5 * scale, 0.4 * shortest))
    let pattern = DiffractionPattern(
      size: size, g1: strain.applied(to: basis.0), g2: strain.applied(to: basis.1),
      radius: radius, beamStop: beamStop ? 1.6 * radius : 0, background: 0.02)
    let image = pattern.render()
    let drawn = dose?.draw(&random)
    let frame = drawn.map { PoissonNoise.counts(image, dose: $0, random: &random) } ?? image
    return Sample(
      image: PoissonNoise.maxScaled(frame), lattice: lattice, basis: basis,
      deformation: strain, dose: drawn)
  }
}
