import ModelFormat
import Reference
import Testing

/// Convolution straight from its definition, in Double: the independent oracle for the
/// engine's im2col + matrix product. `x` is `[N, C, H, W]`, `w` `[O, C/groups, kh, kw]`.
func directConvolution(
  _ x: Tensor, _ w: Tensor, bias: Tensor?, stride: Pair, padding: Padding2D, dilation: Pair,
  groups: Int
) -> Tensor {
  let (n, c, h, wd) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
  let (o, cg, kh, kw) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
  let oh = (h + padding.top + padding.bottom - dilation.h * (kh - 1) - 1) / stride.h + 1
  let ow = (wd + padding.left + padding.right - dilation.w * (kw - 1) - 1) / stride.w + 1
  var out = [Float](repeating: 0, count: n * o * oh * ow)
  for b in 0..<n {
    for oc in 0..<o {
      let g = oc / (o / groups)
      for oy in 0..<oh {
        for ox in 0..<ow {
          var sum = Double(bias?.scalars[oc] ?? 0)
          for ic in 0..<cg {
            for ky in 0..<kh {
              for kx in 0..<kw {
                let y = oy * stride.h - padding.top + ky * dilation.h
                let xx = ox * stride.w - padding.left + kx * dilation.w
                guard y >= 0, y < h, xx >= 0, xx < wd else { continue }
                let input = x.scalars[((b * c + g * cg + ic) * h + y) * wd + xx]
                let weight = w.scalars[((oc * cg + ic) * kh + ky) * kw + kx]
                sum += Double(input) * Double(weight)
              }
            }
          }
          out[((b * o + oc) * oh + oy) * ow + ox] = Float(sum)
        }
      }
    }
  }
  return Tensor(shape: [n, o, oh, ow], scalars: out)
}

/// One conv2d configuration of the sweep.
struct ConvolutionCase: CustomStringConvertible, Sendable {
  var channels: Int, outChannels: Int, height: Int, width: Int, kernel: Pair
  var attributes: Convolution2D
  var bias = true

  var description: String {
    "conv2d \(channels)→\(outChannels) \(height)×\(width) k\(kernel) s\(attributes.stride) "
      + "p\(attributes.padding) d\(attributes.dilation) g\(attributes.groups) bias \(bias)"
  }
}

