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

#if ETCH_AVX2
  /// A tile row: two AVX registers. A 4-row tile holds 8 accumulators, enough to cover the
  /// latency of fused multiply-adds, and leaves registers for B and the broadcasts.
  typealias TileVector = SIMD16<Float>
#else
  /// A tile row: two SSE registers, so that a 4-row tile's 8 accumulators, B and the
  /// broadcast fit the 16 registers baseline x86-64 has (16 columns would spill).
  typealias TileVector = SIMD8<Float>
#endif

/// Columns of C a tile covers: one ``TileVector``.
let tileColumns = TileVector.scalarCount

/// Floats readable after the last element of any matrix `multiply` reads as B: its last
/// tile of a row reads ``tileColumns`` columns even when fewer remain, so every buffer that
/// can be a B (weights, the arena, the scratch) is allocated this much longer.
let tileSlack = tileColumns

/// `C[m×n] = activation(bias + A[m×k] · B[k×n])` on row-major float matrices.
///
/// C is computed in register tiles of 4 rows × ``tileColumns`` held across the whole `k` loop, so
/// each element of B loaded feeds four rows and C is written once. The last `n mod tileColumns`
/// columns are a whole tile too: it reads a whole tile of B (the rest of a row runs into the
/// next row, or into ``tileSlack`` after the last) into a tile on the stack and stores only
/// the columns of C that exist, so no column is left to a scalar loop. Each element starts
/// from its bias and adds its `k` products in order, as the Reference engine does, so both
/// give the same floats except where the build fuses multiply and add (`ETCH_AVX2`).
///
/// - Precondition: B is readable for ``tileSlack`` floats after `b[(k − 1)·ldb + n − 1]`.
@inline(__always)
func multiply(
  m: Int, n: Int, k: Int,
  a: UnsafePointer<Float>, lda: Int,
  b: UnsafePointer<Float>, ldb: Int,
  c: UnsafeMutablePointer<Float>, ldc: Int,
  bias: UnsafePointer<Float>?, epilogue: Epilogue
) {
  multiply(
    m: m, n: n, k: k, a: a, lda: lda, b: b, rows: StridedRows(stride: ldb), c: c, ldc: ldc,
    bias: bias, epilogue: epilogue)
}

/// Where each row of B starts, in floats from `b`: rows `ldb` apart (a plain matrix), or
/// at offsets from a table (a convolution reading its input in place, `ConvolutionLayer`).
protocol RowAddressing {
  func offset(_ row: Int) -> Int
}

/// Rows `stride` floats apart.
struct StridedRows: RowAddressing {
  let stride: Int
  @inline(__always) func offset(_ row: Int) -> Int { row * stride }
}

/// Row `p` at `offsets[p]`.
struct TableRows: RowAddressing {
  let offsets: UnsafePointer<Int>
  @inline(__always) func offset(_ row: Int) -> Int { offsets[row] }
}

/// `multiply` with B's rows wherever `rows` puts them.
///
/// - Precondition: B is readable for ``tileSlack`` floats after the `n` columns of each row.
@inline(__always)
func multiply<Rows: RowAddressing>(
  m: Int, n: Int, k: Int,
  a: UnsafePointer<Float>, lda: Int,
  b: UnsafePointer<Float>, rows bRows: Rows,
  c: UnsafeMutablePointer<Float>, ldc: Int,
  bias: UnsafePointer<Float>?, epilogue: Epilogue
) {
  var i = 0
  while i < m {
    let rows = min(4, m - i)
    var j = 0
    // Fewer than four rows (a dense layer at batch 1): four or two column tiles of each row
    // at once, so that several independent sums, not one, hide each multiply-add's latency.
    while rows < 4, j + 4 * tileColumns <= n {
      for r in 0..<rows {
        wideTile1(
          k: k, a: a + (i + r) * lda, b: b + j, rows: bRows, c: c + (i + r) * ldc + j,
          bias: bias, row: i + r, column: j, epilogue: epilogue)
      }
      j += 4 * tileColumns
    }
    while rows < 4, j + 2 * tileColumns <= n {
      for r in 0..<rows {
        pairTile1(
          k: k, a: a + (i + r) * lda, b: b + j, rows: bRows, c: c + (i + r) * ldc + j,
          bias: bias, row: i + r, column: j, epilogue: epilogue)
      }
      j += 2 * tileColumns
    }
    while j + tileColumns <= n {
      if rows == 4 {
        tile4(
          k: k, a: a + i * lda, lda: lda, b: b + j, rows: bRows, c: c + i * ldc + j, ldc: ldc,
          bias: bias, row: i, column: j, epilogue: epilogue)
      } else {
        for r in 0..<rows {
          tile1(
            k: k, a: a + (i + r) * lda, b: b + j, rows: bRows, c: c + (i + r) * ldc + j,
            bias: bias, row: i + r, column: j, epilogue: epilogue)
        }
      }
      j += tileColumns
    }
    if j < n {
      partialTile(
        rows: rows, columns: n - j, k: k, a: a + i * lda, lda: lda, b: b + j, bRows: bRows,
        c: c + i * ldc + j, ldc: ldc, bias: bias, row: i, column: j, epilogue: epilogue)
    }
    i += rows
  }
}

/// The starting value of a tile row: its bias, or zero.
@inline(__always)
private func start(_ bias: UnsafePointer<Float>?, row: Int, column: Int, _ epilogue: Epilogue)
  -> TileVector
{
  guard let bias else { return TileVector(repeating: 0) }
  switch epilogue.bias {
  case .none: return TileVector(repeating: 0)
  case .perRow: return TileVector(repeating: bias[row])
  case .perColumn: return load(bias + column)
  }
}

