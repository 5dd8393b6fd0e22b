import ModelFormat
import Reference
import Testing

@Suite struct PoolingTests {
  /// −1 … −9 on a 3×3 plane: every real pixel is negative, so a zero-padded max would show.
  static let negatives = Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map { -Float($0) })
  /// 1 … 9 on a 3×3 plane.
  static let positives = Tensor(shape: [1, 1, 3, 3], scalars: (1...9).map { Float($0) })

  @Test func maxpoolByHand() throws {
    let x = Tensor(shape: [1, 1, 4, 4], scalars: (0..<16).map { Float(($0 * 7) % 16) })
    // Rows: 0 7 14 5 / 12 3 10 1 / 8 15 6 13 / 4 11 2 9.
    let out = try runSingle(.maxpool2d(Pooling2D(kernel: Pair(2, 2))), input: x)
    #expect(out == Tensor(shape: [1, 1, 2, 2], scalars: [12, 14, 15, 13]))
  }

  @Test func maxpoolPadsWithMinusInfinity() throws {
    // Windows (rows, cols): (−1…0, −1…0) (−1…0, 1…2) (1…2, −1…0) (1…2, 1…2).
    let pool = Pooling2D(kernel: Pair(2, 2), stride: Pair(2, 2), padding: Pair(1, 1))
    let out = try runSingle(.maxpool2d(pool), input: Self.negatives)
    #expect(out == Tensor(shape: [1, 1, 2, 2], scalars: [-1, -2, -4, -5]))
  }

  @Test func avgpoolCountsPaddedZeros() throws {
    // Same windows: sums 1, 2+3, 4+7, 5+6+8+9, each divided by the full window of 4.
    let pool = Pooling2D(kernel: Pair(2, 2), stride: Pair(2, 2), padding: Pair(1, 1))
    let out = try runSingle(.avgpool2d(pool), input: Self.positives)
    #expect(out == Tensor(shape: [1, 1, 2, 2], scalars: [0.25, 1.25, 2.75, 7]))
  }

  @Test func avgpoolOverlappingWindowsWithStrideOne() throws {
    // kernel 2, stride 1, padding 1 on 3×3 gives 4×4; corner windows hold one pixel.
    let pool = Pooling2D(kernel: Pair(2, 2), stride: Pair(1, 1), padding: Pair(1, 1))
    let out = try runSingle(.avgpool2d(pool), input: Self.positives)
    let sums: [Float] = [1, 3, 5, 3, 5, 12, 16, 9, 11, 24, 28, 15, 7, 15, 17, 9]
    #expect(out == Tensor(shape: [1, 1, 4, 4], scalars: sums.map { $0 / 4 }))
  }

  @Test func poolingNonSquareKernelAndStride() throws {
    // kernel (1, 3), stride (2, 1) on 3×3: rows 0 and 2, three-wide windows.
    let out = try runSingle(
      .maxpool2d(Pooling2D(kernel: Pair(1, 3), stride: Pair(2, 1))), input: Self.positives)
    #expect(out == Tensor(shape: [1, 1, 2, 1], scalars: [3, 9]))
  }

  @Test func globalAveragePoolIsTheMeanPerChannel() throws {
    let x = Tensor(shape: [2, 2, 1, 3], scalars: [1, 2, 3, -3, 0, 6, 0, 0, 0, 5, 5, 5])
    let out = try runSingle(.globalAvgpool2d, input: x)
    #expect(out == Tensor(shape: [2, 2], scalars: [2, 1, 0, 5]))
  }

  @Test func poolingPaddingAboveHalfTheKernelIsRejected() {
    let pool = Pooling2D(kernel: Pair(2, 2), padding: Pair(2, 0))
    #expect(throws: ReferenceError.self) {
      try runSingle(.maxpool2d(pool), input: Self.positives)
    }
  }
}
