/// Running statistics of one tensor over calibration chunks, in memory bounded by the
/// percentiles asked for rather than by the number of frames.
///
/// Exact high percentiles of `|x|` need only the largest values: with `n` values, the
/// `p`-th percentile reads ranks `⌊p/100·(n−1)⌋` and the one above, so keeping the
/// `n − ⌊p_min/100·(n−1)⌋ + 1` largest magnitudes suffices (1% of the values for `p_min = 99`).
/// The accumulator keeps candidates above a threshold and, when they reach twice that
/// capacity, selects the capacity's worth of largest ones and raises the threshold to the
/// smallest of those.
struct TensorAccumulator {
  /// The smallest and largest `floor(log2 |x|)` of a nonzero finite Float.
  private static let exponents = -149...127

  let name: String
  let shape: [Int]
  private let capacity: Int
  private var count = 0
  private var nonFinite = 0
  private var zeros = 0
  private var minimum = Float.infinity
  private var maximum = -Float.infinity
  private var sum: Double = 0
  private var bands = [Int](repeating: 0, count: exponents.count)
  /// Candidates for the `capacity` largest magnitudes, unordered.
  private var largest: [Float] = []
  /// Magnitudes at or below this cannot change the `capacity` largest (−1 until it is full).
  private var threshold: Float = -1

  /// An accumulator for `expectedCount` values (frames × elements) and the given percentiles.
  init(name: String, shape: [Int], expectedCount: Int, percentiles: [Double]) {
    self.name = name
    self.shape = shape
    if let lowest = percentiles.min(), expectedCount > 0 {
      let rank = Int((lowest / 100 * Double(expectedCount - 1)).rounded(.down))
      capacity = expectedCount - rank + 1
    } else {
      capacity = 0
    }
  }

  /// Adds a chunk's values.
  ///
  /// One pass over the chunk with the state in locals: this loop runs for every value of
  /// every tensor of every frame, so it reads the exponent from the bit pattern instead of
  /// going through `Float.exponent` and `isFinite`.
  mutating func add(_ values: [Float]) {
    var (low, high, sum, zeros, nonFinite) = (minimum, maximum, Double(0), 0, 0)
    var (bands, largest, threshold) = (self.bands, self.largest, self.threshold)
    self.largest = []
    values.withUnsafeBufferPointer { buffer in
      for value in buffer {
        let bits = value.bitPattern & 0x7FFF_FFFF
        let biased = Int(bits >> 23)
        if biased == 0xFF {
          nonFinite &+= 1
          continue
        }
        low = Swift.min(low, value)
        high = Swift.max(high, value)
        sum += Double(value)
        let magnitude = Float(bitPattern: bits)
        if biased != 0 {
          bands[biased - 127 - Self.exponents.lowerBound] &+= 1
        } else if bits == 0 {
          zeros &+= 1
        } else {
          bands[Int(magnitude.exponent) - Self.exponents.lowerBound] &+= 1
        }
        if magnitude > threshold, capacity > 0 {
          largest.append(magnitude)
          if largest.count >= 2 * capacity {
            threshold = Self.keepLargest(capacity, of: &largest)
          }
        }
      }
    }
    count += values.count - nonFinite
    (minimum, maximum, self.sum) = (low, high, self.sum + sum)
    (self.zeros, self.nonFinite) = (self.zeros + zeros, self.nonFinite + nonFinite)
    (self.bands, self.largest, self.threshold) = (bands, largest, threshold)
  }

  /// Keeps the `capacity` largest of `values` (in no order) and returns the smallest kept.
  ///
  /// Quickselect (Hoare partition, median-of-three pivot): linear time, where sorting the
  /// candidates each time was a fifth of calibration's run time.
  private static func keepLargest(_ capacity: Int, of values: inout [Float]) -> Float {
    let target = capacity - 1
    values.withUnsafeMutableBufferPointer { v in
      var (low, high) = (0, v.count - 1)
      while low < high {
        let (a, b, c) = (v[low], v[low + (high - low) / 2], v[high])
        let pivot = Swift.max(Swift.min(a, b), Swift.min(Swift.max(a, b), c))
        var (i, j) = (low, high)
        while i <= j {
          while v[i] > pivot { i += 1 }
          while v[j] < pivot { j -= 1 }
          if i <= j {
            v.swapAt(i, j)
            i += 1
            j -= 1
          }
        }
        // Now v[low...j] ≥ pivot ≥ v[i...high], and elements strictly between equal the pivot.
        if target <= j {
          high = j
        } else if target >= i {
          low = i
        } else {
          break
        }
      }
    }
    values.removeLast(values.count - capacity)
    return values.min() ?? 0
  }

  /// The finished statistics, with `percentiles` of `|x|` interpolated as NumPy's default.
  func statistics(percentiles: [Double]) -> TensorStatistics {
    let ascending = largest.sorted(by: >).prefix(capacity).reversed() as [Float]
    let offset = count - ascending.count
    let values = percentiles.map { percentile in
      guard count > 0 else { return Percentile(percentile: percentile, value: 0) }
      let position = percentile / 100 * Double(count - 1)
      let low = Int(position.rounded(.down))
      let high = Swift.min(low + 1, count - 1)
      precondition(low >= offset, "percentile \(percentile) of \(name) below the kept values")
      let a = Double(ascending[low - offset])
      let b = Double(ascending[high - offset])
      return Percentile(percentile: percentile, value: Self.lerp(a, b, position - Double(low)))
    }
    let used = bands.indices.filter { bands[$0] > 0 }
    let histogram =
      if let first = used.first, let last = used.last {
        Log2Histogram(
          lowestExponent: first + Self.exponents.lowerBound, counts: Array(bands[first...last]))
      } else {
        Log2Histogram(lowestExponent: 0, counts: [])
      }
    let seen = count > 0
    return TensorStatistics(
      name: name, shape: shape, count: count, nonFinite: nonFinite, zeros: zeros,
      min: seen ? minimum : 0, max: seen ? maximum : 0, mean: seen ? sum / Double(count) : 0,
      maxAbs: seen ? Swift.max(-minimum, maximum) : 0, absPercentiles: values,
      log2Histogram: histogram)
  }

  /// NumPy's `_lerp`: `a + (b − a)·t`, computed from `b` when `t ≥ 0.5` so `t = 1` gives `b`.
  private static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
    let difference = b - a
    return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
  }
}
