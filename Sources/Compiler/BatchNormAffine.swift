import ModelFormat

/// The per-channel scale and shift of an inference-mode batchnorm that was not folded.
///
/// `(x − mean) / sqrt(var + eps) · γ + β` is `x · scale + shift` with
/// `scale = γ / sqrt(var + eps)` and `shift = β − mean · scale`, computed in `Double` as
/// `fold-batchnorm` computes its factors. The quantize pass sizes their formats from these
/// values and the lowering stores them as the `affine` op's constants.
///
///     let (scale, shift) = try BatchNormAffine.values(of: bn, eps: 1e-5, in: model)
enum BatchNormAffine {
  /// The scale and shift per channel of the batchnorm `node`.
  ///
  /// - Throws: `CompilerError.invalidParameter` when a parameter is missing or the variance
  ///   plus eps is not positive.
  static func values(of node: Node, eps: Double, in model: Model) throws -> (
    scale: [Double], shift: [Double]
  ) {
    func parameter(_ role: String) throws -> [Float] {
      guard let name = node.params[role], let tensor = model.weights[name] else {
        throw CompilerError.invalidParameter(
          node: node.name, role: role, reason: "is missing from the weights")
      }
      return tensor.scalars
    }
    let (gamma, beta) = (try parameter("weight"), try parameter("bias"))
    let (mean, variance) = (try parameter("running_mean"), try parameter("running_var"))
    var scale: [Double] = []
    var shift: [Double] = []
    for channel in variance.indices {
      let denominator = Double(variance[channel]) + eps
      guard denominator > 0, denominator.isFinite else {
        throw CompilerError.invalidParameter(
          node: node.name, role: "running_var",
          reason: "plus eps is \(denominator) at channel \(channel), but must be positive")
      }
      let s = Double(gamma[channel]) / denominator.squareRoot()
      scale.append(s)
      shift.append(Double(beta[channel]) - Double(mean[channel]) * s)
    }
    return (scale, shift)
  }
}
