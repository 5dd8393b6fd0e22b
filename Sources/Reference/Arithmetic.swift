/// `add` and `mul`: element-wise sum and product of two tensors of the same shape.
///
/// Version 1 does not broadcast: shape inference requires operands of one shape.
enum ArithmeticKernel: Sendable {
  /// `a + b`.
  case add
  /// `a · b`.
  case mul

  /// Combines `count` floats of each operand.
  func run(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    switch self {
    case .add: for i in 0..<count { output[i] = a[i] + b[i] }
    case .mul: for i in 0..<count { output[i] = a[i] * b[i] }
    }
  }
}
