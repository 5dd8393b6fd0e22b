import FixedPoint

/// A constant of the fixed-point program (weights, biases, scales, table entries), as raws.
///
/// Constants are computed once by the compiler and stored as raw two's-complement integers of
/// their format, so the Simulator and the emitted C++ (which prints them as integer literals)
/// read the very same bits: no decimal text is ever parsed on either side.
///
///     // ap_fixed<8,1> weights 0.5 and −0.25 are raws 64 and −32.
///     FixedConstant(name: "fc1.weight", shape: [2], format: w8, raw: [64, -32])
///
/// Layouts (checked by `FixedProgramVerifier`): dense weights `[out, in]`, conv1d weights
/// `[out, in/groups, k]`, conv2d weights `[out, in/groups, kh, kw]`, biases `[out]`,
/// per-channel affine scales and shifts `[C]`, and **scalars** (a leaky-ReLU `α`, a pooling
/// reciprocal `k`) shape `[]`: rank 0, one element, as `FixedConstant.scalar` makes them.
public struct FixedConstant: Sendable, Equatable {
  /// The constant's name, referenced by ops.
  public var name: String
  /// Its shape, in the layout of the float parameter it came from (PyTorch's).
  public var shape: [Int]
  /// The format of every element.
  public var format: FixedFormat
  /// The elements' raws in C order; each lies in `format`'s raw range.
  public var raw: [Int64]

  /// Creates a constant; the caller guarantees `raw.count` equals the shape's element count.
  public init(name: String, shape: [Int], format: FixedFormat, raw: [Int64]) {
    self.name = name
    self.shape = shape
    self.format = format
    self.raw = raw
  }

  /// A rank-0 constant (shape `[]`, one element): the one spelling of a scalar in the FixedIR.
  ///
  ///     // α = 0.01 in ap_fixed<8,-5> (F = 13): raw 81.
  ///     FixedConstant.scalar(name: "lrelu.alpha", format: alphaFormat, raw: 81)
  public static func scalar(name: String, format: FixedFormat, raw: Int64) -> FixedConstant {
    FixedConstant(name: name, shape: [], format: format, raw: [raw])
  }

  /// The number of elements the shape holds (1 for a scalar).
  public var count: Int { shape.reduce(1, *) }
}
