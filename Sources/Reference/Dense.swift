/// `dense`: `nn.Linear` over the last dimension, `y = x · Wᵀ + b`.
///
/// The weight `[out, in]` is stored transposed (`[in, out]`) at planning, so that all rows
/// of all frames of a chunk go through one matrix product whose inner loop runs over
/// contiguous outputs.
struct DenseKernel: Sendable {
  /// Rows per frame: the product of every dimension but the last.
  let rows: Int
  /// Input features (the last input dimension).
  let inFeatures: Int
  /// Output features.
  let outFeatures: Int
  /// The weight transposed to `[in, out]`.
  let weightT: [Float]
  /// The bias, zeros when the node has none.
  let bias: [Float]

  /// Resolves `dense` against its verified input shape and its weight and bias.
  init(_ context: NodeContext) throws(ReferenceError) {
    let weight = try context.parameter("weight")
    let features = context.shape.last ?? 1
    let out = context.outputShape.last ?? 1
    rows = context.shape.dropLast().elementCount
    inFeatures = features
    outFeatures = out
    var transposed = [Float](repeating: 0, count: features * out)
    for o in 0..<out {
      for i in 0..<features { transposed[i * out + o] = weight.scalars[o * features + i] }
    }
    weightT = transposed
    bias = try context.optionalParameter("bias")?.scalars ?? [Float](repeating: 0, count: out)
  }

  /// Applies the layer to `frames` frames.
  func run(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, frames: Int) {
    let total = frames * rows
    for r in 0..<total {
      let row = output + r * outFeatures
      for o in 0..<outFeatures { row[o] = bias[o] }
    }
    weightT.withBase { weight in
      multiplyAccumulate(
        m: total, n: outFeatures, k: inFeatures, a: input, lda: inFeatures, b: weight,
        ldb: outFeatures, c: output, ldc: outFeatures)
    }
  }
}
