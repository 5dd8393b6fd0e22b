import FixedIR
import FixedPoint
import ModelFormat

/// The extents a convolution or pooling rule needs, from its tensors.
struct ConvolutionGeometry {
  var inChannels: Int
  var inHeight: Int
  var inWidth: Int
  var outChannels: Int
  var outHeight: Int
  var outWidth: Int
  var kernelHeight: Int
  var kernelWidth: Int
  var dilationHeight: Int
  var dilationWidth: Int

  /// Rows of line buffer a sliding window needs, and the cycles to fill it.
  var lineBufferRows: Int { (kernelHeight - 1) * dilationHeight }
  var lineBufferFill: Int { lineBufferRows * inWidth + (kernelWidth - 1) * dilationWidth }

  /// A conv2d: input `[C, H, W]`, weight `[O, C/g, kh, kw]`, output `[O, H', W']`.
  init(
    _ ctx: OpContext, conv2d conv: Convolution2D, weight: String
  ) throws(CostModelError) {
    let x = try ctx.input()
    let w = try ctx.constant(weight)
    let y = ctx.op.output
    guard x.shape.count == 3, w.shape.count == 4, y.shape.count == 3 else {
      throw .unexpectedShape(
        op: ctx.name, detail: "conv2d needs [C, H, W] tensors and a 4-D weight")
    }
    self.init(
      inChannels: x.shape[0], inHeight: x.shape[1], inWidth: x.shape[2],
      outChannels: y.shape[0], outHeight: y.shape[1], outWidth: y.shape[2],
      kernelHeight: w.shape[2], kernelWidth: w.shape[3], dilationHeight: conv.dilation.h,
      dilationWidth: conv.dilation.w)
  }

  /// A conv1d, as a conv2d of height 1: input `[C, L]`, weight `[O, C/g, k]`.
  init(
    _ ctx: OpContext, conv1d conv: Convolution1D, weight: String
  ) throws(CostModelError) {
    let x = try ctx.input()
    let w = try ctx.constant(weight)
    let y = ctx.op.output
    guard x.shape.count == 2, w.shape.count == 3, y.shape.count == 2 else {
      throw .unexpectedShape(op: ctx.name, detail: "conv1d needs [C, L] tensors and a 3-D weight")
    }
    self.init(
      inChannels: x.shape[0], inHeight: 1, inWidth: x.shape[1], outChannels: y.shape[0],
      outHeight: 1, outWidth: y.shape[1], kernelHeight: 1, kernelWidth: w.shape[2],
      dilationHeight: 1, dilationWidth: conv.dilation)
  }

  private init(
    inChannels: Int, inHeight: Int, inWidth: Int, outChannels: Int, outHeight: Int,
    outWidth: Int, kernelHeight: Int, kernelWidth: Int, dilationHeight: Int,
    dilationWidth: Int
  ) {
    self.inChannels = inChannels
    self.inHeight = inHeight
    self.inWidth = inWidth
    self.outChannels = outChannels
    self.outHeight = outHeight
    self.outWidth = outWidth
    self.kernelHeight = kernelHeight
    self.kernelWidth = kernelWidth
    self.dilationHeight = dilationHeight
    self.dilationWidth = dilationWidth
  }
}

extension CostModel {
  /// conv1d and conv2d: the kernel's multiply-accumulate core (`linearCore`) serves one
  /// output pixel at a time.
  ///
  /// Parallel: II = output pixels × R; latency = (pixels − 1) · R + depth. Stream: the core
  /// takes one input pixel every R cycles behind a line buffer of `(kh − 1)·dh` rows;
  /// II = input pixels × R, latency = (input pixels − 1) · R + depth, fill = line-buffer
  /// fill · R + depth.
  func convolution(
    _ ctx: OpContext, _ g: ConvolutionGeometry, weight: String, bias: String?,
    accumulator: FixedFormat, activation: FusedActivation
  ) throws(CostModelError) -> CostRow {
    let w = try ctx.constant(weight)
    let x = try ctx.input()
    let nonZero = Self.nonZeroPerOutput(w)
    let pixelsOut = g.outHeight * g.outWidth
    var b = RowBuilder(constants)
    b.products = nonZero.reduce(0, +) * pixelsOut
    var depth = linearCore(
      &b, nonZero: nonZero, bias: try bias.map(ctx.constant),
      weightsPerOutput: w.raw.count / max(g.outChannels, 1), copies: 1,
      multiplier: part.family.multiplier(x.format, w.format),
      accumulatorBits: accumulator.storageWidth, reuse: ctx.reuse,
      romBits: w.raw.count * w.format.storageWidth)
    depth += try fused(
      &b, activation, count: g.outChannels, accumulator: accumulator, ctx: ctx)
    b.outputRegisters(g.outChannels, bits: ctx.op.output.format.storageWidth)
    let name = ctx.op.kind.name
    if ctx.isStream {
      b.lineBuffer(
        rows: g.lineBufferRows, width: g.inWidth,
        pixelBits: g.inChannels * x.format.storageWidth)
      let pixelsIn = g.inHeight * g.inWidth
      return b.row(
        name: ctx.name, op: name, latency: (pixelsIn - 1) * ctx.reuse + depth,
        fill: g.lineBufferFill * ctx.reuse + depth, ii: pixelsIn * ctx.reuse)
    }
    return b.row(
      name: ctx.name, op: name, latency: (pixelsOut - 1) * ctx.reuse + depth,
      ii: pixelsOut * ctx.reuse)
  }
}
