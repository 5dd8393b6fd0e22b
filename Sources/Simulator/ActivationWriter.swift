import FixedIR
import FixedPoint

/// `y = Q_out(activation(v))`: the last step of a dense, convolution or matmul (on the
/// accumulator) and the whole of a `relu` or `leaky_relu` op (on its input).
///
/// `relu` gives `Q_out(v > 0 ? v : 0)`: a negative `v` writes 0, which every format holds.
/// `leaky_relu` gives `Q_out(v ≥ 0 ? v : v·α)` with the exact product `v·α`, whose format
/// (`FixedFormat.product`) has more fraction bits than `v`'s, hence a second writer.
struct ActivationWriter: Sendable {
  /// What happens to a negative `v`.
  enum Negative: Sendable {
    /// `Q_out(v)`: no activation.
    case unchanged
    /// `Q_out(0) = 0`: ReLU.
    case zero
    /// `Q_out(v·α)` through `scaled`, the product exact in `Int64` or, when `wide`, `Int128`.
    case scaled
  }

  /// Writes `v` (of the source format) into the output format.
  let positive: RawWriter
  /// The negative branch.
  let negative: Negative
  /// Leaky ReLU's `α` (raw), the writer of `v·α` and whether `v·α` needs `Int128`; for the
  /// other activations 0, `positive` and false, never read. Stored beside `negative`, not
  /// as its payload, because matching a payload copies the writer (hundreds of bytes) on
  /// every call.
  let alpha: Int64
  let scaled: RawWriter
  let wide: Bool

  /// Plans the activation of op `op` on values of `source` written into `output`; `alpha` is
  /// the leaky-ReLU scalar (raw and format) when the activation is `leaky_relu`.
  init(
    op: String, source: FixedFormat, output: FixedFormat, activation: FusedActivation,
    alpha: (raw: Int64, format: FixedFormat)?
  ) throws {
    positive = try RawWriter(from: source, to: output)
    switch (activation, alpha) {
    case (.none, _), (.relu, _):
      negative = activation == .none ? .unchanged : .zero
      (self.alpha, scaled, wide) = (0, positive, false)
    case (.leakyRelu, let alpha?):
      let product = try FixedFormat.product(source, alpha.format)
      negative = .scaled
      self.alpha = alpha.raw
      scaled = try RawWriter(from: product, to: output)
      wide = product.storageWidth > 64
    case (.leakyRelu(let name), nil):
      throw SimulatorError.unsupported(
        op: op, reason: "leaky_relu's alpha constant '\(name)' is missing")
    }
  }

  /// `Q_out(activation(v))`, counting overflowed writes.
  @inline(__always)
  func callAsFunction(_ v: Int64, _ overflows: inout Int) -> Int64 {
    if v >= 0 { return positive(v, &overflows) }
    switch negative {
    case .unchanged: return positive(v, &overflows)
    case .zero: return 0
    case .scaled:
      if wide { return scaled(Int128(v) * Int128(alpha), &overflows) }
      return scaled(v &* alpha, &overflows)
    }
  }
}
