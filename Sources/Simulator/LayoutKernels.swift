import ModelFormat

/// `reshape` (and flatten): the same raws in C order; formats are equal, nothing converts.
struct ReshapeKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    memory[output].update(from: memory[input], count: output.count)
  }
}

/// `transpose`: output dimension `k` is input dimension `perm[k]`. The output is walked in
/// C order with an odometer (in scratch) over its dimensions, reading the input at the
/// matching stride.
struct TransposeKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  /// The output's extents.
  let extents: [Int]
  /// For each output dimension, the input stride of the dimension it reads.
  let strides: [Int]

  init(input: TensorSlot, output: TensorSlot, inputShape: [Int], perm: [Int]) {
    self.input = input
    self.output = output
    var inputStrides = [Int](repeating: 1, count: inputShape.count)
    for d in stride(from: inputShape.count - 2, through: 0, by: -1) {
      inputStrides[d] = inputStrides[d + 1] * inputShape[d + 1]
    }
    extents = perm.map { inputShape[$0] }
    strides = perm.map { inputStrides[$0] }
  }

  var scratchBytes: Int { extents.count * MemoryLayout<Int>.stride }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let (x, y) = (memory[input], memory[output])
    let rank = extents.count
    let index = memory.scratch.bindMemory(to: Int.self, capacity: rank)
    index.initialize(repeating: 0, count: rank)
    var source = 0
    for target in 0..<output.count {
      y[target] = x[source]
      var d = rank - 1
      while d >= 0 {
        index[d] += 1
        source += strides[d]
        if index[d] < extents[d] { break }
        source -= strides[d] * extents[d]
        index[d] = 0
        d -= 1
      }
    }
  }
}

/// `upsample2d` (nearest): `y[c, h, w] = x[c, h / scale.h, w / scale.w]`.
struct UpsampleKernel: FrameKernel {
  let input: TensorSlot
  let output: TensorSlot
  let channels: Int
  let height: Int
  let width: Int
  let scale: Pair

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    let (x, y) = (memory[input], memory[output])
    let (outHeight, outWidth) = (height * scale.h, width * scale.w)
    for c in 0..<channels {
      for h in 0..<outHeight {
        let row = x + (c * height + h / scale.h) * width
        let target = y + (c * outHeight + h) * outWidth
        for w in 0..<outWidth { target[w] = row[w / scale.w] }
      }
    }
  }
}

/// `concat` along an axis: for each index of the dimensions before it, each input's block
/// (its extent along the axis times the dimensions after) written as `Q_out(x)`.
struct ConcatKernel: FrameKernel {
  let inputs: [TensorSlot]
  let output: TensorSlot
  /// The product of the dimensions before the axis.
  let outer: Int
  /// Per input, its extent along the axis times the dimensions after it.
  let blocks: [Int]
  let writers: [RawWriter]

  var scratchBytes: Int { 0 }

  func run(_ memory: FrameMemory, _ tally: inout OverflowTally) {
    var y = memory[output]
    var overflows = 0
    for o in 0..<outer {
      for (j, slot) in inputs.enumerated() {
        let (block, writer) = (blocks[j], writers[j])
        let x = memory[slot] + o * block
        for i in 0..<block { y[i] = writer(x[i], &overflows) }
        y += block
      }
    }
    tally.results += overflows
  }
}
