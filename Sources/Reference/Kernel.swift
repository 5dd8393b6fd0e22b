import ModelFormat

/// A node's operator resolved against its input shapes and weights: what running it means.
///
/// Planning turns each `Op` into a `Kernel` once (weights fetched and checked, geometry
/// computed, output shape known), so that running a batch is a switch per node and plain
/// loops per element, with nothing left to fail.
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

  /// Resolves `context.node` into a kernel and the per-frame shape of its output.
  static func plan(_ context: NodeContext) throws(ReferenceError) -> (Kernel, [Int]) {
    let shape = context.shape
    switch context.node.op {
    case .dense:
      let kernel = try DenseKernel(context)
      return (.dense(kernel), kernel.outputShape)
    case .conv1d(let attributes):
      let kernel = try ConvolutionKernel(context, attributes)
      return (.convolution(kernel), kernel.outputShape)
    case .conv2d(let attributes):
      let kernel = try ConvolutionKernel(context, attributes)
      return (.convolution(kernel), kernel.outputShape)
    case .batchnorm(let eps):
      return (.batchNorm(try BatchNormKernel(context, eps: eps)), shape)
    case .relu: return (.activation(.relu), shape)
    case .leakyRelu(let alpha): return (.activation(.leakyRelu(alpha: Float(alpha))), shape)
    case .sigmoid: return (.activation(.sigmoid), shape)
    case .tanh: return (.activation(.tanh), shape)
    case .softmax(let axis): return (.softmax(try SoftmaxKernel(context, axis: axis)), shape)
    case .maxpool2d(let attributes):
      let kernel = try PoolingKernel(context, attributes, reduction: .maximum)
      return (.pooling(kernel), kernel.outputShape)
    case .avgpool2d(let attributes):
      let kernel = try PoolingKernel(context, attributes, reduction: .average)
      return (.pooling(kernel), kernel.outputShape)
    case .globalAvgpool2d:
      let kernel = try GlobalAveragePoolKernel(context)
      return (.globalAveragePool(kernel), [kernel.channels])
    case .upsample2d(let scale, .nearest):
      let kernel = try UpsampleKernel(context, scale: scale)
      return (.upsample(kernel), kernel.outputShape)
    case .flatten: return (.copy, [shape.elementCount])
    case .reshape(let target): return (.copy, try LayoutOps.reshapedShape(context, target))
    case .dropout, .identity: return (.copy, shape)
    case .add: return (.arithmetic(.add), try ArithmeticKernel.outputShape(context))
    case .mul: return (.arithmetic(.mul), try ArithmeticKernel.outputShape(context))
    case .concat(let axis):
      let kernel = try ConcatKernel(context, axis: axis)
      return (.concat(kernel), kernel.outputShape)
    case .matmul:
      let kernel = try MatrixMultiplyKernel(context)
      return (.matrixMultiply(kernel), kernel.outputShape)
    case .transpose(let perm):
      let kernel = try TransposeKernel(context, perm: perm)
      return (.transpose(kernel), kernel.outputShape)
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
