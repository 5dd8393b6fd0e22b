/// `add` and `mul`: element-wise sum and product of two tensors of the same shape.
///
/// Version 1 does not broadcast; planning rejects operands of different shapes.
enum ArithmeticKernel: Sendable {
  /// `a + b`.
  case add
  /// `a · b`.
  case mul

  /// Checks that both inputs of the node have one shape, which is the output's.
  static func outputShape(_ context: NodeContext) throws(ReferenceError) -> [Int] {
    let shapes = context.inputShapes
    guard shapes.count == 2, shapes[0] == shapes[1] else {
      throw context.mismatch(
        "\(context.node.op.name) needs operands of one shape (no broadcasting), got "
          + shapes.map(\.description).joined(separator: " and "))
    }
    return shapes[0]
  }

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
