import FixedPoint

/// A model lowered to fixed point: the single description that the Simulator executes, the
/// HLS emitter prints and the cost model prices.
///
/// Inputs arrive as float32 and are written into their format exactly as `ap_fixed`'s
/// constructor writes a `double`; ops run in list order; every intermediate has its format.
/// See docs/fixed-ir.md for the semantics of each op.
public struct FixedProgram: Sendable, Equatable {
  /// The model's name, carried into emitted files.
  public var name: String
  /// The graph inputs with their formats.
  public var inputs: [FixedTensor]
  /// Weights, biases, scalars and other constants by name.
  public var constants: [String: FixedConstant]
  /// The ops in execution order.
  public var ops: [FixedOp]
  /// Names of the tensors returned, in order.
  public var outputs: [String]

  /// Creates a program; `FixedProgramVerifier` checks that its parts fit together.
  public init(
    name: String, inputs: [FixedTensor], constants: [String: FixedConstant], ops: [FixedOp],
    outputs: [String]
  ) {
    self.name = name
    self.inputs = inputs
    self.constants = constants
    self.ops = ops
    self.outputs = outputs
  }

  /// The declaration of a tensor (input or op output) by name.
  public func tensor(named name: String) -> FixedTensor? {
    if let input = inputs.first(where: { $0.name == name }) { return input }
    return ops.first { $0.output.name == name }?.output
  }
}
