import FixedIR
import FixedPoint
import ModelFormat
import Targets
import Testing

/// Formats used by the hand-computed layers.
enum F {
  static let x16 = fmt("ap_fixed<16,6>")
  static let w8 = fmt("ap_fixed<8,1>")
  static let acc32 = fmt("ap_fixed<32,12>")

  static func fmt(_ s: String) -> FixedFormat {
    do { return try FixedFormat(parsing: s) } catch { fatalError("\(s): \(error)") }
  }
}

/// A dense `inputs → outputs` program whose weights are `weight(o, i)` and biases all 1.
func denseProgram(
  inputs: Int, outputs: Int, activation: FusedActivation = .none,
  weight: (Int, Int) -> Int64 = { _, _ in 3 }
) -> FixedProgram {
  let raw = (0..<outputs).flatMap { o in (0..<inputs).map { i in weight(o, i) } }
  let constants = [
    "w": FixedConstant(name: "w", shape: [outputs, inputs], format: F.w8, raw: raw),
    "b": FixedConstant(
      name: "b", shape: [outputs], format: F.w8, raw: Array(repeating: 1, count: outputs)),
  ]
  let op = FixedOp(
    output: FixedTensor(name: "fc", shape: [outputs], format: F.x16), inputs: ["x"],
    kind: .dense(weight: "w", bias: "b", accumulator: F.acc32, activation: activation))
  return FixedProgram(
    name: "dense", inputs: [FixedTensor(name: "x", shape: [inputs], format: F.x16)],
    constants: constants, ops: [op], outputs: ["fc"])
}

func ultrascalePlus() throws -> FPGAPart { try repositoryCatalog().part(named: "xcvu9p") }

