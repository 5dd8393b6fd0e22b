import FixedIR

/// The bits a fixed-point program stores: weights (every constant) and activations (every
/// graph input and op output), each value at its format's width.
///
/// This is the size that precision search shrinks and that docs/compression.md compares with
/// a uniform `ap_fixed<16,6>`: weight bits are ROM (or registers, unrolled), activation bits
/// are the buffers and wires between layers.
///
///     let bits = ProgramBits(program)
///     bits.total  // bits.weights + bits.activations
public struct ProgramBits: Sendable, Equatable {
  /// Σ over constants of count × width.
  public var weights: Int
  /// Σ over inputs and op outputs of count × width.
  public var activations: Int

  /// Counts the bits of `program`.
  public init(_ program: FixedProgram) {
    weights = program.constants.values.reduce(0) { $0 + $1.count * $1.format.width }
    activations = (program.inputs + program.ops.map(\.output)).reduce(0) {
      $0 + $1.count * $1.format.width
    }
  }

  /// Weights and activations together.
  public var total: Int { weights + activations }
}
