import MatrixProduct
import ModelFormat

/// `dense` over the last axis with its bias and activation fused: one matrix product of all
/// rows of all frames in a call with the transposed weights.
struct DenseLayer: Sendable {
  /// Rows per frame: the product of the leading axes (1 for a vector input).
  let rows: Int
  let inFeatures: Int
  let outFeatures: Int
  /// `Wᵀ`, `[in, out]`, so a tile reads 16 consecutive output features.
  let weightT: FloatBuffer
  /// The bias, or zeros.
  let bias: FloatBuffer
  let epilogue: Epilogue<Float>

  init(weight: Tensor, bias: Tensor?, rows: Int, activation: Epilogue<Float>.Activation) {
    let (out, features) = (weight.shape[0], weight.shape[1])
    var transposed = [Float](repeating: 0, count: features * out)
    for o in 0..<out {
      for i in 0..<features { transposed[i * out + o] = weight.scalars[o * features + i] }
    }
    self.rows = rows
    inFeatures = features
    outFeatures = out
    weightT = FloatBuffer(transposed)
    self.bias = FloatBuffer(bias?.scalars ?? [Float](repeating: 0, count: out))
    epilogue = Epilogue(bias: .perColumn, activation: activation)
  }

  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    multiply(
      m: frames * rows, n: outFeatures, k: inFeatures, a: input, lda: inFeatures,
      b: weightT.base, ldb: outFeatures, c: output, ldc: outFeatures,
      bias: bias.base, epilogue: epilogue)
  }
}

/// `conv1d` (as a 2-D convolution of height 1) and `conv2d`, per frame and group: one product
/// of the `[out, C·kh·kw]` weights with the input's `[C·kh·kw, positions]` columns, bias and
/// activation fused.
///
/// How the columns are read depends on the stride. A 1×1 convolution that keeps the geometry
/// reads its input as they are. Other stride-1 convolutions read them in place: column `q` of
/// row `(c, ky, kx)` is pixel `q` of the input plane (zero-padded into the scratch first when
/// the convolution pads) shifted by `ky·dh` rows and `kx·dw` columns, so row `(c, ky, kx)`
/// starts at a fixed offset and the output is computed for every column of the plane's rows
/// ("wide" rows), of which the first `outWidth` are kept. Strided convolutions unfold the
/// input into the scratch (im2col).
struct ConvolutionLayer: Sendable {
  struct Geometry: Sendable {
    var channels: Int, height: Int, width: Int
    var outChannels: Int, outHeight: Int, outWidth: Int
    var kernelHeight: Int, kernelWidth: Int
    var strideH: Int, strideW: Int, dilationH: Int, dilationW: Int
    var padTop: Int, padLeft: Int
    var groups: Int
  }

  let g: Geometry
  let weight: FloatBuffer
  let bias: FloatBuffer
  let epilogue: Epilogue<Float>

  /// For the in-place path: the read plane's height and width (the input's, or the padded
  /// copy's), whether the copy is needed, and each B row's offset in it.
  let planeHeight: Int
  let planeWidth: Int
  let copiesPadded: Bool
  let rowOffsets: [Int]

  init(geometry g: Geometry, weight: Tensor, bias: Tensor?, activation: Epilogue<Float>.Activation)
  {
    self.g = g
    self.weight = FloatBuffer(weight.scalars)
    self.bias = FloatBuffer(bias?.scalars ?? [Float](repeating: 0, count: g.outChannels))
    epilogue = Epilogue(bias: .perRow, activation: activation)
    let paddedHeight = g.outHeight + (g.kernelHeight - 1) * g.dilationH
    let paddedWidth = g.outWidth + (g.kernelWidth - 1) * g.dilationW
    copiesPadded =
      g.padTop != 0 || g.padLeft != 0 || paddedHeight > g.height || paddedWidth > g.width
    planeHeight = copiesPadded ? paddedHeight : g.height
    planeWidth = copiesPadded ? paddedWidth : g.width
    var offsets: [Int] = []
    for c in 0..<(g.channels / g.groups) {
      for ky in 0..<g.kernelHeight {
        for kx in 0..<g.kernelWidth {
          offsets.append(
            (c * planeHeight + ky * g.dilationH) * planeWidth + kx * g.dilationW)
        }
      }
    }
    rowOffsets = offsets
  }

  var groupChannels: Int { g.channels / g.groups }
  var groupOutChannels: Int { g.outChannels / g.groups }
  var reduction: Int { groupChannels * g.kernelHeight * g.kernelWidth }
  var positions: Int { g.outHeight * g.outWidth }
  var isPointwise: Bool {
    g.kernelHeight == 1 && g.kernelWidth == 1 && g.strideH == 1 && g.strideW == 1
      && g.padTop == 0 && g.padLeft == 0 && g.outHeight == g.height && g.outWidth == g.width
  }
  /// Stride 1 and not pointwise: the columns are read in place (``runInPlace``).
  var readsInPlace: Bool { g.strideH == 1 && g.strideW == 1 && !isPointwise }
  /// Wide positions of the in-place path: every column of the first `outHeight − 1` plane
  /// rows, then the `outWidth` of the last.
  var widePositions: Int { (g.outHeight - 1) * planeWidth + g.outWidth }
  var paddedCount: Int { copiesPadded ? groupChannels * planeHeight * planeWidth : 0 }
  var scratchCount: Int {
    if isPointwise { return 0 }
    if readsInPlace { return paddedCount + groupOutChannels * widePositions }
    return reduction * positions
  }

