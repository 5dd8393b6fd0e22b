import MatrixProduct

/// One matrix product of ``AccumulationPath/exactFloat64``:
/// `C[m×n] = bias + A[m×k] · B[k×n]` with the operands in binary64 (the right one already
/// scaled by `2^k`), C written over the op's output raws and then through the op's result
/// writer in place.
///
/// Dense: A is the input's rows, B the transposed weights, the bias per column. Convolution:
/// A is a group's weights, B the receptive fields one row per term (column `p` for output
/// pixel `p`), the bias per row. Matmul: A and B are the operands, without bias.
struct Float64Product {
  var m: Int
  var n: Int
  var k: Int
  var a: UnsafePointer<Double>
  var lda: Int
  var b: UnsafePointer<Double>
  var ldb: Int
  /// Where the bias varies, and the plan's index of the output that row or column 0 is.
  var bias: Epilogue<Double>.Bias
  var firstOutput: Int
  /// The `m × n` raws of the op's output that C becomes.
  var result: UnsafeMutablePointer<Int64>

  /// `destination[i] = source[i] · scale` in binary64: exact for the raws and powers of two
  /// that ``AccumulationPath/exactFloat64`` admits (operands of at most 32 bits).
  ///
  /// Four at a time by the binary64 trick: for `|v| < 2^51`, the encoding of `M + v` with
  /// `M = 1.5·2^52` is `M`'s encoding plus `v`, so adding the integers and subtracting `M`
  /// as doubles gives `v` exactly (x86-64 before AVX-512 has no vector conversion from
  /// 64-bit integers). Scalar loads and stores, which the compiler merges (see `write`).
  static func convert(
    _ source: UnsafePointer<Int64>, count: Int, scale: Double,
    to destination: UnsafeMutablePointer<Double>
  ) {
    let magic = SIMD4<Double>(repeating: Float64Write.magic)
    let bits = unsafeBitCast(magic, to: SIMD4<Int64>.self)
    var i = 0
    while i + 4 <= count {
      let v = SIMD4(source[i], source[i &+ 1], source[i &+ 2], source[i &+ 3])
      let x = (unsafeBitCast(v &+ bits, to: SIMD4<Double>.self) - magic) * scale
      destination[i] = x[0]
      destination[i &+ 1] = x[1]
      destination[i &+ 2] = x[2]
      destination[i &+ 3] = x[3]
      i += 4
    }
    while i < count {
      destination[i] = Double(source[i]) * scale
      i += 1
    }
  }
}

extension AccumulationPlan {
  /// Computes the product's sums exactly (``AccumulationPath/exactFloat64``) and writes
  /// `Q_out(activation(acc))` for each, counting overflows.
  func run(_ product: Float64Product, _ tally: inout OverflowTally) {
    let count = product.m * product.n
    var overflows = 0
    float64Bias.withUnsafeBufferPointer { bias in
      product.result.withMemoryRebound(to: Double.self, capacity: count) { c in
        multiply(
          m: product.m, n: product.n, k: product.k, a: product.a, lda: product.lda,
          b: product.b, ldb: product.ldb, c: c, ldc: product.n,
          bias: bias.baseAddress.map { $0 + product.firstOutput },
          epilogue: Epilogue(bias: product.bias))
        write(UnsafeMutableRawPointer(c), count: count, &overflows)
      }
    }
    tally.results += overflows
    switch product.bias {
    case .none: break
    case .perRow:
      countBiasOverflows(
        outputs: product.firstOutput..<(product.firstOutput + product.m),
        positions: product.n, &tally)
    case .perColumn:
      countBiasOverflows(
        outputs: product.firstOutput..<(product.firstOutput + product.n),
        positions: product.m, &tally)
    }
  }

  /// Replaces `count` sums (doubles) by their results (`Int64` raws) in place: four at a
  /// time through ``Float64Write`` when it applies and all four pass, else one at a time
  /// through the result writer. Each sum is an integer below 2^53, so `Int64(_:)` is exact.
  private func write(_ values: UnsafeMutableRawPointer, count: Int, _ overflows: inout Int) {
    var i = 0
    let sums = values.assumingMemoryBound(to: Double.self)
    if let vector = float64Write {
      while i + 4 <= count {
        // Four scalar loads, which the compiler merges: a vector `loadUnaligned` here was
        // compiled (Swift 6.3, -target-cpu haswell) into an aligned reload that faults.
        let v = SIMD4(sums[i], sums[i &+ 1], sums[i &+ 2], sums[i &+ 3])
        if let raws = vector(v) {
          values.storeBytes(of: raws, toByteOffset: i &* 8, as: SIMD4<Int64>.self)
        } else {
          for lane in 0..<4 {
            values.storeBytes(
              of: result(Int64(v[lane]), &overflows), toByteOffset: (i &+ lane) &* 8,
              as: Int64.self)
          }
        }
        i += 4
      }
    }
    while i < count {
      let acc = Int64(sums[i])
      values.storeBytes(of: result(acc, &overflows), toByteOffset: i &* 8, as: Int64.self)
      i += 1
    }
  }
}
