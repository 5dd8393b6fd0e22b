/// What a product's tile does before it is stored: add a bias, then apply an activation.
///
/// Fusing both into the matrix product's epilogue saves one pass over the output per layer,
/// which at batch 1 is a large share of a small layer's time.
public struct Epilogue<Scalar: TileScalar>: Sendable {
  /// Where the bias varies: per row of C (a convolution's output channels), per column
  /// (a dense layer's output features), or nowhere (no bias).
  public enum Bias: Sendable {
    case none
    case perRow
    case perColumn
  }

  /// The activation applied to each stored value.
  public enum Activation: Sendable, Equatable {
    case identity
    case relu
    case leakyRelu(Scalar)
  }

  /// Where the bias varies.
  public var bias: Bias
  /// What each stored value goes through last.
  public var activation: Activation

  /// An epilogue; the default adds nothing and stores the sums as they are.
  public init(bias: Bias = .none, activation: Activation = .identity) {
    self.bias = bias
    self.activation = activation
  }
}
