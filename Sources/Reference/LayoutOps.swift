import ModelFormat

/// `concat` along one non-batch axis: per outer index, each input's block in turn.
///
/// The operators that only move elements live in this file: `concat`, `transpose` and
/// `upsample2d` (and `flatten`, `reshape`, `dropout`, `identity`, which are plain copies, see
/// `Kernel.copy`). None of them computes, so all are exact.
struct ConcatKernel: Sendable {
  /// Elements before the axis, per frame.
  let outer: Int
  /// Each input's contiguous block per outer index: its axis length times the trailing size.
  let blocks: [Int]

  /// Resolves the axis against the verified input shapes.
  init(_ context: NodeContext, axis: Int) {
    let resolved = context.resolve(axis: axis)
    let trailing = context.shape[(resolved + 1)...].elementCount
    outer = context.shape[..<resolved].elementCount
    blocks = context.inputShapes.map { $0[resolved] * trailing }
  }

  /// Concatenates `frames` frames of every input.
  func run(_ inputs: [UnsafePointer<Float>], _ output: UnsafeMutablePointer<Float>, frames: Int) {
    var target = output
    for index in 0..<(frames * outer) {
      for (input, block) in zip(inputs, blocks) {
        target.update(from: input + index * block, count: block)
        target += block
      }
    }
  }
}

/// `transpose`: output dimension `i` is input dimension `perm[i]` (non-batch dimensions).
struct TransposeKernel: Sendable {
  /// The per-frame output shape.
  let outputShape: [Int]
  /// For each output dimension, the input stride it walks.
  let strides: [Int]

  /// Resolves the permutation (negative entries count from the end) on the input shape.
  init(_ context: NodeContext, perm: [Int]) {
    let shape = context.shape
    var inputStrides = [Int](repeating: 1, count: shape.count)
    for axis in shape.indices.dropLast().reversed() {
      inputStrides[axis] = inputStrides[axis + 1] * shape[axis + 1]
    }
    outputShape = context.outputShape
    strides = perm.map { inputStrides[context.resolve(axis: $0)] }
  }

  /// Permutes `frames` frames: writes the output in order, reads the input by strides.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    let count = outputShape.elementCount
    let rank = outputShape.count
    let lastExtent = outputShape[rank - 1]
    let lastStride = strides[rank - 1]
    var index = [Int](repeating: 0, count: rank)
    for frame in 0..<frames {
      let source = input + frame * count
      var target = output + frame * count
      var offset = 0
      for _ in 0..<(count / lastExtent) {
        for j in 0..<lastExtent { target[j] = source[offset + j * lastStride] }
        target += lastExtent
        // Advance the odometer over the leading output dimensions.
        var axis = rank - 2
        while axis >= 0 {
          index[axis] += 1
          offset += strides[axis]
          if index[axis] < outputShape[axis] { break }
          offset -= index[axis] * strides[axis]
          index[axis] = 0
          axis -= 1
        }
      }
    }
  }
}

/// `upsample2d`, nearest: each pixel of `[C, H, W]` repeated `scale.h × scale.w` times.
struct UpsampleKernel: Sendable {
  /// Input channels, height and width.
  let channels: Int, height: Int, width: Int
  /// The integer factor per axis.
  let scale: Pair

  /// Resolves the node on `[C, H, W]`.
  init(_ context: NodeContext, scale: Pair) {
    (channels, height, width) = (context.shape[0], context.shape[1], context.shape[2])
    self.scale = scale
  }

  /// Upsamples `frames` frames; each output row after the first of its group is a copy.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    let outWidth = width * scale.w
    var target = output
    for plane in 0..<(frames * channels) {
      let source = input + plane * height * width
      for y in 0..<height {
        let line = source + y * width
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
}