@Suite struct CostRuleTests {
  @Test func multiplierMappingPerFamily() throws {
    let catalog = try repositoryCatalog()
    let usp = try catalog.family(named: "ultrascale-plus")
    // 16 × 8 fits DSP48E2's 27 × 18: one DSP, 3 cycles.
    #expect(
      usp.multiplier(widths: 16, 8)
        == MultiplierCost(
          dsp: 1, lut: 0, cycles: 3, productBits: 24))
    // 27 × 18 is the largest single-DSP product; 28 × 18 needs two slices.
    #expect(usp.multiplier(widths: 27, 18).dsp == 1)
    #expect(usp.multiplier(widths: 28, 18).dsp == 2)
    #expect(usp.multiplier(widths: 32, 32).dsp == 4)  // ceil(31/26) · ceil(31/17)
    // A 4-bit operand goes to LUTs: ceil(0.75 · 16 · 4) = 48.
    #expect(
      usp.multiplier(widths: 16, 4)
        == MultiplierCost(
          dsp: 0, lut: 48, cycles: 1, productBits: 20))
    // 9 × 9 (sum 18) goes to LUTs, 10 × 9 to a DSP.
    #expect(usp.multiplier(widths: 9, 9).dsp == 0)
    #expect(usp.multiplier(widths: 10, 9).dsp == 1)
    // 7-series DSP48E1 is 25 × 18; Versal DSP58 is 27 × 24.
    #expect(try catalog.family(named: "7-series").multiplier(widths: 26, 16).dsp == 2)
    #expect(try catalog.family(named: "versal").multiplier(widths: 27, 24).dsp == 1)
    // An unsigned 17-bit operand needs 18 signed bits.
    let u17 = F.fmt("ap_ufixed<17,1>")
    #expect(usp.multiplier(u17, F.fmt("ap_fixed<27,1>")).dsp == 1)
    #expect(usp.multiplier(F.fmt("ap_ufixed<18,1>"), F.fmt("ap_fixed<27,1>")).dsp == 2)
  }

  /// Dense 16 → 4, 16-bit inputs × 8-bit weights, bias, 32-bit accumulator, R = 1:
  /// 64 DSPs; 64 adders (16 products + bias per output) × 32 bits = 2,048 LUTs;
  /// FFs 64·32/3 (tree registers) + 4·16 (output) = 746.7 → 747;
  /// latency 3 (DSP) + ceil(ceil(log2 17) / 3) = 2 + 1 overhead = 6; II 1.
  @Test func denseFullyUnrolled() throws {
    let report = try CostModel(part: ultrascalePlus()).estimate(
      program: denseProgram(inputs: 16, outputs: 4), architecture: .parallel(reuse: 1))
    let row = try #require(report.rows.first)
    #expect(row.products == 64 && row.multipliers == 64)
    #expect(row.resources == ResourceUsage(dsp: 64, lut: 2048, ff: 747, bram18: 0))
    #expect(row.latencyCycles == 6 && row.ii == 1)
    #expect(report.latencyCycles == 6 && report.ii == 1)
    #expect(report.latencyMicroseconds == 6.0 / 200)
  }

  /// R = 4: ceil(64/4) = 16 multipliers and 16 accumulating adders (512 LUTs); the 512-bit
  /// weight ROM fits LUTs (512/64 = 8); FFs 16·32/3 + 4·32 (accumulators) + 4·16 = 362.7 →
  /// 363; latency (4−1) + 3 + ceil(ceil(log2 4)/3) = 1 + 1 + 1 = 9; II 4.
  @Test func denseWithReuseFour() throws {
    let report = try CostModel(part: ultrascalePlus()).estimate(
      program: denseProgram(inputs: 16, outputs: 4), architecture: .parallel(reuse: 4))
    let row = try #require(report.rows.first)
    #expect(row.products == 64 && row.multipliers == 16)
    #expect(row.resources == ResourceUsage(dsp: 16, lut: 520, ff: 363, bram18: 0))
    #expect(row.latencyCycles == 9 && row.ii == 4)
    // A per-op override wins over the default.
    let over = try CostModel(part: ultrascalePlus()).estimate(
      program: denseProgram(inputs: 16, outputs: 4),
      architecture: .parallel(reuse: 1, overrides: ["fc": 4]))
    #expect(over.rows.first == row)
  }

  /// Weights zero where `(o + i)` is odd: 32 products. Per output 8 products + bias = 8
  /// adders, 32 adders × 32 = 1,024 LUTs; FFs 32·32/3 + 64 = 405.3 → 406; latency
  /// 3 + ceil(ceil(log2 9)/3) = 2 + 1 = 6.
  @Test func zeroWeightsCostNothingWhenUnrolled() throws {
    let program = denseProgram(inputs: 16, outputs: 4) { o, i in (o + i) % 2 == 0 ? 5 : 0 }
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: program, architecture: .parallel(reuse: 1)
      ).rows.first)
    #expect(row.products == 32 && row.multipliers == 32)
    #expect(row.resources == ResourceUsage(dsp: 32, lut: 1024, ff: 406, bram18: 0))
    #expect(row.latencyCycles == 6)
    // At R = 4 zeros stay in the ROM's schedule: 16 multipliers either way.
    let reused = try CostModel(part: ultrascalePlus()).estimate(
      program: program, architecture: .parallel(reuse: 4))
    #expect(reused.rows.first?.multipliers == 16 && reused.rows.first?.products == 32)
  }

  /// A fused ReLU adds one comparator per output on the accumulator: 4 × 32 LUTs.
  @Test func fusedReluAddsComparators() throws {
    let row = try #require(
      try CostModel(part: ultrascalePlus()).estimate(
        program: denseProgram(inputs: 16, outputs: 4, activation: .relu),
        architecture: .parallel(reuse: 1)
      ).rows.first)
    #expect(row.resources.lut == 2048 + 128 && row.latencyCycles == 6)
  }

  @Test func reuseBelowOneIsAnError() throws {
    #expect(throws: CostModelError.invalidReuse(op: "fc", reuse: 0)) {
      try CostModel(part: ultrascalePlus()).estimate(
        program: denseProgram(inputs: 16, outputs: 4), architecture: .parallel(reuse: 0))
    }
  }
}
