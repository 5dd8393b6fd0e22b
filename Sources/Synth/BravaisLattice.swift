import Foundation

/// The five Bravais lattices of the plane, the classes of the lattice-symmetry task, in the
/// order of their label indices.
///
/// The reciprocal lattice of each is a lattice of the same kind, so a class is drawn
/// directly as a reciprocal basis `g1`, `g2` with lengths `|g1|`, `|g2|` and angle γ:
///
/// | index | class | length of g2 | angle γ |
/// |---|---|---|---|
/// | 0 | oblique | 1.2…1.6 times g1's | 65°…80° |
/// | 1 | rectangular | 1.2…1.6 times g1's | 90° |
/// | 2 | centred rectangular | equal | 68°…82° (a rhombic primitive cell) |
/// | 3 | square | equal | 90° |
/// | 4 | hexagonal | equal | 60° |
///
/// The margins (20 % in length, 8° in angle) keep the classes apart under the few percent
/// of strain the generator adds.
public enum BravaisLattice: String, CaseIterable, Sendable {
  /// No symmetry beyond inversion: unequal lengths, an oblique angle.
  case oblique
  /// Unequal lengths at a right angle.
  case rectangular
  /// Equal lengths at an angle other than 60° or 90° (a centred rectangular cell).
  case centredRectangular = "centred-rectangular"
  /// Equal lengths at a right angle.
  case square
  /// Equal lengths at 60°.
  case hexagonal

  /// The label index: the position in ``allCases``.
  public var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }

  /// A reciprocal basis of this class with `|g1| = length` pixels, orientation 0 (`g1`
  /// along x), the free ratio and angle drawn from `random`.
  public func basis(length: Double, random: inout SplitMix64) -> (SIMD2<Double>, SIMD2<Double>) {
    let (ratio, degrees): (Double, Double) =
      switch self {
      case .oblique: (random.uniform(1.2...1.6), random.uniform(65...80))
      case .rectangular: (random.uniform(1.2...1.6), 90)
      case .centredRectangular: (1, random.uniform(68...82))
      case .square: (1, 90)
      case .hexagonal: (1, 60)
      }
    let angle = degrees * Double.pi / 180
    return (SIMD2(length, 0), SIMD2(cos(angle), sin(angle)) * (length * ratio))
  }
}
