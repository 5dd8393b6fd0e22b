extension Array where Element == Float {
  /// Calls `body` with a pointer to the first element, for the kernels' pointer loops.
  ///
  /// Verification rejects empty dimensions, so every weight array a kernel holds has storage;
  /// an empty array, having nothing to read, skips `body`.
  @inline(__always)
  func withBase(_ body: (UnsafePointer<Float>) -> Void) {
    withUnsafeBufferPointer { buffer in
      if let base = buffer.baseAddress { body(base) }
    }
  }
}

extension Collection where Element == Int {
  /// The number of elements of a tensor of this shape (1 for a scalar's empty shape).
  var elementCount: Int { reduce(1, *) }
}
