/// `C[m×n] = activation(bias + A[m×k] · B[k×n])` on row-major matrices of `S`: the float engine's
/// layers in `Float`, and the Simulator's exact integer dot products in `Double`.
///
/// C is computed in register tiles of 4 rows × ``TileScalar/tileColumns`` held across the whole `k` loop, so
/// each element of B loaded feeds four rows and C is written once. The last `n mod tileColumns`
/// columns are a whole tile too: it reads a whole tile of B (the rest of a row runs into the
/// next row, or into ``TileScalar/tileSlack`` after the last) into a tile on the stack and stores only
/// the columns of C that exist, so no column is left to a scalar loop. Each element starts
/// from its bias and adds its `k` products in order, as the Reference engine does, so both
/// give the same floats except where the build fuses multiply and add (`ETCH_AVX2`).
///
/// - Precondition: B is readable for ``TileScalar/tileSlack`` scalars after `b[(k − 1)·ldb + n − 1]`.
@inlinable @inline(__always)
public func multiply<S: TileScalar>(
  m: Int, n: Int, k: Int,
  a: UnsafePointer<S>, lda: Int,
  b: UnsafePointer<S>, ldb: Int,
  c: UnsafeMutablePointer<S>, ldc: Int,
  bias: UnsafePointer<S>?, epilogue: Epilogue<S>
) {
  multiply(
    m: m, n: n, k: k, a: a, lda: lda, b: b, rows: StridedRows(stride: ldb), c: c, ldc: ldc,
    bias: bias, epilogue: epilogue)
}

