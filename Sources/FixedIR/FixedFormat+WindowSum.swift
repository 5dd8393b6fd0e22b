import FixedPoint

extension FixedFormat {
  /// The format that holds the exact sum of `count` values of this format: `log2(count)`
  /// (rounded up) more integer bits, the same fraction bits and signedness.
  ///
  /// Pooling sums its window exactly before scaling (docs/fixed-ir.md); this is the format
  /// of that sum, shared by the verifier, the Simulator and the emitter so that all three
  /// scale the same exact value.
  ///
  ///     try FixedFormat(parsing: "ap_fixed<16,6>").windowSumFormat(count: 9)
  ///     // ap_fixed<20,10>
  ///
  /// - Throws: `FixedPointError` when the sum would be wider than 128 bits.
  public func windowSumFormat(count: Int) throws -> FixedFormat {
    let extra = count > 1 ? Int.bitWidth - (count - 1).leadingZeroBitCount : 0
    return try FixedFormat(
      width: width + extra, integerBits: integerBits + extra, isSigned: isSigned)
  }
}
