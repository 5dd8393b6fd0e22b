import ModelFormat

/// `conv1d` and `conv2d` (PyTorch's `F.conv1d` / `F.conv2d`): stride, explicit padding on
/// each side, dilation and groups.
///
/// A 1-D convolution is a 2-D one of height 1, so one kernel serves both. Per frame and per
/// group the input is unfolded (im2col) into `[in/groups · kh · kw, OH · OW]`, zeros where
/// a tap falls in the padding, and multiplied by the weight `[out/groups, in/groups · kh ·
/// kw]`. Pointwise convolutions (1×1, stride 1, no padding) read their input directly.
struct ConvolutionKernel: Sendable {
  /// Input channels, height and width.
  let channels: Int, height: Int, width: Int
  /// Output channels, height and width.
  let outChannels: Int, outHeight: Int, outWidth: Int
  /// Kernel height and width.
  let kernelHeight: Int, kernelWidth: Int
  /// Stride, dilation and the padding above and on the left, per axis.
  let strideH: Int, strideW: Int, dilationH: Int, dilationW: Int, padTop: Int, padLeft: Int
  /// Channel groups.
  let groups: Int
  /// The weight `[out, in/groups, kh, kw]`, i.e. `[out, K]` row-major.
  let weight: [Float]
  /// The bias, zeros when the node has none.
  let bias: [Float]

  /// Input channels per group.
  var groupChannels: Int { channels / groups }
  /// Output channels per group.
  var groupOutChannels: Int { outChannels / groups }
  /// Rows of the unfolded input: the length of one output's dot product.
  var reduction: Int { groupChannels * kernelHeight * kernelWidth }
  /// Output positions per channel.
  var positions: Int { outHeight * outWidth }
  /// True when the unfolded input is the input itself.
  var isPointwise: Bool {
    kernelHeight == 1 && kernelWidth == 1 && strideH == 1 && strideW == 1 && padTop == 0
      && padLeft == 0 && outHeight == height && outWidth == width
  }
  /// Floats of scratch space needed for one group's unfolded input.
  var scratchCount: Int { isPointwise ? 0 : reduction * positions }

  /// Resolves `conv1d` on `[C, L]` as a convolution of height 1.
  init(_ context: NodeContext, _ attributes: Convolution1D) throws(ReferenceError) {
    let weight = try context.parameter("weight")
    try self.init(
      context, weight: weight, input: [context.shape[0], 1, context.shape[1]],
      output: [context.outputShape[0], 1, context.outputShape[1]],
      kernel: Pair(1, weight.shape[2]), stride: Pair(1, attributes.stride),
      padding: Padding2D(0, attributes.padLeft, 0, attributes.padRight),
      dilation: Pair(1, attributes.dilation), groups: attributes.groups)
  }

  /// Resolves `conv2d` on `[C, H, W]`.
  init(_ context: NodeContext, _ attributes: Convolution2D) throws(ReferenceError) {
    let weight = try context.parameter("weight")
    try self.init(
      context, weight: weight, input: context.shape, output: context.outputShape,
      kernel: Pair(weight.shape[2], weight.shape[3]), stride: attributes.stride,
      padding: attributes.padding, dilation: attributes.dilation, groups: attributes.groups)
  }

  /// Takes the geometry from the verified shapes: `input` and `output` are `[C, H, W]`.
  private init(
    _ context: NodeContext, weight: Tensor, input: [Int], output: [Int], kernel: Pair,
    stride: Pair, padding: Padding2D, dilation: Pair, groups: Int
  ) throws(ReferenceError) {
    (channels, height, width) = (input[0], input[1], input[2])
    (outChannels, outHeight, outWidth) = (output[0], output[1], output[2])
    (kernelHeight, kernelWidth) = (kernel.h, kernel.w)
    (strideH, strideW, dilationH, dilationW) = (stride.h, stride.w, dilation.h, dilation.w)
    (padTop, padLeft) = (padding.top, padding.left)
    self.groups = groups
    self.weight = weight.scalars
    bias =
      try context.optionalParameter("bias")?.scalars
      ?? [Float](repeating: 0, count: output[0])
  }

  /// Convolves `frames` frames; `scratch` holds `scratchCount` floats.
  func run(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int,
    scratch: UnsafeMutablePointer<Float>
  ) {
    let inCount = channels * height * width
    let outCount = outChannels * positions
    weight.withBase { weight in
      for frame in 0..<frames {
        let out = output + frame * outCount
        for o in 0..<outChannels {
          (out + o * positions).update(repeating: bias[o], count: positions)
        }
        for g in 0..<groups {
          let source = input + frame * inCount + g * groupChannels * height * width
          let columns: UnsafePointer<Float>
          if isPointwise {
            columns = source
          } else {
            unfold(source, into: scratch)
            columns = UnsafePointer(scratch)
          }
          multiplyAccumulate(
            m: groupOutChannels, n: positions, k: reduction,
            a: weight + g * groupOutChannels * reduction, lda: reduction,
            b: columns, ldb: positions,
            c: out + g * groupOutChannels * positions, ldc: positions)
        }
      }
    }
  }

  /// im2col of one group: row `(c·kh + ky)·kw + kx` holds tap `(ky, kx)` of channel `c` at
  /// every output position, zero where the tap lies in the padding.
  private func unfold(_ source: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>) {
    var row = columns
    for c in 0..<groupChannels {
      let plane = source + c * height * width
      for ky in 0..<kernelHeight {
        for kx in 0..<kernelWidth {
          // Output columns whose tap lands inside the input: x = x0 + ox·stride in 0..<width.
          let x0 = kx * dilationW - padLeft
          let first = min(outWidth, x0 >= 0 ? 0 : (-x0 + strideW - 1) / strideW)
          let last = max(first, min(outWidth, x0 >= width ? 0 : (width - 1 - x0) / strideW + 1))
          for oy in 0..<outHeight {
            let target = row + oy * outWidth
            let y = oy * strideH - padTop + ky * dilationH
            guard y >= 0, y < height else {
              target.update(repeating: 0, count: outWidth)
              continue
            }
            let line = plane + y * width + x0
            target.update(repeating: 0, count: first)
            if strideW == 1 {
              (target + first).update(from: line + first, count: last - first)
            } else {
              for ox in first..<last { target[ox] = line[ox * strideW] }
            }
            (target + last).update(repeating: 0, count: outWidth - last)
          }
          row += positions
        }
      }
    }
  }
}
