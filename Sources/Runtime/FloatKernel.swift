import Foundation
import MatrixProduct
import ModelFormat

/// One node of the fast float engine, planned: weights laid out for its loops, geometry
/// fixed, and for dense and convolution layers the following activation fused in.
///
/// Running is one switch per node and batch; inner loops see only concrete types.
enum FloatKernel: Sendable {
  /// `dense`, over the last axis: `[frames·rows, in] · Wᵀ[in, out]`.
  case dense(DenseLayer)
  /// `conv1d` and `conv2d`, as a product of the weights and the input's columns.
  case convolution(ConvolutionLayer)
  /// `batchnorm` as a per-channel scale and shift.
  case affine(channels: Int, inner: Int, scale: [Float], shift: [Float])
  /// `relu`, `leaky_relu`, `sigmoid`, `tanh` on their own.
  case activation(Activation)
  /// `softmax` along an axis of `length` with `outer` blocks before and `inner` after.
  case softmax(outer: Int, length: Int, inner: Int)
  /// `maxpool2d` and `avgpool2d`.
  case pooling(PoolingLayer)
  /// `global_avgpool2d`: `channels` planes of `pixels`.
  case globalAverage(channels: Int, pixels: Int)
  /// `upsample2d`, nearest.
  case upsample(channels: Int, height: Int, width: Int, scale: Pair)
  /// `add` (true) or `mul` (false) of two tensors of one shape.
  case elementwise(isAdd: Bool)
  /// `concat`: per outer index, each input's block in turn.
  case concat(outer: Int, blocks: [Int])
  /// `matmul`: `count` products `[m, k] · [k, n]` per frame.
  case matmul(count: Int, m: Int, k: Int, n: Int)
  /// `transpose`: output shape and, per output axis, the input stride.
  case transpose(shape: [Int], strides: [Int])

  /// An element-wise activation that is not fused.
  enum Activation: Sendable {
    case relu
    case leakyRelu(Float)
    case sigmoid
    case tanh
  }

  /// Floats of scratch the kernel needs per call (an unfolded or padded frame, wide rows).
  var scratchCount: Int {
    if case .convolution(let layer) = self { return layer.scratchCount }
    return 0
  }

  /// Runs `frames` frames; `inputs` and `output` hold them back to back.
  func run(
    _ inputs: UnsafePointer<UnsafePointer<Float>>, _ output: UnsafeMutablePointer<Float>,
    frames: Int, outputCount: Int, scratch: UnsafeMutablePointer<Float>
  ) {
    let input = inputs[0]
    let count = frames * outputCount
    switch self {
    case .dense(let layer): layer.run(input, output, frames: frames)
    case .convolution(let layer): layer.run(input, output, frames: frames, scratch: scratch)
    case .affine(let channels, let inner, let scale, let shift):
      for plane in 0..<(frames * channels) {
        let (a, b) = (scale[plane % channels], shift[plane % channels])
        let source = input + plane * inner
        let target = output + plane * inner
        for i in 0..<inner { target[i] = source[i] * a + b }
      }
    case .activation(let activation): Self.apply(activation, input, output, count: count)
    case .softmax(let outer, let length, let inner):
      Self.softmax(input, output, blocks: frames * outer, length: length, inner: inner)
    case .pooling(let layer): layer.run(input, output, frames: frames)
    case .globalAverage(let channels, let pixels):
      for plane in 0..<(frames * channels) {
        var sum: Float = 0
        for i in 0..<pixels { sum += input[plane * pixels + i] }
        output[plane] = sum / Float(pixels)
      }
    case .upsample(let channels, let height, let width, let scale):
      Self.upsample(input, output, planes: frames * channels, height, width, scale)
    case .elementwise(let isAdd):
      let other = inputs[1]
      if isAdd {
        for i in 0..<count { output[i] = input[i] + other[i] }
      } else {
        for i in 0..<count { output[i] = input[i] * other[i] }
      }
    case .concat(let outer, let blocks):
      var target = output
      for index in 0..<(frames * outer) {
        for (n, block) in blocks.enumerated() {
          target.update(from: inputs[n] + index * block, count: block)
          target += block
        }
      }
    case .matmul(let products, let m, let k, let n):
      let right = inputs[1]
      for index in 0..<(frames * products) {
        multiply(
          m: m, n: n, k: k, a: input + index * m * k, lda: k, b: right + index * k * n, ldb: n,
          c: output + index * m * n, ldc: n, bias: nil, epilogue: Epilogue())
      }
    case .transpose(let shape, let strides):
      Self.transpose(input, output, frames: frames, shape: shape, strides: strides)
    }
  }

