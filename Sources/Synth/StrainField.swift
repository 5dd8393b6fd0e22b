import Foundation

/// A smooth strain and rotation field over a square scan: each of εxx, εyy, εxy and θ is an
/// offset plus one plane wave of random direction and phase, at most `maximum` in size.
///
/// Half the bound goes to the offset and half to the wave, so a scan covers a range of
/// values and neighbouring frames differ a little, as across a real strained crystal.
///
/// ```swift
/// var random = SplitMix64(seed: 1)
/// let field = StrainField(width: 16, maximumStrain: 0.03, maximumRotation: 0.05, random: &random)
/// field.deformation(row: 3, column: 7)
/// ```
public struct StrainField: Sendable {
  /// One component: `offset + amplitude · sin(2π(kx·column + ky·row)/width + phase)`.
  struct Component: Sendable {
    var offset: Double
    var amplitude: Double
    var waveX: Double
    var waveY: Double
    var phase: Double

    init(maximum: Double, random: inout SplitMix64) {
      offset = random.uniform(-maximum / 2...maximum / 2)
      amplitude = random.uniform(0...maximum / 2)
      let direction = random.uniform(0...2 * Double.pi)
      let cycles = random.uniform(0.3...1.5)
      waveX = cycles * cos(direction)
      waveY = cycles * sin(direction)
      phase = random.uniform(0...2 * Double.pi)
    }

    func value(row: Int, column: Int, width: Int) -> Double {
      let angle = 2 * Double.pi * (waveX * Double(column) + waveY * Double(row)) / Double(width)
      return offset + amplitude * sin(angle + phase)
    }
  }

  /// The scan's side in probe positions.
  public var width: Int
  private var components: [Component]

  /// A random field; strains are bounded by `maximumStrain`, the rotation by
  /// `maximumRotation` radians.
  public init(
    width: Int, maximumStrain: Double, maximumRotation: Double, random: inout SplitMix64
  ) {
    self.width = width
    components = [maximumStrain, maximumStrain, maximumStrain, maximumRotation].map {
      Component(maximum: $0, random: &random)
    }
  }

  /// The deformation at one probe position.
  public func deformation(row: Int, column: Int) -> Deformation {
    let values = components.map { $0.value(row: row, column: column, width: width) }
    return Deformation(exx: values[0], eyy: values[1], exy: values[2], theta: values[3])
  }
}
