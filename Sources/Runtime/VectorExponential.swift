/// `eˣ` for eight floats at once, for softmax: a library `exp` call per element cost
/// BraggNN's 81 × 81 attention more than its matrix products.
///
/// Range reduction `x = n·ln 2 + r` with `|r| ≤ ln 2 / 2` (ln 2 split in two constants, so
/// `r` is exact to float precision), a degree-6 polynomial for `eʳ` (Cephes' `expf`
/// coefficients, relative error below 2·10⁻⁷), then `2ⁿ` built in the exponent bits. Inputs
/// are clamped to [−87.3, 88]: below, the result is the smallest normal float scaled
/// (≈ 10⁻³⁸ instead of a subnormal or 0); above, it would overflow anyway. NaN stays NaN. Round-to-nearest
/// of `x·log₂e` uses the 1.5·2²³ trick, plain float arithmetic that baseline x86-64 has.
@inline(__always)
func exponential(_ value: SIMD8<Float>) -> SIMD8<Float> {
  let magic: Float = 12_582_912  // 1.5 · 2^23: adding it rounds to an integer.
  var x = value
  x.replace(with: -87.33654, where: x .< -87.33654)
  x.replace(with: 88, where: x .> 88)
  let shifted = x * 1.442_695_04 + magic
  let n = shifted - magic
  var r = x - n * 0.693_359_375
  r = r + n * 2.121_944_4e-4
  let z = r * r
  var p: SIMD8<Float> = SIMD8(repeating: 1.987_569_15e-4)
  p = p * r + 1.398_199_950_7e-3
  p = p * r + 8.333_451_907_3e-3
  p = p * r + 4.166_579_589_4e-2
  p = p * r + 1.666_666_545_9e-1
  p = p * r + 5.000_000_120_1e-1
  let y = p * z + r + 1
  let exponent = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
  let scale = unsafeBitCast((exponent &+ 127) &<< 23, to: SIMD8<Float>.self)
  var result = y * scale
  result.replace(with: value, where: value .!= value)  // NaN stays NaN, as `exp` keeps it.
  return result
}
