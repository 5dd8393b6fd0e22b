import Foundation
import Synth
import Testing

/// Lattice-symmetry frames: every label is the class of the lattice drawn.
@Suite struct LatticeGeneratorTests {
  /// The class of a reciprocal basis from its shape alone: lengths equal or not (the
  /// generator keeps them 20 % apart) and the angle's distance to 60° or 90°.
  static func classify(_ g1: SIMD2<Double>, _ g2: SIMD2<Double>) -> BravaisLattice {
    let l1 = (g1 * g1).sum().squareRoot()
    let l2 = (g2 * g2).sum().squareRoot()
    let angle = acos((g1 * g2).sum() / (l1 * l2)) * 180 / Double.pi
    let equal = abs(l1 - l2) < 1e-9 * l1
    let right = abs(angle - 90) < 1e-9
    switch (equal, right) {
    case (true, true): return .square
    case (false, true): return .rectangular
    case (true, false): return abs(angle - 60) < 1e-9 ? .hexagonal : .centredRectangular
    case (false, false): return .oblique
    }
  }

  @Test func labelsEveryFrameWithItsLatticesClass() throws {
    let generator = try LatticeGenerator(seed: 21, dose: .fixed(1000))
    var seen = Set<BravaisLattice>()
    for index in 0..<200 {
      let sample = generator.sample(index)
      #expect(Self.classify(sample.basis.0, sample.basis.1) == sample.lattice, "frame \(index)")
      #expect(sample.image.count == 64 * 64 && sample.image.max() == 1)
      seen.insert(sample.lattice)
    }
    #expect(seen.count == 5)
  }

  @Test func numbersClassesInTheDocumentedOrder() {
    #expect(
      BravaisLattice.allCases.map(\.index) == [0, 1, 2, 3, 4]
        && BravaisLattice.allCases.map(\.rawValue) == [
          "oblique", "rectangular", "centred-rectangular", "square", "hexagonal",
        ])
  }

  @Test func refusesStrainsThatBlurTheClasses() {
    #expect(throws: SynthError.self) {
      try LatticeGenerator(seed: 0, dose: nil, maximumStrain: 0.05)
    }
  }
}
