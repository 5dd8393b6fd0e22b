import FixedIR
import FixedPoint
import ModelFormat
import Targets
import Testing

/// conv2d of a `[2, 8, 8]` input with a `[4, 2, 3, 3]` kernel (no bias, no padding).
func convProgram() -> FixedProgram {
  let w = FixedConstant(
    name: "k", shape: [4, 2, 3, 3], format: F.w8, raw: Array(repeating: 7, count: 72))
  let op = FixedOp(
    output: FixedTensor(name: "conv", shape: [4, 6, 6], format: F.x16), inputs: ["img"],
    kind: .conv2d(
      Convolution2D(), weight: "k", bias: nil, accumulator: F.acc32, activation: .none))
  return FixedProgram(
    name: "conv", inputs: [FixedTensor(name: "img", shape: [2, 8, 8], format: F.x16)],
    constants: ["k": w], ops: [op], outputs: ["conv"])
}

/// A sigmoid table of `entries` entries in `format` applied to an input of `shape`.
func tableProgram(entries: Int, format: FixedFormat, shape: [Int]) -> FixedProgram {
  let table = LookupTable(
    function: .sigmoid, shift: 0, offset: entries / 2, format: format,
    entries: Array(repeating: 1, count: entries))
  let op = FixedOp(
    output: FixedTensor(name: "s", shape: shape, format: format), inputs: ["x"],
    kind: .table(table))
  return FixedProgram(
    name: "table", inputs: [FixedTensor(name: "x", shape: shape, format: F.x16)],
    constants: [:], ops: [op], outputs: ["s"])
}

@Suite struct CostStreamTests {
  /// Stream: 72 DSPs (every weight, one output pixel per cycle); 4 filters × 17 adders ×
  /// 32 bits = 2,176 LUTs, plus a 2-row line buffer of 8 pixels × 2 channels × 16 bits =
  /// 512 bits in SRL32s (16 LUTs); FFs 68·32/3 + 4·16 = 789.3 → 790. II = 64 input pixels;
  /// depth 3 + ceil(ceil(log2 18)/3) + 1 = 6; latency 63 + 6 = 69; fill 2·8 + 2 + 6 = 24,
  /// so the program takes 24 + 64 = 88 cycles.
  @Test func conv2dInStreamMode() throws {
    let report = try CostModel(part: ultrascalePlus()).estimate(
      program: convProgram(), architecture: .stream())
    let row = try #require(report.rows.first)
    #expect(row.products == 72 * 36 && row.multipliers == 72)
    #expect(row.resources == ResourceUsage(dsp: 72, lut: 2192, ff: 790, bram18: 0))
    #expect(row.ii == 64 && row.latencyCycles == 69 && row.fillCycles == 24)
    #expect(report.latencyCycles == 88 && report.ii == 64)
  }

  /// Stream at R = 2: one input pixel every 2 cycles; ceil(72/2) = 36 DSPs and 36
  /// accumulating adders × 32 bits = 1,152 LUTs, the 576-bit weight ROM in 9 LUTs, the line
  /// buffer's 16; FFs 36·32/3 + 4·32 (accumulators) + 4·16 = 576. Depth 1 + 3 +
  /// ceil(ceil(log2 9)/3) + 1 + 1 = 8; II 2·64 = 128; latency 63·2 + 8 = 134; fill
  /// (2·8 + 2)·2 + 8 = 44, so the program takes 44 + 128 = 172 cycles.
  @Test func conv2dInStreamModeWithReuse() throws {
    let report = try CostModel(part: ultrascalePlus()).estimate(
      program: convProgram(), architecture: .stream(reuse: 2))
    let row = try #require(report.rows.first)
    #expect(row.multipliers == 36)
    #expect(row.resources == ResourceUsage(dsp: 36, lut: 1177, ff: 576, bram18: 0))
    #expect(row.ii == 128 && row.latencyCycles == 134 && row.fillCycles == 44)
    #expect(report.latencyCycles == 172 && report.ii == 128)
  }

  /// Parallel, R = 1: the same kernel serves the 36 output pixels in turn: II 36, latency
  /// 35 + 6 = 41, no line buffer.
  @Test func conv2dInParallelMode() throws {
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: convProgram(), architecture: .parallel(reuse: 1)
      ).rows.first)
    #expect(row.resources == ResourceUsage(dsp: 72, lut: 2176, ff: 790, bram18: 0))
    #expect(row.ii == 36 && row.latencyCycles == 41)
  }

  /// 1,024 entries × 18 bits = 18,432 bits: one BRAM18 per copy, a copy per two lanes:
  /// 8 lanes → 4 BRAM18, 2-cycle read; output registers 8 × 18 FFs.
  @Test func largeTableGoesToBlockRAM() throws {
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: tableProgram(entries: 1024, format: F.fmt("ap_fixed<18,8>"), shape: [8]),
        architecture: .parallel(reuse: 1)
      ).rows.first)
    #expect(row.op == "table.sigmoid")
    #expect(row.resources == ResourceUsage(dsp: 0, lut: 0, ff: 144, bram18: 4))
    #expect(row.latencyCycles == 2 && row.ii == 1)
  }

  /// 64 entries × 8 bits = 512 bits: a LUT ROM per lane, one LUT6 per output bit:
  /// 8 lanes × 8 = 64 LUTs, 1 cycle.
  @Test func smallTableGoesToLUTs() throws {
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: tableProgram(entries: 64, format: F.fmt("ap_ufixed<8,0>"), shape: [8]),
        architecture: .parallel(reuse: 1)
      ).rows.first)
    #expect(row.resources == ResourceUsage(dsp: 0, lut: 8 * 9, ff: 8 * 9, bram18: 0))
    #expect(row.latencyCycles == 1)
  }

  /// In stream mode a `[4, 8, 8]` table runs one pixel (4 lanes) per cycle: 2 BRAM18,
  /// II 64, latency 63 + 2.
  @Test func tableInStreamMode() throws {
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: tableProgram(entries: 1024, format: F.fmt("ap_fixed<18,8>"), shape: [4, 8, 8]),
        architecture: .stream()
      ).rows.first)
    #expect(row.resources.bram18 == 2 && row.ii == 64 && row.latencyCycles == 65)
  }

  /// Utilisation and the budget verdict: 72 of 6,840 DSPs; II 64 cycles at 200 MHz is
  /// 0.32 µs, inside the 4D Camera's 11.5 µs.
  @Test func utilisationAndVerdict() throws {
    let catalog = try repositoryCatalog()
    let report = try CostModel(part: ultrascalePlus()).estimate(
      program: convProgram(), architecture: .stream())
    #expect(abs((report.utilisation["dsp"] ?? 0) - 100 * 72 / 6840) < 1e-9)
    #expect(report.fitsDevice)
    let verdict = report.verdict(for: try catalog.detector(named: "4d-camera"))
    #expect(verdict.keepsUp && abs(verdict.requiredMicroseconds - 0.32) < 1e-12)
    let slow = try CostModel(part: ultrascalePlus(), clockMHz: 5).estimate(
      program: convProgram(), architecture: .stream())
    #expect(!slow.verdict(for: try catalog.detector(named: "4d-camera")).keepsUp)
  }
}
