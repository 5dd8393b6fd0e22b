import Foundation

/// A convergent-beam diffraction frame of a 2D crystal seen down a zone axis: a disk of the
/// probe's radius at every reciprocal-lattice point, brightest at the centre and fading with
/// `|g|`, optionally behind a beam stop.
///
/// Positions are in pixels, `x` along columns and `y` along rows, pixel `(r, c)` centred at
/// `(x, y) = (c, r)`; the direct beam sits at `(size/2, size/2)`. A disk's edge is
/// anti-aliased over one pixel (coverage `clamp(radius + 0.5 − d, 0, 1)` at distance `d`),
/// which is symmetric about the centre, so a disk's intensity-weighted centroid is its
/// position.
///
/// ```swift
/// let pattern = DiffractionPattern(size: 64, g1: [10, 0], g2: [0, 10], radius: 3)
/// pattern.disks.count   // every (h, k) whose disk touches the frame
/// pattern.render()      // 4,096 values, row-major
/// ```
public struct DiffractionPattern: Sendable {
  /// One Bragg disk.
  public struct Disk: Sendable, Equatable {
    /// The first reciprocal-lattice index.
    public var h: Int
    /// The second reciprocal-lattice index: the disk sits at `h·g1 + k·g2`.
    public var k: Int
    /// The centre in pixels (x = column, y = row).
    public var centre: SIMD2<Double>
    /// The disk's brightness relative to the first-order disks at `|g| = 0`.
    public var amplitude: Double
  }

  /// The frame's side in pixels.
  public var size: Int
  /// The probe's radius in pixels: every disk's radius.
  public var radius: Double
  /// The disks that touch the frame, the direct beam first.
  public var disks: [Disk]
  /// The radius of the beam stop over the direct beam, or 0 for none.
  public var beamStop: Double
  /// A flat diffuse background, as a fraction of the summed disk intensity.
  public var background: Double

  /// The pattern of the reciprocal basis `g1`, `g2` (pixels): disk amplitudes fall as
  /// `exp(−|g|²/(2·falloff²))`, the direct beam is `centralBrightness` times that at
  /// `|g| = 0`; `falloff` defaults to a quarter of the frame.
  public init(
    size: Int, g1: SIMD2<Double>, g2: SIMD2<Double>, radius: Double,
    falloff: Double? = nil, centralBrightness: Double = 1.5, beamStop: Double = 0,
    background: Double = 0
  ) {
    self.size = size
    self.radius = radius
    self.beamStop = beamStop
    self.background = background
    let centre = SIMD2(Double(size / 2), Double(size / 2))
    let width = falloff ?? Double(size) / 4
    let area = abs(g1.x * g2.y - g1.y * g2.x)
    // A lattice point at (h, k) lies at least |h|·area/|g2| from the line through g2, so
    // points beyond the frame's reach need not be visited.
    let reach = Double(size) * 0.75 + radius
    let hLimit = Int((reach * (g2 * g2).sum().squareRoot() / area).rounded(.up))
    let kLimit = Int((reach * (g1 * g1).sum().squareRoot() / area).rounded(.up))
    var disks: [Disk] = []
    for h in -hLimit...hLimit {
      for k in -kLimit...kLimit {
        let g = Double(h) * g1 + Double(k) * g2
        let position = centre + g
        let low = -radius - 0.5
        let high = Double(size - 1) + radius + 0.5
        guard position.x > low, position.x < high, position.y > low, position.y < high else {
          continue
        }
        let squared = (g * g).sum()
        let amplitude =
          exp(-squared / (2 * width * width)) * (h == 0 && k == 0 ? centralBrightness : 1)
        disks.append(Disk(h: h, k: k, centre: position, amplitude: amplitude))
      }
    }
    self.disks = disks.sorted {
      ($0.centre - centre).squaredLength < ($1.centre - centre).squaredLength
    }
  }

  /// The noiseless frame, row-major, `size × size` values.
  public func render() -> [Double] {
    var image = [Double](repeating: 0, count: size * size)
    let reach = radius + 0.5
    for disk in disks {
      let top = max(0, Int((disk.centre.y - reach).rounded(.down)))
      let bottom = min(size - 1, Int((disk.centre.y + reach).rounded(.up)))
      let left = max(0, Int((disk.centre.x - reach).rounded(.down)))
      let right = min(size - 1, Int((disk.centre.x + reach).rounded(.up)))
      guard top <= bottom, left <= right else { continue }
      for row in top...bottom {
        for column in left...right {
          let d = (SIMD2(Double(column), Double(row)) - disk.centre).squaredLength.squareRoot()
          let coverage = min(max(reach - d, 0), 1)
          image[row * size + column] += disk.amplitude * coverage
        }
      }
    }
    if background > 0 {
      let level = background * image.reduce(0, +) / Double(image.count)
      for index in image.indices { image[index] += level }
    }
    if beamStop > 0 {
      // The stop blocks everything behind it, the diffuse background too.
      let centre = SIMD2(Double(size / 2), Double(size / 2))
      for index in image.indices {
        let point = SIMD2(Double(index % size), Double(index / size))
        if (point - centre).squaredLength <= beamStop * beamStop { image[index] = 0 }
      }
    }
    return image
  }
}

extension SIMD2 where Scalar == Double {
  /// The squared Euclidean length.
  var squaredLength: Double { (self * self).sum() }
}
