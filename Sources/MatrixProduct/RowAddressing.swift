/// Where each row of B starts, in scalars from `b`: rows `ldb` apart (a plain matrix), or
/// at offsets from a table (a convolution reading its input in place).
public protocol RowAddressing {
  /// Where row `row` of B starts, in scalars from `b`.
  func offset(_ row: Int) -> Int
}

/// Rows `stride` scalars apart.
public struct StridedRows: RowAddressing {
  /// Scalars from one row to the next (a matrix's leading dimension).
  public let stride: Int

  /// Rows `stride` scalars apart.
  @inlinable public init(stride: Int) { self.stride = stride }

  /// `row · stride`.
  @inlinable @inline(__always) public func offset(_ row: Int) -> Int { row * stride }
}

/// Row `p` at `offsets[p]`.
public struct TableRows: RowAddressing {
  /// One offset per row, valid for the product's `k` rows.
  public let offsets: UnsafePointer<Int>

  /// Rows at `offsets`.
  @inlinable public init(offsets: UnsafePointer<Int>) { self.offsets = offsets }

  /// `offsets[row]`.
  @inlinable @inline(__always) public func offset(_ row: Int) -> Int { offsets[row] }
}
