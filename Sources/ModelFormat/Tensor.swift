/// A dense float32 tensor in C (row-major) order: the unit of weights and float activations.
///
/// Etch keeps weights and float activations in one plain value type so that readers, the
/// Reference engine and the compiler passes share them without conversion. The batch
/// dimension is never part of a weight's shape; activations carry it only where a function
/// says so.
///
///     let bias = Tensor(shape: [3], scalars: [0.5, -1, 2])
///     bias.count  // 3
public struct Tensor: Sendable, Equatable {
  /// The extent of each dimension, outermost first.
  public var shape: [Int]
  /// The elements in C order; `scalars.count` equals the product of `shape`.
  public var scalars: [Float]

  /// Wraps `scalars` with `shape`; the caller guarantees that the counts agree.
  public init(shape: [Int], scalars: [Float]) {
    precondition(
      shape.reduce(1, *) == scalars.count, "tensor of shape \(shape) given \(scalars.count) scalars"
    )
    self.shape = shape
    self.scalars = scalars
  }

  /// A tensor of `shape` filled with `value`.
  public init(shape: [Int], repeating value: Float) {
    self.shape = shape
    self.scalars = Array(repeating: value, count: shape.reduce(1, *))
  }

  /// The number of elements.
  public var count: Int { scalars.count }
}
