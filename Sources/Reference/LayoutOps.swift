import ModelFormat

/// The operators that only move elements: `flatten`, `reshape`, `dropout`, `identity`
/// (copies), `concat`, `transpose` and `upsample2d`.
///
/// None of them computes: each output element is one input element, so they are exact.
enum LayoutOps {
  /// The output shape of `reshape`: `shape` with its one `-1` resolved against the input's
  /// element count, which it must preserve.
  static func reshapedShape(_ context: NodeContext, _ shape: [Int]) throws(ReferenceError)
    -> [Int]
  {
    let count = context.shape.elementCount
    let wildcards = shape.filter { $0 == -1 }.count
    guard wildcards <= 1, shape.allSatisfy({ $0 >= 1 || $0 == -1 }) else {
      throw context.invalid("shape", "is \(shape), but needs positive sizes and at most one -1")
    }
    let known = shape.filter { $0 != -1 }.elementCount
    guard wildcards == 1 ? count % known == 0 : count == known else {
      throw context.mismatch("its \(count) elements do not fit the shape \(shape)")
    }
    return shape.map { $0 == -1 ? count / known : $0 }
  }
}

/// `concat` along one non-batch axis; the other dimensions of all inputs must agree.
struct ConcatKernel: Sendable {
  /// Elements before the axis, per frame.
  let outer: Int
  /// Each input's contiguous block per outer index: its axis length times the trailing size.
  let blocks: [Int]
  /// The per-frame output shape.
  let outputShape: [Int]

  /// Resolves the axis against the inputs' shapes.
  init(_ context: NodeContext, axis: Int) throws(ReferenceError) {
    let first = context.shape
    let resolved = try context.axis(axis, rank: first.count)
    for shape in context.inputShapes {
      var other = shape
      var reference = first
      guard other.count == first.count else {
        throw context.mismatch("concat needs inputs of one rank", shape: shape)
      }
      other.remove(at: resolved)
      reference.remove(at: resolved)
      guard other == reference else {
        throw context.mismatch(
          "concat along axis \(axis) needs the other dimensions to match \(first)", shape: shape)
      }
    }
    let trailing = first[(resolved + 1)...].elementCount
    outer = first[..<resolved].elementCount
    blocks = context.inputShapes.map { $0[resolved] * trailing }
    var output = first
    output[resolved] = context.inputShapes.reduce(0) { $0 + $1[resolved] }
    outputShape = output
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
  /// The per-frame input shape.
  let inputShape: [Int]
  /// The permutation.
  let perm: [Int]
  /// The per-frame output shape.
  let outputShape: [Int]

  /// Checks that `perm` permutes the input's dimensions.
  init(_ context: NodeContext, perm: [Int]) throws(ReferenceError) {
    let shape = context.shape
    guard perm.sorted() == Array(0..<shape.count) else {
      throw context.invalid(
        "perm", "is \(perm), not a permutation of the \(shape.count) non-batch dimensions")
    }
    inputShape = shape
    self.perm = perm
    outputShape = perm.map { shape[$0] }
  }

  /// Permutes `frames` frames; the output is written in order, the input read by strides.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    let count = inputShape.elementCount
    var inputStrides = [Int](repeating: 1, count: inputShape.count)
    for axis in inputShape.indices.dropLast().reversed() {
      inputStrides[axis] = inputStrides[axis + 1] * inputShape[axis + 1]
    }
    let strides = perm.map { inputStrides[$0] }
    let rank = outputShape.count
    guard rank >= 1 else {
      output.update(from: input, count: frames * count)
      return
    }
    let lastExtent = outputShape[rank - 1]
    let lastStride = strides[rank - 1]
    for frame in 0..<frames {
      let source = input + frame * count
      var target = output + frame * count
      var index = [Int](repeating: 0, count: rank)
      var offset = 0
      for _ in 0..<(count / lastExtent) {
        for j in 0..<lastExtent { target[j] = source[offset + j * lastStride] }
        target += lastExtent
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
  /// The per-frame output shape `[C, H·sh, W·sw]`.
  var outputShape: [Int] { [channels, height * scale.h, width * scale.w] }

  /// Resolves the node against an input `[C, H, W]`.
  init(_ context: NodeContext, scale: Pair) throws(ReferenceError) {
    try context.requireRank(3, layout: "[C, H, W]")
    guard scale.h >= 1, scale.w >= 1 else {
      throw context.invalid("scale", "is \(scale), but must be ≥ 1 on both axes")
    }
    (channels, height, width) = (context.shape[0], context.shape[1], context.shape[2])
    self.scale = scale
  }

  /// Upsamples `frames` frames.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    let outWidth = width * scale.w
    var target = output
    for plane in 0..<(frames * channels) {
      let source = input + plane * height * width
      for y in 0..<height {
        let line = source + y * width
        for x in 0..<width { target.update(repeating: line[x], count: scale.w); target += scale.w }
        for _ in 1..<scale.h {
          target.update(from: target - outWidth, count: outWidth)
          target += outWidth
        }
      }
    }
  }
}
