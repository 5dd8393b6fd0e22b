import Foundation

/// `softmax` along one axis: `e^(x − max) / Σ e^(x − max)`.
///
/// Subtracting the maximum keeps `exp` finite for large inputs without changing the result.
/// The frame is viewed as `[outer, length, inner]` around the axis, so any axis, negative
/// ones included, is one loop nest.
struct SoftmaxKernel: Sendable {
  /// Elements per frame before the axis (product of the leading dimensions).
  let outer: Int
  /// Length of the axis.
  let length: Int
  /// Elements after the axis (product of the trailing dimensions): the stride along it.
  let inner: Int

  /// Resolves the node's axis against its input shape.
  init(_ context: NodeContext, axis: Int) {
    let shape = context.shape
    let resolved = context.resolve(axis: axis)
    outer = shape[..<resolved].elementCount
    length = shape[resolved]
    inner = shape[(resolved + 1)...].elementCount
  }

  /// Normalises `frames` frames.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    for block in 0..<(frames * outer) {
      for offset in 0..<inner {
        let source = input + block * length * inner + offset
        let target = output + block * length * inner + offset
        var largest = -Float.infinity
        for i in 0..<length { largest = max(largest, source[i * inner]) }
        var sum: Float = 0
        for i in 0..<length {
          let e = Foundation.exp(source[i * inner] - largest)
          target[i * inner] = e
          sum += e
        }
        for i in 0..<length { target[i * inner] /= sum }
      }
    }
  }
}
