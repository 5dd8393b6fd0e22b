import Foundation

/// The value ranges of every tensor of a model over a set of calibration frames.
///
/// Quantisation chooses each tensor's integer bits from these ranges, `etch compile
/// --calibration` can reuse a saved table instead of re-running the frames, and plotting
/// scripts read the histograms. The table is `Codable` to this JSON (one object per tensor,
/// graph inputs first, then node outputs in graph order):
///
///     {
///       "format": "etch-calibration", "version": 1,
///       "model": "jet_tagger", "frames": 2000,
///       "percentiles": [99, 99.9, 99.99, 100],
///       "tensors": [
///         {"name": "fc1", "shape": [64], "count": 128000, "nonFinite": 0, "zeros": 3,
///          "min": -4.25, "max": 6.5, "mean": 0.31, "maxAbs": 6.5,
///          "absPercentiles": [{"percentile": 99, "value": 3.9}, ...],
///          "log2Histogram": {"lowestExponent": -12, "counts": [1, 0, 4, ...]}}
///       ]
///     }
///
/// `percentiles` are of `|x|`, as NumPy's default `np.percentile` computes them (linear
/// interpolation between the two nearest ranks), exact rather than estimated.
public struct CalibrationTable: Sendable, Equatable, Codable {
  /// The value of the JSON's `format` field.
  public static let formatName = "etch-calibration"
  /// The JSON layout version this code reads and writes.
  public static let version = 1

  /// The calibrated model's name.
  public var model: String
  /// How many frames were run.
  public var frames: Int
  /// The percentiles of `|x|` recorded for every tensor, ascending, each in `0...100`.
  public var percentiles: [Double]
  /// One entry per tensor: graph inputs, then node outputs in graph order.
  public var tensors: [TensorStatistics]

  /// Creates a table from its parts; `Calibration.run` is the usual way to get one.
  public init(model: String, frames: Int, percentiles: [Double], tensors: [TensorStatistics]) {
    self.model = model
    self.frames = frames
    self.percentiles = percentiles
    self.tensors = tensors
  }

  /// The statistics of the tensor named `name` (a graph input or a node), if recorded.
  public subscript(name: String) -> TensorStatistics? {
    tensors.first { $0.name == name }
  }

  /// The table as pretty-printed JSON with sorted keys, the layout documented above.
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return try encoder.encode(self)
  }

  /// Reads a table written by `jsonData()`; throws `DecodingError` for any other layout.
  public init(jsonData: Data) throws {
    self = try JSONDecoder().decode(CalibrationTable.self, from: jsonData)
  }

  private enum CodingKeys: String, CodingKey {
    case format, version, model, frames, percentiles, tensors
  }

  /// Decodes the documented layout, rejecting another format name or version.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let format = try container.decode(String.self, forKey: .format)
    let version = try container.decode(Int.self, forKey: .version)
    guard format == Self.formatName, version == Self.version else {
      throw DecodingError.dataCorruptedError(
        forKey: .format, in: container,
        debugDescription: "expected \(Self.formatName) version \(Self.version), "
          + "found \(format) version \(version)")
    }
    model = try container.decode(String.self, forKey: .model)
    frames = try container.decode(Int.self, forKey: .frames)
    percentiles = try container.decode([Double].self, forKey: .percentiles)
    tensors = try container.decode([TensorStatistics].self, forKey: .tensors)
  }

  /// Encodes the documented layout, with its format name and version.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.formatName, forKey: .format)
    try container.encode(Self.version, forKey: .version)
    try container.encode(model, forKey: .model)
    try container.encode(frames, forKey: .frames)
    try container.encode(percentiles, forKey: .percentiles)
    try container.encode(tensors, forKey: .tensors)
  }
}

/// The statistics of one tensor over all calibration frames and all of its elements.
///
/// NaN and infinite values are counted in `nonFinite` and left out of everything else, so
/// that one bad frame shows up without poisoning the ranges. When no finite value was seen,
/// `min`, `max`, `mean`, `maxAbs` and the percentiles are 0.
public struct TensorStatistics: Sendable, Equatable, Codable {
  /// The tensor's name: a graph input or a node.
  public var name: String
  /// The tensor's shape for one frame (no batch dimension).
  public var shape: [Int]
  /// How many finite values were seen (frames × elements, less `nonFinite`).
  public var count: Int
  /// How many NaN or infinite values were seen.
  public var nonFinite: Int
  /// How many values were exactly zero (either sign), which no log2 bin can hold.
  public var zeros: Int
  /// The smallest value.
  public var min: Float
  /// The largest value.
  public var max: Float
  /// The mean value, accumulated in Double.
  public var mean: Double
  /// The largest `|x|`, equal to the 100th percentile of `|x|`.
  public var maxAbs: Float
  /// The percentiles of `|x|` in the table's `percentiles` order.
  public var absPercentiles: [Percentile]
  /// How many nonzero values fall in each power-of-two magnitude band.
  public var log2Histogram: Log2Histogram

  /// Creates the statistics of one tensor; calibration computes them.
  public init(
    name: String, shape: [Int], count: Int, nonFinite: Int, zeros: Int, min: Float, max: Float,
    mean: Double, maxAbs: Float, absPercentiles: [Percentile], log2Histogram: Log2Histogram
  ) {
    self.name = name
    self.shape = shape
    self.count = count
    self.nonFinite = nonFinite
    self.zeros = zeros
    self.min = min
    self.max = max
    self.mean = mean
    self.maxAbs = maxAbs
    self.absPercentiles = absPercentiles
    self.log2Histogram = log2Histogram
  }

  /// The recorded value of the `percentile`-th percentile of `|x|`, if it was recorded.
  public func absPercentile(_ percentile: Double) -> Double? {
    absPercentiles.first { $0.percentile == percentile }?.value
  }
}

/// One percentile of `|x|`: `value` is the `percentile`-th percentile (0...100).
public struct Percentile: Sendable, Equatable, Codable {
  /// The percentile asked for, in `0...100`.
  public var percentile: Double
  /// The value at that percentile, interpolated between the two nearest ranks.
  public var value: Double

  /// Creates a percentile entry.
  public init(percentile: Double, value: Double) {
    self.percentile = percentile
    self.value = value
  }
}

/// Counts of nonzero finite values by `floor(log2 |x|)`: the power-of-two band they lie in.
///
/// A value in band `e` (`2^e ≤ |x| < 2^(e+1)`) needs `e + 1` integer bits plus a sign bit in
/// fixed point, so this histogram is what integer-bit choice reads. `counts[i]` is the number
/// of values in band `lowestExponent + i`; both are 0 and empty when no nonzero value was
/// seen.
///
///     // |x| values 0.3, 1.0, 1.5, 5.0 → bands -2, 0, 0, 2
///     Log2Histogram(lowestExponent: -2, counts: [1, 0, 2, 0, 1])
public struct Log2Histogram: Sendable, Equatable, Codable {
  /// The band of `counts[0]`.
  public var lowestExponent: Int
  /// Values per band, from `lowestExponent` upwards.
  public var counts: [Int]

  /// Creates a histogram from its lowest band and its counts.
  public init(lowestExponent: Int, counts: [Int]) {
    self.lowestExponent = lowestExponent
    self.counts = counts
  }

  /// How many values lie in band `exponent` (`2^exponent ≤ |x| < 2^(exponent+1)`).
  public func count(exponent: Int) -> Int {
    let index = exponent - lowestExponent
    return counts.indices.contains(index) ? counts[index] : 0
  }
}
