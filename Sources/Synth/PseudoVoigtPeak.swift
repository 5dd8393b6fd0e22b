import Foundation

/// A two-dimensional pseudo-Voigt peak: the mix `η·L + (1 − η)·G` of a Lorentzian and a
/// Gaussian with the same centre, the line shape BraggNN was trained on.
///
/// Coordinates are pixel indices: pixel `(r, c)` is sampled at its centre `(r, c)`, so an
/// 11×11 patch has its middle at `(5, 5)`. Each profile has its own width per axis.
///
/// ```swift
/// let peak = PseudoVoigtPeak(row: 5.3, column: 4.8, sigma: (1, 1), gamma: (1, 1), eta: 0.5)
/// peak.value(row: 5.3, column: 4.8)  // 1, the maximum
/// ```
public struct PseudoVoigtPeak: Sendable, Equatable {
  /// The centre's row, in pixels.
  public var row: Double
  /// The centre's column, in pixels.
  public var column: Double
  /// The Gaussian's standard deviations along rows and columns, in pixels.
  public var sigma: (row: Double, column: Double)
  /// The Lorentzian's half widths at half maximum along rows and columns, in pixels.
  public var gamma: (row: Double, column: Double)
  /// The Lorentzian fraction, in [0, 1].
  public var eta: Double

  /// A peak with the given centre, widths and Lorentzian fraction.
  public init(
    row: Double, column: Double, sigma: (row: Double, column: Double),
    gamma: (row: Double, column: Double), eta: Double
  ) {
    self.row = row
    self.column = column
    self.sigma = sigma
    self.gamma = gamma
    self.eta = eta
  }

  /// The profile at a point, 1 at the centre.
  public func value(row r: Double, column c: Double) -> Double {
    let dr = r - row
    let dc = c - column
    let gaussian = exp(
      -0.5 * (dr * dr / (sigma.row * sigma.row) + dc * dc / (sigma.column * sigma.column)))
    let lorentzian =
      1 / (1 + dr * dr / (gamma.row * gamma.row) + dc * dc / (gamma.column * gamma.column))
    return eta * lorentzian + (1 - eta) * gaussian
  }

  /// The profile sampled at the centres of a `size`×`size` patch, in row-major order.
  public func patch(size: Int) -> [Double] {
    (0..<size * size).map { value(row: Double($0 / size), column: Double($0 % size)) }
  }

  /// Equal when every field is equal.
  public static func == (a: Self, b: Self) -> Bool {
    a.row == b.row && a.column == b.column && a.sigma == b.sigma && a.gamma == b.gamma
      && a.eta == b.eta
  }
}
