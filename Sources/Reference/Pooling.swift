import ModelFormat

/// `maxpool2d` and `avgpool2d` over `[C, H, W]`, floor mode, symmetric padding.
///
/// Max pooling treats padding as −∞ (and propagates NaN, as PyTorch does); average pooling
/// counts padded zeros in the divisor (`count_include_pad=True`), which in floor mode makes
/// the divisor always `kh · kw`.
struct PoolingKernel: Sendable {
  /// Which reduction a window applies.
  enum Reduction: Sendable {
    /// The largest element; padding is −∞.
    case maximum
    /// The sum over the window divided by the window size; padding is 0.
    case average
  }

  /// The window's reduction.
  let reduction: Reduction
  /// Input channels, height and width.
  let channels: Int, height: Int, width: Int
  /// Output height and width.
  let outHeight: Int, outWidth: Int
  /// Window, stride and padding per axis.
  let kernel: Pair, stride: Pair, padding: Pair

  /// Resolves a pooling node on `[C, H, W]`; the output size is the verified one.
  init(_ context: NodeContext, _ attributes: Pooling2D, reduction: Reduction) {
    self.reduction = reduction
    (channels, height, width) = (context.shape[0], context.shape[1], context.shape[2])
    (outHeight, outWidth) = (context.outputShape[1], context.outputShape[2])
    (kernel, stride, padding) = (attributes.kernel, attributes.stride, attributes.padding)
  }

  /// Pools `frames` frames.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    let divisor = Float(kernel.h * kernel.w)
    var target = output
    for plane in 0..<(frames * channels) {
      let source = input + plane * height * width
      for oy in 0..<outHeight {
        let y0 = oy * stride.h - padding.h
        let rows = max(y0, 0)..<min(y0 + kernel.h, height)
        for ox in 0..<outWidth {
          let x0 = ox * stride.w - padding.w
          let columns = max(x0, 0)..<min(x0 + kernel.w, width)
          switch reduction {
          case .maximum:
            var best = -Float.infinity
            for y in rows {
              for x in columns {
                let value = source[y * width + x]
                if value > best || value.isNaN { best = value }
              }
            }
            target.pointee = best
          case .average:
            var sum: Float = 0
            for y in rows {
              for x in columns { sum += source[y * width + x] }
            }
            target.pointee = sum / divisor
          }
          target += 1
        }
      }
    }
  }
}

/// `global_avgpool2d`: the mean over H and W of `[C, H, W]`, giving `[C]`.
struct GlobalAveragePoolKernel: Sendable {
  /// Channels, and pixels per channel.
  let channels: Int, pixels: Int

  /// Resolves the node on `[C, H, W]`.
  init(_ context: NodeContext) {
    channels = context.shape[0]
    pixels = context.shape[1] * context.shape[2]
  }

  /// Averages `frames` frames.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    let count = Float(pixels)
    for plane in 0..<(frames * channels) {
      let source = input + plane * pixels
      var sum: Float = 0
      for i in 0..<pixels { sum += source[i] }
      output[plane] = sum / count
    }
  }
}
