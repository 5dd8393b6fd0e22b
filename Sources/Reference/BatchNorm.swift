/// `batchnorm` in inference mode: `(x − mean) / sqrt(var + eps) · weight + bias` per channel
/// (axis 0 of the frame).
///
/// Like ATen's CPU kernel, planning folds the four parameters into one scale and one shift
/// per channel (`scale = weight / sqrt(var + eps)`, `shift = bias − mean · scale`), so
/// running is one multiply-add per element and rounds as PyTorch does.
struct BatchNormKernel: Sendable {
  /// Channels (the first dimension of the frame).
  let channels: Int
  /// Elements per channel: the product of the remaining dimensions.
  let inner: Int
  /// Per-channel multiplier.
  let scale: [Float]
  /// Per-channel offset.
  let shift: [Float]

  /// Resolves the node against its input and its four parameters.
  init(_ context: NodeContext, eps: Double) throws(ReferenceError) {
    let c = context.shape[0]
    let weight = try context.parameter("weight").scalars
    let bias = try context.parameter("bias").scalars
    let mean = try context.parameter("running_mean").scalars
    let variance = try context.parameter("running_var").scalars
    let epsilon = Float(eps)
    var scale = [Float](repeating: 0, count: c)
    var shift = [Float](repeating: 0, count: c)
    for i in 0..<c {
      let invstd = 1 / (variance[i] + epsilon).squareRoot()
      scale[i] = invstd * weight[i]
      shift[i] = bias[i] - mean[i] * scale[i]
    }
    channels = c
    inner = context.shape.dropFirst().elementCount
    self.scale = scale
    self.shift = shift
  }

  /// Normalises `frames` frames.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    for plane in 0..<(frames * channels) {
      let c = plane % channels
      let (a, b) = (scale[c], shift[c])
      let source = input + plane * inner
      let target = output + plane * inner
      for i in 0..<inner { target[i] = source[i] * a + b }
    }
  }
}
