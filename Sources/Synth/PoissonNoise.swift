/// Counting noise at a dose, and the scaling that makes frames of any dose comparable.
///
/// A noiseless image `I` is a distribution of where electrons land; at dose `D` pixel `i`
/// expects `D · I[i] / ΣI` counts and receives a Poisson draw of that mean, which is how a
/// counting detector sees it.
public enum PoissonNoise {
  /// Counts drawn at `dose` from the expected image `image` (any positive scale).
  public static func counts(
    _ image: [Double], dose: Double, random: inout SplitMix64
  ) -> [Double] {
    let total = image.reduce(0, +)
    guard total > 0 else { return image.map { _ in 0 } }
    let scale = dose / total
    return image.map { random.poisson(mean: $0 * scale) }
  }

  /// The image divided by its maximum, so the brightest pixel is 1 (all zeros stay zeros).
  public static func maxScaled(_ image: [Double]) -> [Float] {
    let peak = image.max() ?? 0
    guard peak > 0 else { return image.map { _ in 0 } }
    return image.map { Float($0 / peak) }
  }

  /// The image mapped linearly onto [0, 1], as BraggNN expects its patches (a flat image
  /// becomes zeros).
  public static func minMaxScaled(_ image: [Double]) -> [Float] {
    let low = image.min() ?? 0
    let high = image.max() ?? 0
    guard high > low else { return image.map { _ in 0 } }
    return image.map { Float(($0 - low) / (high - low)) }
  }
}