@Suite struct ConvolutionTests {
  static let input3x3 = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
  static let diagonal = Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, -1])

  @Test func conv2dOnA3x3ByHand() throws {
    // out[i][j] = x[i][j] − x[i+1][j+1] + 0.5 = 1 − 5 + 0.5 … = −3.5 everywhere.
    let out = try runSingle(
      .conv2d(Convolution2D()), input: Self.input3x3,
      params: ["weight": Self.diagonal, "bias": Tensor(shape: [1], scalars: [0.5])])
    #expect(out == Tensor(shape: [1, 1, 2, 2], scalars: [-3.5, -3.5, -3.5, -3.5]))
  }

  @Test func conv2dPaddingIsZeroByHand() throws {
    // With one pixel of zeros around: out[i][j] = x[i−1][j−1] − x[i][j].
    let out = try runSingle(
      .conv2d(Convolution2D(padding: Padding2D(1, 1, 1, 1))), input: Self.input3x3,
      params: ["weight": Self.diagonal])
    let expected: [Float] = [-1, -2, -3, 0, -4, -4, -4, 3, -7, -4, -4, 6, 0, 7, 8, 9]
    #expect(out == Tensor(shape: [1, 1, 4, 4], scalars: expected))
  }

  @Test func conv2dDilationSkipsPixelsByHand() throws {
    // A 3×3 kernel of ones dilated by 2 on 0…24 (5×5) sums rows and columns 0, 2, 4.
    let x = Tensor(shape: [1, 1, 5, 5], scalars: (0..<25).map(Float.init))
    let out = try runSingle(
      .conv2d(Convolution2D(dilation: Pair(2, 2))), input: x,
      params: ["weight": Tensor(shape: [1, 1, 3, 3], repeating: 1)])
    #expect(out == Tensor(shape: [1, 1, 1, 1], scalars: [108]))
  }

  @Test func conv2dDepthwiseGroupsByHand() throws {
    // groups == channels: each channel scaled by its own 1×1 weight.
    let x = Tensor(shape: [1, 2, 1, 2], scalars: [1, 2, 3, 4])
    let out = try runSingle(
      .conv2d(Convolution2D(groups: 2)), input: x,
      params: ["weight": Tensor(shape: [2, 1, 1, 1], scalars: [2, -3])])
    #expect(out == Tensor(shape: [1, 2, 1, 2], scalars: [2, 4, -9, -12]))
  }

  @Test func conv2dAsymmetricStrideAndPaddingByHand() throws {
    // 1×1 kernel of 1, stride (2, 3), padding top 1, left 0, bottom 0, right 2 on 3×3.
    let out = try runSingle(
      .conv2d(Convolution2D(stride: Pair(2, 3), padding: Padding2D(1, 0, 0, 2))),
      input: Self.input3x3, params: ["weight": Tensor(shape: [1, 1, 1, 1], scalars: [1])])
    // Rows −1 and 1 of x (zeros, then 4 5 6), columns 0 and 3 (x, then padding).
    #expect(out == Tensor(shape: [1, 1, 2, 2], scalars: [0, 0, 4, 0]))
  }

  static let cases: [ConvolutionCase] = [
    ConvolutionCase(
      channels: 1, outChannels: 4, height: 11, width: 11, kernel: Pair(3, 3),
      attributes: Convolution2D()),
    ConvolutionCase(
      channels: 64, outChannels: 32, height: 9, width: 9, kernel: Pair(1, 1),
      attributes: Convolution2D()),
    ConvolutionCase(
      channels: 3, outChannels: 6, height: 15, width: 13, kernel: Pair(3, 3),
      attributes: Convolution2D(stride: Pair(2, 1), padding: Padding2D(1, 2, 1, 2))),
    ConvolutionCase(
      channels: 6, outChannels: 5, height: 8, width: 7, kernel: Pair(3, 2),
      attributes: Convolution2D(padding: Padding2D(2, 1, 0, 3), dilation: Pair(2, 2)),
      bias: false),
    ConvolutionCase(
      channels: 6, outChannels: 6, height: 7, width: 7, kernel: Pair(3, 3),
      attributes: Convolution2D(padding: Padding2D(1, 1, 1, 1), groups: 6)),
    ConvolutionCase(
      channels: 4, outChannels: 6, height: 6, width: 9, kernel: Pair(2, 3),
      attributes: Convolution2D(stride: Pair(1, 2), dilation: Pair(1, 3), groups: 2)),
    ConvolutionCase(
      channels: 2, outChannels: 3, height: 5, width: 5, kernel: Pair(1, 1),
      attributes: Convolution2D(stride: Pair(2, 2))),
  ]

  @Test(arguments: cases.indices)
  func conv2dMatchesTheDefinition(index: Int) throws {
    let config = Self.cases[index]
    var random = SplitMix(seed: UInt64(100 + index))
    let groups = config.attributes.groups
    let x = random.tensor([5, config.channels, config.height, config.width])
    let w = random.tensor(
      [config.outChannels, config.channels / groups, config.kernel.h, config.kernel.w])
    let b = random.tensor([config.outChannels])
    let params = config.bias ? ["weight": w, "bias": b] : ["weight": w]
    let observed = try runSingle(.conv2d(config.attributes), input: x, params: params)
    let a = config.attributes
    let expected = directConvolution(
      x, w, bias: config.bias ? b : nil, stride: a.stride, padding: a.padding,
      dilation: a.dilation, groups: groups)
    expectClose(
      observed, expected, "seed \(100 + index) \(config)", absolute: absoluteFloor(expected))
  }

  @Test(arguments: [
    Convolution1D(), Convolution1D(stride: 2, padLeft: 1, padRight: 2),
    Convolution1D(dilation: 2), Convolution1D(padLeft: 2, padRight: 2, groups: 2),
  ])
  func conv1dIsConv2dOfHeightOne(attributes: Convolution1D) throws {
    var random = SplitMix(seed: 7)
    let x = random.tensor([3, 4, 20])
    let w = random.tensor([6, 4 / attributes.groups, 3])
    let b = random.tensor([6])
    let observed = try runSingle(.conv1d(attributes), input: x, params: ["weight": w, "bias": b])
    let expected = directConvolution(
      Tensor(shape: [3, 4, 1, 20], scalars: x.scalars),
      Tensor(shape: [6, 4 / attributes.groups, 1, 3], scalars: w.scalars), bias: b,
      stride: Pair(1, attributes.stride),
      padding: Padding2D(0, attributes.padLeft, 0, attributes.padRight),
      dilation: Pair(1, attributes.dilation), groups: attributes.groups)
    let shape = [3, 6, expected.shape[3]]
    expectClose(
      observed, Tensor(shape: shape, scalars: expected.scalars), "conv1d \(attributes)",
      absolute: absoluteFloor(expected))
  }

  @Test func conv1dByHand() throws {
    // Kernel [1, −1] with stride 2 on 1 2 4 8 16: differences x[2i] − x[2i+1].
    let out = try runSingle(
      .conv1d(Convolution1D(stride: 2)),
      input: Tensor(shape: [1, 1, 5], scalars: [1, 2, 4, 8, 16]),
      params: ["weight": Tensor(shape: [1, 1, 2], scalars: [1, -1])])
    #expect(out == Tensor(shape: [1, 1, 2], scalars: [-1, -4]))
  }
}
