import FixedIR
import FixedPoint
import ModelFormat
import Targets
import Testing

/// A single op reading `x` of `shape` in `ap_fixed<16,6>`.
func singleOpProgram(
  _ kind: FixedOpKind, input shape: [Int], output outShape: [Int]
) -> FixedProgram {
  FixedProgram(
    name: "one", inputs: [FixedTensor(name: "x", shape: shape, format: F.x16)],
    constants: [:],
    ops: [
      FixedOp(
        output: FixedTensor(name: "y", shape: outShape, format: F.x16), inputs: ["x"],
        kind: kind)
    ], outputs: ["y"])
}

@Suite struct CostPoolingTests {
  /// maxpool 2×2 of `[2, 4, 4]`, parallel: 8 outputs × 3 comparators × 16 bits = 384 LUTs,
  /// 8 × 16 FFs; tree(4) = ceil(2/3) = 1 + 1 overhead = 2 cycles; II 1.
  @Test func maxpoolParallel() throws {
    let program = singleOpProgram(
      .maxpool2d(Pooling2D(kernel: Pair(2, 2))), input: [2, 4, 4], output: [2, 2, 2])
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: program, architecture: .parallel()
      ).rows.first)
    #expect(row.resources == ResourceUsage(lut: 384, ff: 128))
    #expect(row.latencyCycles == 2 && row.ii == 1)
  }

  /// Stream: 2 channel lanes × 3 × 16 = 96 LUTs + a 1-row line buffer of 4 pixels × 32 bits
  /// in SRL32s (4 LUTs); II 16; latency 15 + 2; fill 4 + 1 + 2.
  @Test func maxpoolStream() throws {
    let program = singleOpProgram(
      .maxpool2d(Pooling2D(kernel: Pair(2, 2))), input: [2, 4, 4], output: [2, 2, 2])
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: program, architecture: .stream()
      ).rows.first)
    #expect(row.resources == ResourceUsage(lut: 100, ff: 32))
    #expect(row.ii == 16 && row.latencyCycles == 17 && row.fillCycles == 7)
  }

  /// softmax over 5 values, 1,024-entry 18-bit exp and reciprocal tables, a 24-bit sum:
  /// LUTs 4·16 (max) + 5·16 (subtract) + 4·24 (sum) = 240; FFs 80/3 + 96/3 + 5·16 = 138.7
  /// → 139; BRAM18 ceil(5/2) (exp) + 1 (reciprocal) = 4; 5 DSPs (18 × 18);
  /// cycles tree(5) = 1, + 1 + 2 + 1 + 2 + 3 + 1 = 11.
  @Test func softmax() throws {
    let t18 = F.fmt("ap_fixed<18,8>")
    func table(_ f: LookupTable.Function) -> LookupTable {
      LookupTable(
        function: f, shift: 0, offset: 0, format: t18,
        entries: Array(repeating: 1, count: 1024))
    }
    let program = singleOpProgram(
      .softmax(
        axis: 0, exp: table(.exp), sum: F.fmt("ap_fixed<24,12>"),
        reciprocal: table(.reciprocal)), input: [5], output: [5])
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: program, architecture: .parallel()
      ).rows.first)
    #expect(row.resources == ResourceUsage(dsp: 5, lut: 240, ff: 139, bram18: 4))
    #expect(row.latencyCycles == 11 && row.ii == 1 && row.products == 5)
  }

  /// An inconsistent program is a located error, not a crash.
  @Test func missingConstantIsAnError() throws {
    let program = singleOpProgram(
      .globalAvgpool2d(reciprocal: "k"), input: [2, 4, 4], output: [2, 1, 1])
    #expect(throws: CostModelError.missingConstant(op: "y", constant: "k")) {
      try CostModel(part: ultrascalePlus()).estimate(program: program, architecture: .stream())
    }
  }
}
