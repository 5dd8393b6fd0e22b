import FixedPoint
import ModelFormat

/// One step of the fixed-point program: an operation, the tensors it reads and the one it
/// writes.
///
/// The step's arithmetic is stated completely by `kind` (accumulator formats, constants,
/// tables) and by the output tensor's format, whose quantisation and overflow modes apply
/// when the result is written (docs/fixed-ir.md gives every kind step by step).
///
///     FixedOp(output: y, inputs: ["x"],
///             kind: .dense(weight: "fc1.weight", bias: "fc1.bias",
///                          accumulator: acc, activation: .relu))
public struct FixedOp: Sendable, Equatable {
  /// The tensor this op writes; its format is the result format.
  public var output: FixedTensor
  /// Names of the tensors read, in operand order (graph inputs or earlier ops' outputs).
  public var inputs: [String]
  /// What is computed, with every format and constant it needs.
  public var kind: FixedOpKind

  /// Creates an op.
  public init(output: FixedTensor, inputs: [String], kind: FixedOpKind) {
    self.output = output
    self.inputs = inputs
    self.kind = kind
  }

  /// The op's name: that of the tensor it writes.
  public var name: String { output.name }
}

/// An activation executed inside a dense, convolution or matmul on its accumulator, before the
/// result is written: `y = Q_out(activation(acc))`.
public enum FusedActivation: Sendable, Equatable {
  /// No activation.
  case none
  /// `max(acc, 0)`.
  case relu
  /// `acc ≥ 0 ? acc : acc · α`, with `α` the named scalar constant (shape `[]`).
  case leakyRelu(alpha: String)
}

/// The operations of the FixedIR. Constants are referenced by name (`FixedProgram.constants`).
public enum FixedOpKind: Sendable, Equatable {
  /// `nn.Linear` over the last dimension: per output, `acc = Q_acc(b)`, then for each input
  /// ascending `acc = Q_acc(acc + x·W)`; `y = Q_out(activation(acc))`.
  case dense(weight: String, bias: String?, accumulator: FixedFormat, activation: FusedActivation)
  /// 1-D convolution; taps in input-channel, then kernel order, padding taps skipped.
  case conv1d(
    Convolution1D, weight: String, bias: String?, accumulator: FixedFormat,
    activation: FusedActivation)
  /// 2-D convolution; taps in input-channel, kernel-row, kernel-column order, padding skipped.
  case conv2d(
    Convolution2D, weight: String, bias: String?, accumulator: FixedFormat,
    activation: FusedActivation)
  /// `[M, K] × [K, N]`: per (m, n), `acc = 0`, then k ascending `acc = Q_acc(acc + a·b)`.
  case matmul(accumulator: FixedFormat)
  /// `y = Q_out(x > 0 ? x : 0)`.
  case relu
  /// `y = Q_out(x ≥ 0 ? x : x·α)` with `α` the named scalar constant (shape `[]`).
  case leakyRelu(alpha: String)
  /// `y = table.entries[table.index(raw x)]`, the table's format equal to the output's.
  case table(LookupTable)
  /// Softmax along `axis` (non-batch, non-negative): `d = x − max` (exact, the raw of `x`'s
  /// fraction bits that `exp` indexes), `e = exp[d]`, then `s = 0` and for each element in
  /// order `s = Q_sum(s + e)` (exact when `sum` is wide enough, as the compiler makes it),
  /// `r = reciprocal[s]` indexed by the raw of `s`, and `y = Q_out(e·r)`.
  case softmax(axis: Int, exp: LookupTable, sum: FixedFormat, reciprocal: LookupTable)
  /// `y = Q_out(a + b)`, exact sum.
  case add
  /// `y = Q_out(a · b)`, exact product.
  case mul
  /// Per channel (axis 0) `y = Q_out(x·scale[c] + shift[c])`: a batch-norm left unfolded.
  case affine(scale: String, shift: String)
  /// `y = Q_out(max over the window)`; padding taps ignored.
  case maxpool2d(Pooling2D)
  /// `y = Q_out(Σ window · k)` with padded taps counted as 0 and `k` the named scalar
  /// constant (shape `[]`) `1 / window size`.
  case avgpool2d(Pooling2D, reciprocal: String)
  /// `y[c] = Q_out(Σ_{h,w} x[c,h,w] · k)` with `k` the named scalar constant (shape `[]`)
  /// `1 / (H·W)`.
  case globalAvgpool2d(reciprocal: String)
  /// `y = Q_out(x)`: a change of format.
  case cast
  /// The same raws in C order under the output's shape (flatten and reshape); formats equal.
  case reshape
  /// Output dimension `i` is input dimension `perm[i]`; formats equal.
  case transpose(perm: [Int])
  /// Nearest-neighbour repetition by `scale`; formats equal.
  case upsample2d(scale: Pair)
  /// Concatenation along `axis` (non-negative); each input written as `Q_out(x)`.
  case concat(axis: Int)

  /// The op's name in the IR's text form.
  public var name: String {
    switch self {
    case .dense: "dense"
    case .conv1d: "conv1d"
    case .conv2d: "conv2d"
    case .matmul: "matmul"
    case .relu: "relu"
    case .leakyRelu: "leaky_relu"
    case .table(let t): "table.\(t.function.rawValue)"
    case .softmax: "softmax"
    case .add: "add"
    case .mul: "mul"
    case .affine: "affine"
    case .maxpool2d: "maxpool2d"
    case .avgpool2d: "avgpool2d"
    case .globalAvgpool2d: "global_avgpool2d"
    case .cast: "cast"
    case .reshape: "reshape"
    case .transpose: "transpose"
    case .upsample2d: "upsample2d"
    case .concat: "concat"
    }
  }
}