  private static func apply(
    _ activation: Activation, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
    count: Int
  ) {
    switch activation {
    case .relu:
      for i in 0..<count {
        let x = input[i]
        output[i] = x < 0 ? 0 : x
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

  private static func softmax(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, blocks: Int,
    length: Int, inner: Int
  ) {
    if inner == 1 {
      for block in 0..<blocks {
        contiguousSoftmax(input + block * length, output + block * length, length: length)
      }
      return
    }
    for block in 0..<blocks {
      for offset in 0..<inner {
        let source = input + block * length * inner + offset
        let target = output + block * length * inner + offset
        var largest = -Float.infinity
        for i in 0..<length { largest = max(largest, source[i * inner]) }
        var sum: Float = 0
        for i in 0..<length {
          let e = Foundation.exp(source[i * inner] - largest)
          target[i * inner] = e
          sum += e
        }
        let scale = 1 / sum
        for i in 0..<length { target[i * inner] *= scale }
      }
    }
  }

  /// Softmax of `length` consecutive floats, eight at a time (``exponential(_:)``); the
  /// last `length mod 8` go through the same function, so every element's `eˣ` is computed
  /// alike.
  private static func contiguousSoftmax(
    _ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, length: Int
  ) {
    var largest = -Float.infinity
    for i in 0..<length { largest = max(largest, source[i]) }
    let top = SIMD8<Float>(repeating: largest)
    var sums = SIMD8<Float>(repeating: 0)
    var i = 0
    while i + 8 <= length {
      let x = UnsafeRawPointer(source + i).loadUnaligned(as: SIMD8<Float>.self)
      let e = exponential(x - top)
      UnsafeMutableRawPointer(target + i).storeBytes(of: e, as: SIMD8<Float>.self)
      sums += e
      i += 8
    }
    var sum = sums.sum()
    while i < length {
      let e = exponential(SIMD8(repeating: source[i] - largest))[0]
      target[i] = e
      sum += e
      i += 1
    }
    let scale = 1 / sum
    for i in 0..<length { target[i] *= scale }
  }

  private static func upsample(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, planes: Int,
    _ height: Int, _ width: Int, _ scale: Pair
  ) {
    let outWidth = width * scale.w
    var target = output
    for plane in 0..<planes {
      for y in 0..<height {
        let line = input + (plane * height + y) * width
        for x in 0..<width {
          target.update(repeating: line[x], count: scale.w)
          target += scale.w
        }
        for _ in 1..<scale.h {
          target.update(from: target - outWidth, count: outWidth)
          target += outWidth
        }
      }
    }
  }

  private static func transpose(
    _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int,
    shape: [Int], strides: [Int]
  ) {
    let count = shape.reduce(1, *)
    let rank = shape.count
    let last = shape[rank - 1]
    let lastStride = strides[rank - 1]
    shape.withUnsafeBufferPointer { shape in
      strides.withUnsafeBufferPointer { strides in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rank) { index in
          for frame in 0..<frames {
            let source = input + frame * count
            var target = output + frame * count
            index.initialize(repeating: 0)
            var offset = 0
            for _ in 0..<(count / last) {
              for j in 0..<last { target[j] = source[offset + j * lastStride] }
              target += last
              var axis = rank - 2
              while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < shape[axis] { break }
                offset -= index[axis] * strides[axis]
                index[axis] = 0
                axis -= 1
              }
            }
          }
        }
      }
    }
  }
}
