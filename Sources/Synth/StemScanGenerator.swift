/// Synthetic 4D-STEM scans for strain mapping: square scans of diffraction frames of one
/// known crystal whose strain and rotation vary smoothly across each scan, with the local
/// deformation of every frame as its label.
///
/// The unstrained crystal is fixed (a network must know the reference to measure strain):
/// a square reciprocal lattice with `spacing` pixels between first-order disks, disks of the
/// probe's `radius`. Frames are numbered scan by scan, row-major within a scan; each scan
/// has its own random field, and frame `i` depends only on the seed and `i`. The dose is
/// the expected number of electrons per frame; frames are divided by their maximum.
///
/// ```swift
/// let generator = try StemScanGenerator(seed: 1, size: 64, dose: .fixed(1e4))
/// let frame = generator.sample(0)  // frame.image: 4,096 values; frame.deformation: labels
/// ```
public struct StemScanGenerator: Sendable {
  /// One frame and the truth about it.
  public struct Sample: Sendable {
    /// The frame, row-major, divided by its maximum.
    public var image: [Float]
    /// The local strain and rotation: the labels.
    public var deformation: Deformation
    /// The scan the frame belongs to and its probe position.
    public var scan: Int, row: Int, column: Int
    /// The dose the frame received (`nil`: noiseless).
    public var dose: Double?
  }

  /// The seed every scan's and frame's random stream derives from.
  public var seed: UInt64
  /// The frame's side in pixels.
  public var size: Int
  /// Electrons per frame, or `nil` for noiseless frames.
  public var dose: Dose?
  /// The scan's side in probe positions: `width²` frames per scan.
  public var scanWidth: Int
  /// The bound on |εxx|, |εyy|, |εxy|.
  public var maximumStrain: Double
  /// The bound on |θ|, in radians.
  public var maximumRotation: Double
  /// The distance between first-order disks of the unstrained crystal, in pixels.
  public var spacing: Double
  /// The probe's radius in pixels.
  public var radius: Double
  /// The beam stop's radius in pixels, or 0 for none.
  public var beamStop: Double

  /// A generator; spacing and radius default to 10 and 3 pixels per 64 of frame size.
  public init(
    seed: UInt64, size: Int = 64, dose: Dose?, scanWidth: Int = 16,
    maximumStrain: Double = 0.03, maximumRotation: Double = 0.05, spacing: Double? = nil,
    radius: Double? = nil, beamStop: Bool = false
  ) throws(SynthError) {
    guard (16...1024).contains(size) else {
      throw .outOfRange(parameter: "size", value: "\(size)", expected: "16 to 1024 pixels")
    }
    guard (1...4096).contains(scanWidth) else {
      throw .outOfRange(
        parameter: "scan width", value: "\(scanWidth)", expected: "1 to 4096 positions")
    }
    guard (0..<0.5).contains(maximumStrain) else {
      throw .outOfRange(
        parameter: "maximum strain", value: "\(maximumStrain)", expected: "0 to 0.5")
    }
    guard (0...0.5).contains(maximumRotation) else {
      throw .outOfRange(
        parameter: "maximum rotation", value: "\(maximumRotation)",
        expected: "0 to 0.5 radians")
    }
    let scale = Double(size) / 64
    self.seed = seed
    self.size = size
    self.dose = dose
    self.scanWidth = scanWidth
    self.maximumStrain = maximumStrain
    self.maximumRotation = maximumRotation
    self.spacing = spacing ?? 10 * scale
    self.radius = radius ?? 3 * scale
    self.beamStop = beamStop ? 1.6 * (radius ?? 3 * scale) : 0
  }

  /// The unstrained reciprocal basis, in pixels.
  public var basis: (SIMD2<Double>, SIMD2<Double>) { (SIMD2(spacing, 0), SIMD2(0, spacing)) }

  /// The field of scan `scan`.
  public func field(scan: Int) -> StrainField {
    var random = SplitMix64(seed: seed ^ 0x5343_414E, stream: scan)
    return StrainField(
      width: scanWidth, maximumStrain: maximumStrain, maximumRotation: maximumRotation,
      random: &random)
  }

  /// The noiseless pattern of a frame with `deformation`.
  public func pattern(_ deformation: Deformation) -> DiffractionPattern {
    DiffractionPattern(
      size: size, g1: deformation.applied(to: basis.0), g2: deformation.applied(to: basis.1),
      radius: radius, beamStop: beamStop, background: 0.02)
  }

  /// Frame `index` of the data set.
  public func sample(_ index: Int) -> Sample {
    sample(index, field: field(scan: index / (scanWidth * scanWidth)))
  }

  /// Frame `index`, given its scan's field (to avoid redrawing it per frame).
  public func sample(_ index: Int, field: StrainField) -> Sample {
    let perScan = scanWidth * scanWidth
    let position = index % perScan
    let (row, column) = (position / scanWidth, position % scanWidth)
    let deformation = field.deformation(row: row, column: column)
    let image = pattern(deformation).render()
    var random = SplitMix64(seed: seed, stream: index)
    let drawn = dose?.draw(&random)
    let frame = drawn.map { PoissonNoise.counts(image, dose: $0, random: &random) } ?? image
    return Sample(
      image: PoissonNoise.maxScaled(frame), deformation: deformation, scan: index / perScan,
      row: row, column: column, dose: drawn)
  }
}
