import ModelFormat

/// A node's operator resolved against its input shapes and weights: what running it means.
///
/// Planning turns each `Op` of a verified model into a `Kernel` once (weights fetched and
/// rearranged, geometry taken from the inferred shapes), so that running a batch is a switch
/// per node and plain loops per element, with nothing left to fail.
enum Kernel: Sendable {
  /// `dense`.
  case dense(DenseKernel)
  /// `conv1d` and `conv2d`.
  case convolution(ConvolutionKernel)
  /// `batchnorm`.
  case batchNorm(BatchNormKernel)
  /// `relu`, `leaky_relu`, `sigmoid`, `tanh`.
  case activation(ActivationKernel)
  /// `softmax`.
  case softmax(SoftmaxKernel)
  /// `maxpool2d` and `avgpool2d`.
  case pooling(PoolingKernel)
  /// `global_avgpool2d`.
  case globalAveragePool(GlobalAveragePoolKernel)
  /// `upsample2d`.
  case upsample(UpsampleKernel)
  /// `flatten`, `reshape`, `dropout`, `identity`: the elements unchanged.
  case copy
  /// `add` and `mul`.
  case arithmetic(ArithmeticKernel)
  /// `concat`.
  case concat(ConcatKernel)
  /// `matmul`.
  case matrixMultiply(MatrixMultiplyKernel)
  /// `transpose`.
  case transpose(TransposeKernel)

  /// Resolves `context.node` into a kernel.
  static func plan(_ context: NodeContext) throws(ReferenceError) -> Kernel {
    switch context.node.op {
    case .dense: .dense(try DenseKernel(context))
    case .conv1d(let attributes): .convolution(try ConvolutionKernel(context, attributes))
    case .conv2d(let attributes): .convolution(try ConvolutionKernel(context, attributes))
    case .batchnorm(let eps): .batchNorm(try BatchNormKernel(context, eps: eps))
    case .relu: .activation(.relu)
    case .leakyRelu(let alpha): .activation(.leakyRelu(alpha: Float(alpha)))
    case .sigmoid: .activation(.sigmoid)
    case .tanh: .activation(.tanh)
    case .softmax(let axis): .softmax(SoftmaxKernel(context, axis: axis))
    case .maxpool2d(let attributes):
      .pooling(PoolingKernel(context, attributes, reduction: .maximum))
    case .avgpool2d(let attributes):
      .pooling(PoolingKernel(context, attributes, reduction: .average))
    case .globalAvgpool2d: .globalAveragePool(GlobalAveragePoolKernel(context))
    case .upsample2d(let scale, .nearest): .upsample(UpsampleKernel(context, scale: scale))
    case .flatten, .reshape, .dropout, .identity: .copy
    case .add: .arithmetic(.add)
    case .mul: .arithmetic(.mul)
    case .concat(let axis): .concat(ConcatKernel(context, axis: axis))
    case .matmul: .matrixMultiply(MatrixMultiplyKernel(context))
    case .transpose(let perm): .transpose(TransposeKernel(context, perm: perm))
    }
  }

  /// Floats of scratch space the kernel needs, independent of the number of frames.
  var scratchCount: Int {
    if case .convolution(let kernel) = self { return kernel.scratchCount }
    return 0
  }

  /// Runs the kernel on `frames` frames laid out contiguously in each input and the output.
  func run(
    _ inputs: [UnsafePointer<Float>], _ output: UnsafeMutablePointer<Float>, frames: Int,
    outputCount: Int, scratch: UnsafeMutablePointer<Float>
  ) {
    let input = inputs[0]
    switch self {
    case .dense(let kernel): kernel.run(input, output, frames: frames)
    case .convolution(let kernel): kernel.run(input, output, frames: frames, scratch: scratch)
    case .batchNorm(let kernel): kernel.run(input, output, frames: frames)
    case .activation(let kernel): kernel.run(input, output, count: frames * outputCount)
    case .softmax(let kernel): kernel.run(input, output, frames: frames)
    case .pooling(let kernel): kernel.run(input, output, frames: frames)
    case .globalAveragePool(let kernel): kernel.run(input, output, frames: frames)
    case .upsample(let kernel): kernel.run(input, output, frames: frames)
    case .copy: output.update(from: input, count: frames * outputCount)
    case .arithmetic(let kernel):
      kernel.run(input, inputs[1], output, count: frames * outputCount)
    case .concat(let kernel): kernel.run(inputs, output, frames: frames)
    case .matrixMultiply(let kernel): kernel.run(input, inputs[1], output, frames: frames)
    case .transpose(let kernel): kernel.run(input, output, frames: frames)
    }
  }
}