/// `multiply` with B's rows wherever `rows` puts them.
///
/// - Precondition: B is readable for ``TileScalar/tileSlack`` scalars after the `n` columns of each row.
@inlinable @inline(__always)
public func multiply<S: TileScalar, Rows: RowAddressing>(
  m: Int, n: Int, k: Int,
  a: UnsafePointer<S>, lda: Int,
  b: UnsafePointer<S>, rows bRows: Rows,
  c: UnsafeMutablePointer<S>, ldc: Int,
  bias: UnsafePointer<S>?, epilogue: Epilogue<S>
) {
  var i = 0
  while i < m {
    let rows = min(4, m - i)
    var j = 0
    // Fewer than four rows (a dense layer at batch 1): four or two column tiles of each row
    // at once, so that several independent sums, not one, hide each multiply-add's latency.
    while rows < 4, j + 4 * S.tileColumns <= n {
      for r in 0..<rows {
        wideTile1(
          k: k, a: a + (i + r) * lda, b: b + j, rows: bRows, c: c + (i + r) * ldc + j,
          bias: bias, row: i + r, column: j, epilogue: epilogue)
      }
      j += 4 * S.tileColumns
    }
    while rows < 4, j + 2 * S.tileColumns <= n {
      for r in 0..<rows {
        pairTile1(
          k: k, a: a + (i + r) * lda, b: b + j, rows: bRows, c: c + (i + r) * ldc + j,
          bias: bias, row: i + r, column: j, epilogue: epilogue)
      }
      j += 2 * S.tileColumns
    }
    while j + S.tileColumns <= n {
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
      j += S.tileColumns
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
@inlinable @inline(__always)
func start<S: TileScalar>(_ bias: UnsafePointer<S>?, row: Int, column: Int, _ epilogue: Epilogue<S>)
  -> S.Tile
{
  guard let bias else { return S.splat(0) }
  switch epilogue.bias {
  case .none: return S.splat(0)
  case .perRow: return S.splat(bias[row])
  case .perColumn: return load(bias + column)
  }
}

/// `c += a·x` (``TileScalar/accumulate(_:_:_:)``).
@inlinable @inline(__always)
func accumulate<S: TileScalar>(_ c: inout S.Tile, _ a: S, _ x: S.Tile) {
  c = S.accumulate(c, a, x)
}

@inlinable @inline(__always)
func load<S: TileScalar>(_ pointer: UnsafePointer<S>) -> S.Tile {
  S.load(pointer)
}

@inlinable @inline(__always)
func store<S: TileScalar>(_ value: S.Tile, _ pointer: UnsafeMutablePointer<S>, _ e: Epilogue<S>) {
  let v: S.Tile
  switch e.activation {
  case .identity: v = value
  case .relu: v = S.rectify(value)
  case .leakyRelu(let alpha): v = S.leaky(value, alpha)
  }
  S.store(v, pointer)
}

/// Four rows by one tile.
@inlinable @inline(__always)
func tile4<S: TileScalar, Rows: RowAddressing>(
  k: Int, a: UnsafePointer<S>, lda: Int, b: UnsafePointer<S>, rows: Rows,
  c: UnsafeMutablePointer<S>, ldc: Int, bias: UnsafePointer<S>?, row: Int, column: Int,
  epilogue: Epilogue<S>
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
@inlinable @inline(__always)
func tile1<S: TileScalar, Rows: RowAddressing>(
  k: Int, a: UnsafePointer<S>, b: UnsafePointer<S>, rows: Rows,
  c: UnsafeMutablePointer<S>, bias: UnsafePointer<S>?, row: Int, column: Int,
  epilogue: Epilogue<S>
) {
  var c0 = start(bias, row: row, column: column, epilogue)
  for p in 0..<k {
    accumulate(&c0, a[p], load(b + rows.offset(p)))
  }
  store(c0, c, epilogue)
}

/// One row by four tiles side by side, each summed in order.
@inlinable @inline(__always)
func wideTile1<S: TileScalar, Rows: RowAddressing>(
  k: Int, a: UnsafePointer<S>, b: UnsafePointer<S>, rows: Rows,
  c: UnsafeMutablePointer<S>, bias: UnsafePointer<S>?, row: Int, column: Int,
  epilogue: Epilogue<S>
) {
  var c0 = start(bias, row: row, column: column, epilogue)
  var c1 = start(bias, row: row, column: column + S.tileColumns, epilogue)
  var c2 = start(bias, row: row, column: column + 2 * S.tileColumns, epilogue)
  var c3 = start(bias, row: row, column: column + 3 * S.tileColumns, epilogue)
  for p in 0..<k {
    let line = b + rows.offset(p)
    let x = a[p]
    accumulate(&c0, x, load(line))
    accumulate(&c1, x, load(line + S.tileColumns))
    accumulate(&c2, x, load(line + 2 * S.tileColumns))
    accumulate(&c3, x, load(line + 3 * S.tileColumns))
  }
  store(c0, c, epilogue)
  store(c1, c + S.tileColumns, epilogue)
  store(c2, c + 2 * S.tileColumns, epilogue)
  store(c3, c + 3 * S.tileColumns, epilogue)
}

/// One row by two tiles side by side, each summed in order.
@inlinable @inline(__always)
func pairTile1<S: TileScalar, Rows: RowAddressing>(
  k: Int, a: UnsafePointer<S>, b: UnsafePointer<S>, rows: Rows,
  c: UnsafeMutablePointer<S>, bias: UnsafePointer<S>?, row: Int, column: Int,
  epilogue: Epilogue<S>
) {
  var c0 = start(bias, row: row, column: column, epilogue)
  var c1 = start(bias, row: row, column: column + S.tileColumns, epilogue)
  for p in 0..<k {
    let line = b + rows.offset(p)
    accumulate(&c0, a[p], load(line))
    accumulate(&c1, a[p], load(line + S.tileColumns))
  }
  store(c0, c, epilogue)
  store(c1, c + S.tileColumns, epilogue)
}

/// The last `columns < S.tileColumns` columns of up to four rows: whole tiles into a stack buffer, of
/// which the existing columns are copied to C. A per-column bias is read for those columns
/// only (the rest of the tile starts from zero).
@inlinable @inline(__always)
func partialTile<S: TileScalar, Rows: RowAddressing>(
  rows: Int, columns: Int, k: Int, a: UnsafePointer<S>, lda: Int,
  b: UnsafePointer<S>, bRows: Rows, c: UnsafeMutablePointer<S>, ldc: Int,
  bias: UnsafePointer<S>?, row: Int, column: Int, epilogue: Epilogue<S>
) {
  withUnsafeTemporaryAllocation(of: S.self, capacity: 4 * S.tileColumns + S.tileColumns) {
    buffer in
    guard let tile = buffer.baseAddress else { return }
    let tileBias = tile + 4 * S.tileColumns
    var start = bias
    var startColumn = column
    if let bias, case .perColumn = epilogue.bias {
      tileBias.update(repeating: 0, count: S.tileColumns)
      tileBias.update(from: bias + column, count: columns)
      start = UnsafePointer(tileBias)
      startColumn = 0
    }
    if rows == 4 {
      tile4(
        k: k, a: a, lda: lda, b: b, rows: bRows, c: tile, ldc: S.tileColumns, bias: start, row: row,
        column: startColumn, epilogue: epilogue)
    } else {
      for r in 0..<rows {
        tile1(
          k: k, a: a + r * lda, b: b, rows: bRows, c: tile + r * S.tileColumns, bias: start,
          row: row + r, column: startColumn, epilogue: epilogue)
      }
    }
    for r in 0..<rows {
      (c + r * ldc).update(from: tile + r * S.tileColumns, count: columns)
    }
  }
}
