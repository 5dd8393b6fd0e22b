import FixedIR
import FixedPoint
import Foundation

/// Builds the lookup tables of non-linear functions, once, at compile time.
///
/// A table covers the inputs `[lower, upper)` of `TableParameters`, intersected with the
/// input format's range, as raws `lo...hi`. The step is `2^s` raws with the smallest
/// `s ≥ 0` such that the `(hi >> s) − (lo >> s) + 1` entries fit `maxEntries`, so the index
/// is exact integer arithmetic: `index = clamp((raw >> s) − (lo >> s), 0, n − 1)`. Entry `k`
/// holds the function at the midpoint of the input grid values that map to it (within
/// `lo...hi`), computed in `Double` and written into the entry format by `ap_fixed`'s
/// constructor. Inputs below `lower` read the first entry, inputs from `upper` on the last.
///
///     // sigmoid from ap_fixed<16,6> inputs (F = 10) over [-8, 8), at most 1,024 entries:
///     // lo = -8192, hi = 8191; s = 4 (1/64 per entry) gives 511 + 512 + 1 = 1,024 entries,
///     // offset 512; entry 0 samples raws -8192...-8177, i.e. sigmoid(-7.99267578125).
///     let table = TableBuilder.build(.sigmoid, parameters, input: q16_6)
enum TableBuilder {
  /// The most entries any table may have (the index of a 16-bit address).
  static let maxEntries = 1 << 16

  /// The built-in size and input range `[lower, upper)` of each function's tables;
  /// `reciprocal`'s range is always the softmax sum's, set by the quantize pass.
  static func defaults(_ function: LookupTable.Function) -> (entries: Int, range: Range<Double>) {
    switch function {
    case .sigmoid: (1024, -8..<8)
    case .tanh: (1024, -4..<4)
    case .exp: (1024, -16..<0)
    case .reciprocal: (8192, 1..<2)
    }
  }

  /// The function's value at `x`, in `Double`.
  static func evaluate(_ function: LookupTable.Function, _ x: Double) -> Double {
    switch function {
    case .sigmoid: 1 / (1 + Foundation.exp(-x))
    case .tanh: Foundation.tanh(x)
    case .exp: Foundation.exp(x)
    case .reciprocal: 1 / x
    }
  }

  /// The table of `function` for inputs of format `input`, by the rules above.
  ///
  /// A range that misses the input format entirely gives a one-entry table holding the
  /// function at the format's nearest extreme.
  ///
  /// - Precondition: `parameters.maxEntries ≥ 1` and the entry format fits 64 bits.
  static func build(
    _ function: LookupTable.Function, _ parameters: TableParameters, input: FixedFormat
  ) -> LookupTable {
    let scale = Double(sign: .plus, exponent: input.fractionBits, significand: 1)
    let (minRaw, maxRaw) = (Double(input.minRaw), Double(input.maxRaw))
    let lowest = (parameters.lower * scale).rounded(.up)
    let highest = (parameters.upper * scale).rounded(.up) - 1
    var lo = Int128(min(max(lowest, minRaw), maxRaw))
    var hi = Int128(min(max(highest, minRaw), maxRaw))
    if lo > hi { (lo, hi) = lowest > maxRaw ? (hi, hi) : (lo, lo) }
    var shift = 0
    while (hi >> shift) - (lo >> shift) + 1 > Int128(parameters.maxEntries) { shift += 1 }
    let first = lo >> shift
    let count = Int(hi >> shift - first) + 1
    let entries = (0..<count).map { k -> Int64 in
      let start = (first + Int128(k)) << shift
      let a = max(start, lo)
      let b = min(start + (Int128(1) << shift) - 1, hi)
      let x = (Double(a) + Double(b)) / 2 / scale
      return parameters.format.quantize(evaluate(function, x))
    }
    return LookupTable(
      function: function, shift: shift, offset: Int(-first), format: parameters.format,
      entries: entries)
  }
}
