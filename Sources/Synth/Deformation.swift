import Foundation

/// A small homogeneous deformation of a crystal: the strain tensor's three components and a
/// rigid rotation, the labels a strain-mapping network learns.
///
/// Real-space vectors map as `a′ = R(θ)(I + ε)a`, with `ε = [[εxx, εxy], [εxy, εyy]]`, so
/// reciprocal vectors (and with them the Bragg disks) map as `g′ = R(θ)(I + ε)⁻¹g`: a
/// stretched crystal has its disks closer together. `x` runs along columns and `y` along
/// rows; a positive θ turns `x` towards `y`.
///
/// ```swift
/// Deformation(exx: 0.1).applied(to: [10, 0])  // [9.0909..., 0]: 10 / 1.1
/// ```
public struct Deformation: Sendable, Equatable {
  /// Normal strain along x (columns).
  public var exx: Double
  /// Normal strain along y (rows).
  public var eyy: Double
  /// Shear strain (the tensor's off-diagonal component, not the engineering shear).
  public var exy: Double
  /// Rotation in radians.
  public var theta: Double

  /// A deformation; the identity by default.
  public init(exx: Double = 0, eyy: Double = 0, exy: Double = 0, theta: Double = 0) {
    self.exx = exx
    self.eyy = eyy
    self.exy = exy
    self.theta = theta
  }

  /// The four labels in the order the data sets store them: εxx, εyy, εxy, θ.
  public var labels: [Double] { [exx, eyy, exy, theta] }

  /// Where the reciprocal vector `g` (x, y) moves: `R(θ)(I + ε)⁻¹g`.
  public func applied(to g: SIMD2<Double>) -> SIMD2<Double> {
    let a = 1 + exx
    let d = 1 + eyy
    let determinant = a * d - exy * exy
    let inverse = SIMD2(
      (d * g.x - exy * g.y) / determinant, (-exy * g.x + a * g.y) / determinant)
    let (sine, cosine) = (sin(theta), cos(theta))
    return SIMD2(cosine * inverse.x - sine * inverse.y, sine * inverse.x + cosine * inverse.y)
  }
}
