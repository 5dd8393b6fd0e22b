/// What a product's tile does before it is stored: add a bias, then apply an activation.
///
/// Fusing both into the matrix product's epilogue saves one pass over the output per layer,
/// which at batch 1 is a large share of a small layer's time.
struct Epilogue: Sendable {
  /// Where the bias varies: per row of C (a convolution's output channels), per column
  /// (a dense layer's output features), or nowhere (no bias).
  enum Bias: Sendable {
    case none
    case perRow
    case perColumn
  }

  /// The activation applied to each stored value.
  enum Activation: Sendable, Equatable {
    case identity
    case relu
    case leakyRelu(Float)
  }

  var bias: Bias = .none
  var activation: Activation = .identity
}

/// Columns of C a tile covers: one `SIMD16<Float>`, two AVX or four SSE registers.
let tileColumns = 16

/// `C[m×n] = activation(bias + A[m×k] · B[k×n])` on row-major float matrices.
///
/// C is computed in register tiles of 4 rows × 16 columns held across the whole `k` loop, so
/// each element of B loaded feeds four rows and C is written once. Each element starts from
/// its bias and adds its `k` products in order, as the Reference engine does, so both give
/// the same floats up to the compiler's choice of fused multiply-adds.
@inline(__always)
func multiply(
  m: Int, n: Int, k: Int,
  a: UnsafePointer<Float>, lda: Int,
  b: UnsafePointer<Float>, ldb: Int,
  c: UnsafeMutablePointer<Float>, ldc: Int,
  bias: UnsafePointer<Float>?, epilogue: Epilogue
) {
  var i = 0
  while i < m {
    let rows = min(4, m - i)
    var j = 0
    while j + tileColumns <= n {
      if rows == 4 {
        tile4(
          k: k, a: a + i * lda, lda: lda, b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc,
          bias: bias, row: i, column: j, epilogue: epilogue)
      } else {
        for r in 0..<rows {
          tile1(
            k: k, a: a + (i + r) * lda, b: b + j, ldb: ldb, c: c + (i + r) * ldc + j,
            bias: bias, row: i + r, column: j, epilogue: epilogue)
        }
      }
      j += tileColumns
    }
    if j < n {
      for r in 0..<rows {
        edge(
          k: k, a: a + (i + r) * lda, b: b, ldb: ldb, c: c + (i + r) * ldc,
          columns: j..<n, bias: bias, row: i + r, epilogue: epilogue)
      }
    }
    i += rows
  }
}

/// The starting value of a tile row: its bias, or zero.
@inline(__always)
private func start(_ bias: UnsafePointer<Float>?, row: Int, column: Int, _ epilogue: Epilogue)
  -> SIMD16<Float>
{
  guard let bias else { return SIMD16(repeating: 0) }
  switch epilogue.bias {
  case .none: return SIMD16(repeating: 0)
  case .perRow: return SIMD16(repeating: bias[row])
  case .perColumn: return load(bias + column)
  }
}

@inline(__always)
private func load(_ pointer: UnsafePointer<Float>) -> SIMD16<Float> {
  UnsafeRawPointer(pointer).loadUnaligned(as: SIMD16<Float>.self)
}

@inline(__always)
private func store(_ value: SIMD16<Float>, _ pointer: UnsafeMutablePointer<Float>, _ e: Epilogue) {
  var v = value
  switch e.activation {
  case .identity: break
  case .relu: v.replace(with: 0, where: v .< 0)
  case .leakyRelu(let alpha): v.replace(with: v * alpha, where: v .<= 0)
  }
  UnsafeMutableRawPointer(pointer).storeBytes(of: v, as: SIMD16<Float>.self)
}

/// Four rows by 16 columns.
@inline(__always)
private func tile4(
  k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
  c: UnsafeMutablePointer<Float>, ldc: Int, bias: UnsafePointer<Float>?, row: Int, column: Int,
  epilogue: Epilogue
) {
  var c0 = start(bias, row: row, column: column, epilogue)
  var c1 = start(bias, row: row + 1, column: column, epilogue)
  var c2 = start(bias, row: row + 2, column: column, epilogue)
  var c3 = start(bias, row: row + 3, column: column, epilogue)
  let a1 = a + lda
  let a2 = a1 + lda
  let a3 = a2 + lda
  var row = b
  for p in 0..<k {
    let x = load(row)
    c0 += a[p] * x
    c1 += a1[p] * x
    c2 += a2[p] * x
    c3 += a3[p] * x
    row += ldb
  }
  store(c0, c, epilogue)
  store(c1, c + ldc, epilogue)
  store(c2, c + 2 * ldc, epilogue)
  store(c3, c + 3 * ldc, epilogue)
}

/// One row by 16 columns.
@inline(__always)
private func tile1(
  k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
  c: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, row: Int, column: Int,
  epilogue: Epilogue
) {
  var c0 = start(bias, row: row, column: column, epilogue)
  var line = b
  for p in 0..<k {
    c0 += a[p] * load(line)
    line += ldb
  }
  store(c0, c, epilogue)
}

/// The last `n mod 16` columns of one row, one element at a time.
@inline(__always)
private func edge(
  k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, ldb: Int,
  c: UnsafeMutablePointer<Float>, columns: Range<Int>, bias: UnsafePointer<Float>?, row: Int,
  epilogue: Epilogue
) {
  for j in columns {
    var sum: Float = 0
    if let bias {
      switch epilogue.bias {
      case .none: break
      case .perRow: sum = bias[row]
      case .perColumn: sum = bias[j]
      }
    }
    for p in 0..<k { sum += a[p] * b[p * ldb + j] }
    switch epilogue.activation {
    case .identity: break
    case .relu: if sum < 0 { sum = 0 }
    case .leakyRelu(let alpha): if sum <= 0 { sum *= alpha }
    }
    c[j] = sum
  }
}
