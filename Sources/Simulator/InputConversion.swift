import FixedPoint

/// A graph input's conversion from float32: `ap_fixed`'s constructor from the exactly
/// widened `double`, with the input format's quantisation and overflow modes.
///
/// Values outside the format count as overflows. Most values are recognised as inside
/// with two `Double` comparisons against the pass band's edges (exact for formats up to 53
/// bits; quantisation is monotone and keeps integers, so a value between two raws' values
/// quantises between them); the rest are quantised once more into a 128-bit saturating
/// format of the same fraction bits, whose raw is then compared with the band. Where the
/// modes allow, four values at a time go through ``Float64Write`` first, up to the first
/// four of which one is outside the band.
struct InputConversion: Sendable {
  let name: String
  let slot: TensorSlot
  let format: FixedFormat
  /// The pass band, as raws and, when exact, as values.
  let bandLow: Int128
  let bandHigh: Int128
  let valueLow: Double
  let valueHigh: Double
  let valuesExact: Bool
  /// Quantisation without overflow, for counting.
  let wide: FixedFormat
  /// Four values at a time, when the format's modes and range allow.
  let vector: Float64Write?

  init(name: String, slot: TensorSlot, format: FixedFormat) throws {
    self.name = name
    self.slot = slot
    self.format = format
    let symmetric = format.saturatesSymmetrically
    bandLow = format.minRaw + (symmetric ? 1 : 0)
    bandHigh = format.maxRaw
    valueLow = format.toDouble(bandLow)
    valueHigh = format.toDouble(bandHigh)
    valuesExact = format.storageWidth <= 53
    wide = try FixedFormat(
      width: 128, integerBits: 128 - format.fractionBits, quantization: format.quantization,
      overflow: .saturate)
    vector = Float64Write(converting: format, low: bandLow, high: bandHigh)
  }

  /// Converts one frame's values into raws, counting values outside the format.
  func convert(
    _ values: UnsafePointer<Float>, into raws: UnsafeMutablePointer<Int64>, _ overflows: inout Int
  ) {
    var start = 0
    if let vector {
      while start + 4 <= slot.count {
        let p = values + start
        // Scalar loads (see `AccumulationPlan.write`): no aligned vector load of floats.
        guard let n = vector(SIMD4(Double(p[0]), Double(p[1]), Double(p[2]), Double(p[3])))
        else { break }
        UnsafeMutableRawPointer(raws + start).storeBytes(of: n, as: SIMD4<Int64>.self)
        start += 4
      }
    }
    for i in start..<slot.count {
      let x = Double(values[i])
      raws[i] = format.quantize(x)
      if valuesExact && x >= valueLow && x <= valueHigh { continue }
      let n = wide.quantize(x, as: Int128.self)
      if n < bandLow || n > bandHigh { overflows += 1 }
    }
  }
}
