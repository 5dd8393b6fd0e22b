import FixedPoint

/// The step of every multiply-accumulate op (dense, conv1d, conv2d, matmul):
/// `acc = Q_acc(acc + x·w)`, the exact product and the exact sum written back with the
/// accumulator's modes.
///
/// One definition, shared by the verifier (which refuses a program whose step cannot be
/// planned) and the Simulator (which executes it), because the emitted kernels write
/// `acc = acc + x * w` and mean exactly this, `ap_int` accumulators included: g++ adds
/// `3 + (−0.99)` exactly and cuts the sum toward zero, giving 2. FixedPoint's
/// `MultiplyAccumulate` plans C++'s `acc += x * w` instead, which for an `ap_int`
/// accumulator cuts each product first (`3 += −0.99` stays 3); docs/fixed-ir.md.
///
///     let q = try FixedFormat(parsing: "ap_fixed<16,6>")
///     let step = try AccumulationStep(accumulator: q, lhs: q, rhs: q)
///     step.sum.result  // ap_fixed<33,13>: acc + x·w, exact
public struct AccumulationStep: Sendable {
  /// The exact product `x·w`.
  public let product: FixedOperation
  /// The exact sum `acc + x·w`.
  public let sum: FixedOperation
  /// `Q_acc`: the sum written back into the accumulator's format.
  public let writeBack: Requantizer

  /// Bits a signed raw type needs for every intermediate of the step.
  public var storageWidth: Int {
    max(sum.result.storageWidth, product.result.storageWidth, writeBack.target.storageWidth)
  }

  /// Plans the step for `acc` of format `accumulator` and operands of `lhs` and `rhs`.
  ///
  /// - Throws: `FixedPointError` when the product or the sum needs more than 128 bits.
  public init(accumulator: FixedFormat, lhs: FixedFormat, rhs: FixedFormat) throws {
    product = try FixedOperation(.multiply, lhs, rhs)
    sum = try FixedOperation(.add, accumulator, product.result)
    writeBack = try Requantizer(from: sum.result, to: accumulator)
  }
}
