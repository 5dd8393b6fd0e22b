import Foundation
import Synth
import Testing

/// Diffraction frames: disks sit at the reciprocal-lattice positions of the deformed
/// crystal, computed here independently, through the real-space lattice.
@Suite struct DiffractionPatternTests {
  /// The reciprocal basis of a crystal whose unstrained reciprocal basis is `s·x̂`, `s·ŷ`,
  /// deformed in real space by `a′ = R(θ)(I + ε)a`: the real basis is `a_i = x̂_i / s`, and
  /// the new reciprocal vectors solve `a′_i · g′_j = δ_ij` (solved by Cramer's rule).
  static func expectedBasis(spacing s: Double, _ d: Deformation) -> (
    SIMD2<Double>, SIMD2<Double>
  ) {
    func real(_ a: SIMD2<Double>) -> SIMD2<Double> {
      let stretched = SIMD2(
        (1 + d.exx) * a.x + d.exy * a.y, d.exy * a.x + (1 + d.eyy) * a.y)
      return SIMD2(
        cos(d.theta) * stretched.x - sin(d.theta) * stretched.y,
        sin(d.theta) * stretched.x + cos(d.theta) * stretched.y)
    }
    let a1 = real(SIMD2(1 / s, 0))
    let a2 = real(SIMD2(0, 1 / s))
    // Rows a1, a2 of A; G = A⁻¹ has the g′ as columns.
    let det = a1.x * a2.y - a1.y * a2.x
    return (SIMD2(a2.y / det, -a2.x / det), SIMD2(-a1.y / det, a1.x / det))
  }

  /// The intensity-weighted centroid (x, y) of the pixels within `radius` of `point`.
  static func centroid(_ image: [Double], size: Int, around point: SIMD2<Double>, radius: Double)
    -> SIMD2<Double>
  {
    var (total, x, y) = (0.0, 0.0, 0.0)
    for row in 0..<size {
      for column in 0..<size {
        let dx = Double(column) - point.x
        let dy = Double(row) - point.y
        guard dx * dx + dy * dy <= radius * radius else { continue }
        let value = image[row * size + column]
        total += value
        x += value * Double(column)
        y += value * Double(row)
      }
    }
    return SIMD2(x / total, y / total)
  }

  /// Zero strain: first-order disks 10 px apart around the direct beam at (32, 32), so disk
  /// (h, k) is at (32 + 10h, 32 + 10k), and its rendered centroid is exactly there.
  @Test func putsZeroStrainDisksExactlyAtLatticePositions() throws {
    let generator = try StemScanGenerator(seed: 0, size: 64, dose: nil)
    let pattern = generator.pattern(Deformation())
    var expected: Set<[Double]> = []
    for h in -4...4 {
      for k in -4...4 {
        let x = 32 + 10 * Double(h)
        let y = 32 + 10 * Double(k)
        // A disk of radius 3 touches the frame if its centre is within 3.5 px of it.
        if x > -3.5, x < 66.5, y > -3.5, y < 66.5 { expected.insert([x, y]) }
      }
    }
    #expect(Set(pattern.disks.map { [$0.centre.x, $0.centre.y] }) == expected)
    #expect(pattern.disks.first.map { [$0.h, $0.k] } == [0, 0])
    let image = pattern.render()
    for disk in pattern.disks where disk.centre.min() >= 4 && disk.centre.max() <= 59 {
      let found = Self.centroid(image, size: 64, around: disk.centre, radius: 4.5)
      #expect(abs(found.x - disk.centre.x) < 1e-9 && abs(found.y - disk.centre.y) < 1e-9)
    }
  }

  /// Strained and rotated frames of every size: each disk fully inside the frame has its
  /// rendered centroid within 0.02 px of `h·g′1 + k·g′2` from the independent computation.
  /// (The anti-aliased edge is symmetric, so only pixel sampling moves the centroid.)
  @Test(arguments: [64, 128])
  func putsStrainedDisksAtTheDeformedLatticePositions(size: Int) throws {
    let generator = try StemScanGenerator(seed: 3, size: size, dose: nil)
    let spacing = 10 * Double(size) / 64
    let radius = 3 * Double(size) / 64
    let centre = SIMD2(Double(size / 2), Double(size / 2))
    for index in [0, 17, 100, 255] {
      let sample = generator.sample(index)
      let (g1, g2) = Self.expectedBasis(spacing: spacing, sample.deformation)
      let image = generator.pattern(sample.deformation).render()
      var checked = 0
      for h in -3...3 {
        for k in -3...3 {
          let position = centre + Double(h) * g1 + Double(k) * g2
          guard position.min() > radius + 2, position.max() < Double(size) - radius - 3 else {
            continue
          }
          let found = Self.centroid(image, size: size, around: position, radius: radius + 1.5)
          #expect(
            abs(found.x - position.x) < 0.02 && abs(found.y - position.y) < 0.02,
            "frame \(index) disk (\(h), \(k)): expected \(position), centroid \(found)")
          checked += 1
        }
      }
      #expect(checked >= 9)
    }
  }

  /// A stretch along x of 10 % brings the disks 10/1.1 px apart along x, and a rotation by
  /// 90° turns g1 = (10, 0) into (0, 10): hand-computed cases of the deformation.
  @Test func appliesHandComputedDeformations() {
    let stretched = Deformation(exx: 0.1).applied(to: SIMD2(10, 0))
    #expect(abs(stretched.x - 10 / 1.1) < 1e-12 && stretched.y == 0)
    let turned = Deformation(theta: Double.pi / 2).applied(to: SIMD2(10, 0))
    #expect(abs(turned.x) < 1e-12 && abs(turned.y - 10) < 1e-12)
  }

  /// A scan's labels vary smoothly within the bounds and the frame's pattern is the label's.
  @Test func keepsScanLabelsWithinTheirBounds() throws {
    let generator = try StemScanGenerator(
      seed: 8, dose: .fixed(1000), scanWidth: 8, maximumStrain: 0.02, maximumRotation: 0.04)
    var previous: Deformation?
    for index in 0..<64 {
      let sample = generator.sample(index)
      let d = sample.deformation
      #expect(max(abs(d.exx), abs(d.eyy), abs(d.exy)) <= 0.02 && abs(d.theta) <= 0.04)
      #expect(sample.scan == 0 && sample.row == index / 8 && sample.column == index % 8)
      if let previous, sample.column > 0 {
        // The field's waves have at most 1.5 cycles per scan: neighbours differ by at most
        // 2π·1.5/8 of half the bound.
        #expect(abs(previous.exx - d.exx) <= 0.01 * 2 * Double.pi * 1.5 / 8 + 1e-12)
      }
      previous = d
    }
  }

  @Test func hidesTheDirectBeamBehindABeamStop() throws {
    let generator = try StemScanGenerator(seed: 0, dose: nil, beamStop: true)
    let image = generator.pattern(Deformation()).render()
    #expect(image[32 * 64 + 32] == 0)
    let open = try StemScanGenerator(seed: 0, dose: nil).pattern(Deformation()).render()
    #expect(open[32 * 64 + 32] > 0)
  }
}