  func run(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int,
    scratch: UnsafeMutablePointer<Float>
  ) {
    if readsInPlace {
      runInPlace(input, output, frames: frames, scratch: scratch)
      return
    }
    let inCount = g.channels * g.height * g.width
    let outCount = g.outChannels * positions
    for frame in 0..<frames {
      for group in 0..<g.groups {
        let source = input + frame * inCount + group * groupChannels * g.height * g.width
        let columns: UnsafePointer<Float>
        if isPointwise {
          columns = source
        } else {
          unfold(source, into: scratch)
          columns = UnsafePointer(scratch)
        }
        multiply(
          m: groupOutChannels, n: positions, k: reduction,
          a: weight.base + group * groupOutChannels * reduction, lda: reduction,
          b: columns, ldb: positions,
          c: output + frame * outCount + group * groupOutChannels * positions,
          ldc: positions, bias: bias.base + group * groupOutChannels, epilogue: epilogue)
      }
    }
  }

  /// The stride-1 path: per frame and group, the plane (the input, or its zero-padded copy
  /// in the scratch), one product into wide rows after it in the scratch, then the first
  /// `outWidth` columns of each wide row copied out. The columns past `outWidth` read the
  /// next row's pixels, and the last tile reads up to ``TileScalar/tileSlack`` floats past the plane:
  /// those products land only in columns that are not copied out.
  private func runInPlace(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int,
    scratch: UnsafeMutablePointer<Float>
  ) {
    let inPlane = g.height * g.width
    let outCount = g.outChannels * positions
    let wide = scratch + paddedCount
    rowOffsets.withUnsafeBufferPointer { offsets in
      guard let table = offsets.baseAddress else { return }
      for frame in 0..<frames {
        for group in 0..<g.groups {
          var plane = input + (frame * g.channels + group * groupChannels) * inPlane
          if copiesPadded {
            pad(plane, into: scratch)
            plane = UnsafePointer(scratch)
          }
          multiply(
            m: groupOutChannels, n: widePositions, k: reduction,
            a: weight.base + group * groupOutChannels * reduction, lda: reduction,
            b: plane, rows: TableRows(offsets: table), c: wide, ldc: widePositions,
            bias: bias.base + group * groupOutChannels, epilogue: epilogue)
          let target = output + frame * outCount + group * groupOutChannels * positions
          for o in 0..<groupOutChannels {
            for oy in 0..<g.outHeight {
              (target + (o * g.outHeight + oy) * g.outWidth).update(
                from: wide + o * widePositions + oy * planeWidth, count: g.outWidth)
            }
          }
        }
      }
    }
  }

  /// Copies one group's channels into zero-padded planes of `planeHeight × planeWidth`,
  /// pixel `(y, x)` at `(y + padTop, x + padLeft)`; rows and columns past the plane (which
  /// the convolution never reads) are left out.
  private func pad(_ source: UnsafePointer<Float>, into padded: UnsafeMutablePointer<Float>) {
    padded.update(repeating: 0, count: paddedCount)
    let rows = min(g.height, planeHeight - g.padTop)
    let columns = min(g.width, planeWidth - g.padLeft)
    guard rows > 0, columns > 0 else { return }
    for c in 0..<groupChannels {
      for y in 0..<rows {
        (padded + (c * planeHeight + y + g.padTop) * planeWidth + g.padLeft).update(
          from: source + (c * g.height + y) * g.width, count: columns)
      }
    }
  }

  /// Writes row `(c, ky, kx)` of the columns: the input pixel each output position's tap
  /// reads, zero where the tap falls in the padding.
  private func unfold(_ source: UnsafePointer<Float>, into columns: UnsafeMutablePointer<Float>) {
    var row = columns
    for c in 0..<groupChannels {
      let plane = source + c * g.height * g.width
      for ky in 0..<g.kernelHeight {
        for kx in 0..<g.kernelWidth {
          let x0 = kx * g.dilationW - g.padLeft
          let first = min(g.outWidth, x0 >= 0 ? 0 : (-x0 + g.strideW - 1) / g.strideW)
          let last = max(
            first, min(g.outWidth, x0 >= g.width ? 0 : (g.width - 1 - x0) / g.strideW + 1))
          for oy in 0..<g.outHeight {
            let target = row + oy * g.outWidth
            let y = oy * g.strideH - g.padTop + ky * g.dilationH
            guard y >= 0, y < g.height else {
              target.update(repeating: 0, count: g.outWidth)
              continue
            }
            let line = plane + y * g.width + x0
            target.update(repeating: 0, count: first)
            if g.strideW == 1 {
              (target + first).update(from: line + first, count: last - first)
            } else {
              for ox in first..<last { target[ox] = line[ox * g.strideW] }
            }
            (target + last).update(repeating: 0, count: g.outWidth - last)
          }
          row += positions
        }
      }
    }
  }
}

