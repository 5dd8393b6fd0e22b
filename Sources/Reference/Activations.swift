import Foundation

/// The element-wise activations: `relu`, `leaky_relu`, `sigmoid`, `tanh`.
///
/// Each maps one float to one float with PyTorch's formula; `sigmoid` and `tanh` use
/// Foundation's `exp` and `tanh` on Float, within an ulp or two of PyTorch's vectorised ones.
enum ActivationKernel: Sendable {
  /// `max(x, 0)`.
  case relu
  /// `x` for `x > 0`, `alpha · x` otherwise.
  case leakyRelu(alpha: Float)
  /// `1 / (1 + e^−x)`.
  case sigmoid
  /// Hyperbolic tangent.
  case tanh

  /// Applies the activation to `count` floats.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int) {
    switch self {
    case .relu:
      for i in 0..<count {
        let x = input[i]
        output[i] = x > 0 || x.isNaN ? x : 0
      }
    case .leakyRelu(let alpha):
      for i in 0..<count {
        let x = input[i]
        output[i] = x > 0 ? x : x * alpha
      }
    case .sigmoid:
      for i in 0..<count { output[i] = 1 / (1 + Foundation.exp(-input[i])) }
    case .tanh:
      for i in 0..<count { output[i] = Foundation.tanh(input[i]) }
    }
  }
}