/// `c + a·x`: one fused multiply-add per lane when the build says the CPU has them
/// (`-DETCH_AVX2`, with `-target-cpu haswell` or later; docs/benchmarks.md), else a
/// multiply and an add. Without hardware FMA the fused form would be a library call per lane.
@inline(__always)
private func accumulate(_ c: inout TileVector, _ a: Float, _ x: TileVector) {
  #if ETCH_AVX2
    c = c.addingProduct(a, x)
  #else
    c += a * x
  #endif
}

@inline(__always)
private func load(_ pointer: UnsafePointer<Float>) -> TileVector {
  UnsafeRawPointer(pointer).loadUnaligned(as: TileVector.self)
}

@inline(__always)
private func store(_ value: TileVector, _ pointer: UnsafeMutablePointer<Float>, _ e: Epilogue) {
  var v = value
  switch e.activation {
  case .identity: break
  case .relu: v.replace(with: 0, where: v .< 0)
  case .leakyRelu(let alpha): v.replace(with: v * alpha, where: v .<= 0)
  }
  UnsafeMutableRawPointer(pointer).storeBytes(of: v, as: TileVector.self)
}

/// Four rows by one tile.
@inline(__always)
private func tile4<Rows: RowAddressing>(
  k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, rows: Rows,
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
  for p in 0..<k {
    let x = load(b + rows.offset(p))
    accumulate(&c0, a[p], x)
    accumulate(&c1, a1[p], x)
    accumulate(&c2, a2[p], x)
    accumulate(&c3, a3[p], x)
  }
  store(c0, c, epilogue)
  store(c1, c + ldc, epilogue)
  store(c2, c + 2 * ldc, epilogue)
  store(c3, c + 3 * ldc, epilogue)
}

/// One row by one tile.
@inline(__always)
private func tile1<Rows: RowAddressing>(
  k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, rows: Rows,
  c: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, row: Int, column: Int,
  epilogue: Epilogue
) {
  var c0 = start(bias, row: row, column: column, epilogue)
  for p in 0..<k {
    accumulate(&c0, a[p], load(b + rows.offset(p)))
  }
  store(c0, c, epilogue)
}

/// One row by four tiles side by side, each summed in order.
@inline(__always)
private func wideTile1<Rows: RowAddressing>(
  k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, rows: Rows,
  c: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, row: Int, column: Int,
  epilogue: Epilogue
) {
  var c0 = start(bias, row: row, column: column, epilogue)
  var c1 = start(bias, row: row, column: column + tileColumns, epilogue)
  var c2 = start(bias, row: row, column: column + 2 * tileColumns, epilogue)
  var c3 = start(bias, row: row, column: column + 3 * tileColumns, epilogue)
  for p in 0..<k {
    let line = b + rows.offset(p)
    let x = a[p]
    accumulate(&c0, x, load(line))
    accumulate(&c1, x, load(line + tileColumns))
    accumulate(&c2, x, load(line + 2 * tileColumns))
    accumulate(&c3, x, load(line + 3 * tileColumns))
  }
  store(c0, c, epilogue)
  store(c1, c + tileColumns, epilogue)
  store(c2, c + 2 * tileColumns, epilogue)
  store(c3, c + 3 * tileColumns, epilogue)
}

/// One row by two tiles side by side, each summed in order.
@inline(__always)
private func pairTile1<Rows: RowAddressing>(
  k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, rows: Rows,
  c: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?, row: Int, column: Int,
  epilogue: Epilogue
) {
  var c0 = start(bias, row: row, column: column, epilogue)
  var c1 = start(bias, row: row, column: column + tileColumns, epilogue)
  for p in 0..<k {
    let line = b + rows.offset(p)
    accumulate(&c0, a[p], load(line))
    accumulate(&c1, a[p], load(line + tileColumns))
  }
  store(c0, c, epilogue)
  store(c1, c + tileColumns, epilogue)
}

/// The last `columns < tileColumns` columns of up to four rows: whole tiles into a stack buffer, of
/// which the existing columns are copied to C. A per-column bias is read for those columns
/// only (the rest of the tile starts from zero).
@inline(__always)
private func partialTile<Rows: RowAddressing>(
  rows: Int, columns: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
  b: UnsafePointer<Float>, bRows: Rows, c: UnsafeMutablePointer<Float>, ldc: Int,
  bias: UnsafePointer<Float>?, row: Int, column: Int, epilogue: Epilogue
) {
  withUnsafeTemporaryAllocation(of: Float.self, capacity: 4 * tileColumns + tileColumns) {
    buffer in
    guard let tile = buffer.baseAddress else { return }
    let tileBias = tile + 4 * tileColumns
    var start = bias
    var startColumn = column
    if let bias, case .perColumn = epilogue.bias {
      tileBias.update(repeating: 0, count: tileColumns)
      tileBias.update(from: bias + column, count: columns)
      start = UnsafePointer(tileBias)
      startColumn = 0
    }
    if rows == 4 {
      tile4(
        k: k, a: a, lda: lda, b: b, rows: bRows, c: tile, ldc: tileColumns, bias: start, row: row,
        column: startColumn, epilogue: epilogue)
    } else {
      for r in 0..<rows {
        tile1(
          k: k, a: a + r * lda, b: b, rows: bRows, c: tile + r * tileColumns, bias: start,
          row: row + r, column: startColumn, epilogue: epilogue)
      }
    }
    for r in 0..<rows {
      (c + r * ldc).update(from: tile + r * tileColumns, count: columns)
    }
  }
}