/// `maxpool2d` (padding is −∞) and `avgpool2d` (padded zeros count in the divisor).
struct PoolingLayer: Sendable {
  let isMaximum: Bool
  let channels: Int, height: Int, width: Int
  let outHeight: Int, outWidth: Int
  let kernel: Pair, stride: Pair, padding: Pair

  /// Whether every window lies inside the plane (no padding): the row-wise loop applies.
  var isInterior: Bool {
    padding.h == 0 && padding.w == 0 && (outHeight - 1) * stride.h + kernel.h <= height
      && (outWidth - 1) * stride.w + kernel.w <= width
  }

  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    if isInterior {
      runInterior(input, output, frames: frames)
      return
    }
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
          if isMaximum {
            var best = -Float.infinity
            for y in rows {
              for x in columns {
                let value = source[y * width + x]
                if value > best || value.isNaN { best = value }
              }
            }
            target.pointee = best
          } else {
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

  /// Windows without padding, in two passes per output row: the window's rows combined
  /// column by column (contiguous, eight lanes at a time), then each window's columns of
  /// that row. A maximum is NaN when any tap is, as in the per-window loop; the order of the
  /// taps differs from it, which can change only which of +0 and −0 a maximum returns and
  /// the last bits of an average.
  private func runInterior(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int
  ) {
    let divisor = Float(kernel.h * kernel.w)
    withUnsafeTemporaryAllocation(of: Float.self, capacity: width) { buffer in
      guard let rows = buffer.baseAddress else { return }
      for plane in 0..<(frames * channels) {
        let source = input + plane * height * width
        for oy in 0..<outHeight {
          let top = source + oy * stride.h * width
          rows.update(from: top, count: width)
          for ky in 1..<kernel.h { combine(rows, top + ky * width) }
          let target = output + (plane * outHeight + oy) * outWidth
          var ox = 0
          while ox + 8 <= outWidth {
            let window = rows + ox * stride.w
            var value: SIMD8<Float>
            if pairsColumns {
              let pair = UnsafeRawPointer(window).loadUnaligned(as: SIMD16<Float>.self)
              value = combined(pair.evenHalf, pair.oddHalf)
            } else {
              value = gather(window)
              for kx in 1..<kernel.w { value = combined(value, gather(window + kx)) }
            }
            if !isMaximum { value /= divisor }
            UnsafeMutableRawPointer(target + ox).storeBytes(of: value, as: SIMD8<Float>.self)
            ox += 8
          }
          while ox < outWidth {
            let window = rows + ox * stride.w
            var value = SIMD8(repeating: window[0])
            for kx in 1..<kernel.w { value = combined(value, SIMD8(repeating: window[kx])) }
            target[ox] = isMaximum ? value[0] : value[0] / divisor
            ox += 1
          }
        }
      }
    }
  }

  /// Windows two columns wide, two apart (the usual 2 × 2 pooling): 16 consecutive floats
  /// hold eight windows' columns, the even lanes the first and the odd lanes the second.
  var pairsColumns: Bool { kernel.w == 2 && stride.w == 2 }

  /// Eight consecutive windows' column: `window[0]`, `window[stride]`, … `window[7·stride]`.
  @inline(__always)
  private func gather(_ window: UnsafePointer<Float>) -> SIMD8<Float> {
    let s = stride.w
    return SIMD8(
      window[0], window[s], window[2 * s], window[3 * s], window[4 * s], window[5 * s],
      window[6 * s], window[7 * s])
  }

  /// `a` and `b` combined lane by lane, without branches (the comparisons are data):
  /// the larger (NaN wins) for a maximum, the sum for an average.
  @inline(__always)
  private func combined(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
    guard isMaximum else { return a + b }
    var c = a
    c.replace(with: b, where: (b .> a) .| (b .!= b))
    return c
  }

  /// `rows[x] = combined(rows[x], line[x])` for every column.
  @inline(__always)
  private func combine(_ rows: UnsafeMutablePointer<Float>, _ line: UnsafePointer<Float>) {
    var x = 0
    while x + 8 <= width {
      let a = UnsafeRawPointer(rows + x).loadUnaligned(as: SIMD8<Float>.self)
      let b = UnsafeRawPointer(line + x).loadUnaligned(as: SIMD8<Float>.self)
      UnsafeMutableRawPointer(rows + x).storeBytes(of: combined(a, b), as: SIMD8<Float>.self)
      x += 8
    }
    while x < width {
      rows[x] = combined(SIMD8(repeating: rows[x]), SIMD8(repeating: line[x]))[0]
      x += 1
    }
  }
}
