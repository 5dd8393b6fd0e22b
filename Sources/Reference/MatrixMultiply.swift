/// `C[m×n] += A[m×k] · B[k×n]` on row-major float matrices with leading dimensions.
///
/// The one product under dense, convolution and matmul. Rows of `C` are updated four at a
/// time, each `k` step adding `a[i][p] · B[p][...]` to four whole rows, so the innermost loop
/// runs over contiguous columns and auto-vectorises. Every element sums its `k` products in
/// order, in Float, starting from its value in `C` (the bias), as PyTorch's CPU kernels do
/// up to order. (A 4×8 register tile written with `SIMD4<Float>` was measured ~10% faster in
/// release builds but 15× slower in debug builds, where the tests are iterated; plain loops
/// won.)
@inline(__always)
func multiplyAccumulate(
  m: Int, n: Int, k: Int,
  a: UnsafePointer<Float>, lda: Int,
  b: UnsafePointer<Float>, ldb: Int,
  c: UnsafeMutablePointer<Float>, ldc: Int
) {
  var i = 0
  while i + 4 <= m {
    let c0 = c + i * ldc
    let c1 = c0 + ldc
    let c2 = c1 + ldc
    let c3 = c2 + ldc
    let a0 = a + i * lda
    for p in 0..<k {
      let w0 = a0[p]
      let w1 = a0[lda + p]
      let w2 = a0[2 * lda + p]
      let w3 = a0[3 * lda + p]
      let row = b + p * ldb
      for j in 0..<n {
        let x = row[j]
        c0[j] += w0 * x
        c1[j] += w1 * x
        c2[j] += w2 * x
        c3[j] += w3 * x
      }
    }
    i += 4
  }
  while i < m {
    let ci = c + i * ldc
    let ai = a + i * lda
    for p in 0..<k {
      let w = ai[p]
      let row = b + p * ldb
      for j in 0..<n { ci[j] += w * row[j] }
    }
    i += 1
  }
}

/// `matmul`: the product of the last two dimensions, `[..., M, K] × [..., K, N]`.
///
/// Leading non-batch dimensions are equal on both sides (no broadcasting in v1, as shape
/// inference checks); each frame and each leading index is one independent product.
struct MatrixMultiplyKernel: Sendable {
  /// Products per frame: the product of the leading dimensions.
  let count: Int
  /// Rows of the left operand and of the result.
  let m: Int
  /// Columns of the left operand, rows of the right one.
  let k: Int
  /// Columns of the right operand and of the result.
  let n: Int

  /// Resolves `matmul` against its two verified input shapes.
  init(_ context: NodeContext) {
    let left = context.inputShapes[0]
    let right = context.inputShapes[1]
    count = left.dropLast(2).elementCount
    m = left[left.count - 2]
    k = left[left.count - 1]
    n = right[right.count - 1]
  }

  /// Multiplies `frames` frames of operands into `output`.
  func run(
    _ left: UnsafePointer<Float>, _ right: UnsafePointer<Float>,
    _ output: UnsafeMutablePointer<Float>, frames: Int
  ) {
    let products = frames * count
    output.update(repeating: 0, count: products * m * n)
    for index in 0..<products {
      multiplyAccumulate(
        m: m, n: n, k: k, a: left + index * m * k, lda: k, b: right + index * k * n, ldb: n,
        c: output + index * m * n, ldc: n)
    }
  }
}
