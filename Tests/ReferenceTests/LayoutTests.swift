import ModelFormat
import Reference
import Testing

@Suite struct LayoutTests {
  static let counting = Tensor(shape: [1, 2, 3, 4], scalars: (0..<24).map(Float.init))

  @Test func transposeTwoDimensionsByHand() throws {
    let x = Tensor(shape: [1, 2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let out = try runSingle(.transpose(perm: [1, 0]), input: x)
    #expect(out == Tensor(shape: [1, 3, 2], scalars: [1, 4, 2, 5, 3, 6]))
  }

  @Test(arguments: [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]])
  func transposeEveryPermutationOfThreeDimensions(perm: [Int]) throws {
    // Element (i0, i1, i2) of the input sits at out[i_perm0, i_perm1, i_perm2].
    let x = Tensor(shape: [2, 2, 3, 4], scalars: (0..<48).map(Float.init))
    let out = try runSingle(.transpose(perm: perm), input: x)
    let shape = [2, 3, 4]
    let outShape = perm.map { shape[$0] }
    #expect(out.shape == [2] + outShape)
    for frame in 0..<2 {
      for i0 in 0..<2 {
        for i1 in 0..<3 {
          for i2 in 0..<4 {
            let index = [i0, i1, i2]
            let o = perm.map { index[$0] }
            let target = frame * 24 + (o[0] * outShape[1] + o[1]) * outShape[2] + o[2]
            let source = frame * 24 + (i0 * 3 + i1) * 4 + i2
            #expect(out.scalars[target] == x.scalars[source], "perm \(perm) at \(index)")
          }
        }
      }
    }
  }

  @Test func reshapeResolvesMinusOne() throws {
    let out = try runSingle(.reshape(shape: [4, -1]), input: Self.counting)
    #expect(out == Tensor(shape: [1, 4, 6], scalars: Self.counting.scalars))
  }

  @Test(arguments: [[-1, -1], [5, -1], [7, 4], [0, 24]])
  func reshapeRejectsShapesThatDoNotFit(shape: [Int]) {
    #expect(throws: ReferenceError.self) {
      try runSingle(.reshape(shape: shape), input: Self.counting)
    }
  }

  @Test func flattenKeepsTheBatchAndCOrder() throws {
    let out = try runSingle(.flatten, input: Self.counting)
    #expect(out == Tensor(shape: [1, 24], scalars: Self.counting.scalars))
  }

  @Test(arguments: [Op.dropout, .identity])
  func passThroughOperatorsReturnTheirInput(op: Op) throws {
    #expect(try runSingle(op, input: Self.counting) == Self.counting)
  }

  @Test func upsampleRepeatsPixels() throws {
    let x = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4])
    let square = try runSingle(.upsample2d(scale: Pair(2, 2), mode: .nearest), input: x)
    #expect(
      square
        == Tensor(
          shape: [1, 1, 4, 4], scalars: [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]))
    let wide = try runSingle(.upsample2d(scale: Pair(1, 3), mode: .nearest), input: x)
    #expect(wide == Tensor(shape: [1, 1, 2, 6], scalars: [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]))
  }

  /// A model concatenating inputs `a` `[2, 2]` and `b` `[2, 1]` or `[1, 2]` along `axis`.
  func concat(axis: Int, b shape: [Int]) throws -> Tensor {
    let model = singleNode(.concat(axis: axis), inputs: [("a", [2, 2]), ("b", shape)])
    let a = Tensor(shape: [2, 2, 2], scalars: [1, 2, 3, 4, 10, 20, 30, 40])
    let b = Tensor(shape: [2] + shape, scalars: [5, 6, 50, 60])
    return try #require(try ReferenceEngine(model: model).run(["a": a, "b": b]).first)
  }

  @Test func concatAlongTheFirstAxis() throws {
    #expect(
      try concat(axis: 0, b: [1, 2])
        == Tensor(shape: [2, 3, 2], scalars: [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60]))
  }

  @Test func concatAlongANegativeAxis() throws {
    #expect(
      try concat(axis: -1, b: [2, 1])
        == Tensor(shape: [2, 2, 3], scalars: [1, 2, 5, 3, 4, 6, 10, 20, 50, 30, 40, 60]))
  }

  @Test func concatRejectsMismatchedDimensions() {
    #expect(throws: ReferenceError.self) { try concat(axis: 0, b: [2, 1]) }
  }

  @Test func matmulByHand() throws {
    let model = singleNode(.matmul, inputs: [("a", [2, 3]), ("b", [3, 2])])
    let a = Tensor(shape: [1, 2, 3], scalars: [1, 2, 3, 4, 5, 6])
    let b = Tensor(shape: [1, 3, 2], scalars: [1, 0, 0, 1, 1, -1])
    let out = try ReferenceEngine(model: model).run(["a": a, "b": b])
    #expect(out == [Tensor(shape: [1, 2, 2], scalars: [4, -1, 10, -1])])
  }

  @Test func matmulOverLeadingDimensionsAndFrames() throws {
    var random = SplitMix(seed: 3)
    let a = random.tensor([3, 2, 4, 5])
    let b = random.tensor([3, 2, 5, 6])
    let model = singleNode(.matmul, inputs: [("a", [2, 4, 5]), ("b", [2, 5, 6])])
    let out = try #require(try ReferenceEngine(model: model).run(["a": a, "b": b]).first)
    #expect(out.shape == [3, 2, 4, 6])
    for product in 0..<6 {
      for i in 0..<4 {
        for j in 0..<6 {
          let expected = (0..<5).reduce(0.0) { sum, p in
            sum + Double(a.scalars[product * 20 + i * 5 + p])
              * Double(b.scalars[product * 30 + p * 6 + j])
          }
          let observed = out.scalars[product * 24 + i * 6 + j]
          #expect(isClose(observed, Float(expected)), "product \(product) (\(i), \(j))")
        }
      }
    }
  }

  @Test func denseByHand() throws {
    let out = try runSingle(
      .dense, input: Tensor(shape: [2, 2], scalars: [1, 2, -1, 0.5]),
      params: [
        "weight": Tensor(shape: [3, 2], scalars: [1, 0, 0, 1, 1, 1]),
        "bias": Tensor(shape: [3], scalars: [0, 0, 1]),
      ])
    #expect(out == Tensor(shape: [2, 3], scalars: [1, 2, 4, -1, 0.5, 0.5]))
  }

  @Test func denseAppliesOverTheLastDimension() throws {
    // [1, 2, 2] rows (1, 2) and (3, 4) each through W = [[1, 1]] without bias.
    let out = try runSingle(
      .dense, input: Tensor(shape: [1, 2, 2], scalars: [1, 2, 3, 4]),
      params: ["weight": Tensor(shape: [1, 2], scalars: [1, 1])])
    #expect(out == Tensor(shape: [1, 2, 1], scalars: [3, 7]))
  }

  @Test func addAndMulAreElementWise() throws {
    let a = Tensor(shape: [1, 3], scalars: [1, 2, 3])
    let b = Tensor(shape: [1, 3], scalars: [4, -5, 0.5])
    for (op, expected) in [(Op.add, [Float(5), -3, 3.5]), (.mul, [4, -10, 1.5])] {
      let model = singleNode(op, inputs: [("a", [3]), ("b", [3])])
      let out = try ReferenceEngine(model: model).run(["a": a, "b": b])
      #expect(out == [Tensor(shape: [1, 3], scalars: expected)], "\(op.name)")
    }
  }
}
