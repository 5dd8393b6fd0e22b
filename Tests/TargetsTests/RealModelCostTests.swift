import Compiler
import FixedIR
import FixedPoint
import Foundation
import ModelFormat
import Targets
import TestSupport
import Testing

/// Compiles a golden model at `ap_fixed<16,6>` everywhere, as hls4ml's default does.
func uniformProgram(_ name: String) throws -> FixedProgram {
  let model = try ModelLoader.load(
    contentsOf: SharedData.golden(name).appendingPathComponent("\(name).json"))
  let options = CompileOptions(precision: .uniform(F.fmt("ap_fixed<16,6>")))
  return try FixedCompiler.compile(model: model, options: options).program
}

@Suite struct RealModelCostTests {
  /// The hls4ml tutorial's jet tagger, 16-64-32-32-5, at R = 1 on xcvu9p: every non-zero
  /// weight is a 16 × 16 product on one DSP, II is 1 and the latency is tens of cycles.
  @Test func jetTaggerFullyUnrolled() throws {
    let program = try uniformProgram("jet_tagger")
    let report = try CostModel(part: ultrascalePlus()).estimate(
      program: program, architecture: .parallel(reuse: 1))
    let weights = ["fc1.weight", "fc2.weight", "fc3.weight", "fc4.weight"].compactMap {
      program.constants[$0]
    }
    #expect(weights.count == 4)
    let nonZero = weights.reduce(0) { $0 + $1.raw.filter { $0 != 0 }.count }
    let dense = report.rows.filter { $0.op == "dense" }
    #expect(dense.reduce(0) { $0 + $1.products } == nonZero)
    #expect(report.resources.dsp >= nonZero && report.ii == 1)
    #expect((10...40).contains(report.latencyCycles), "\(report.text)")
    #expect(report.text.contains("estimate"))
    print(report.text)
  }

  /// At R = 4 the same model needs about a quarter of the multipliers and has II 4.
  @Test func jetTaggerWithReuse() throws {
    let program = try uniformProgram("jet_tagger")
    let model = try CostModel(part: ultrascalePlus())
    let full = try model.estimate(program: program, architecture: .parallel(reuse: 1))
    let reused = try model.estimate(program: program, architecture: .parallel(reuse: 4))
    #expect(reused.ii == 4 && reused.latencyCycles > full.latencyCycles)
    #expect(reused.resources.dsp * 3 < full.resources.dsp)
  }

  /// Every golden model prices in both architectures on every part without an error.
  @Test(arguments: ["jet_tagger", "conv2d_basic", "conv1d_signal", "braggnn", "unet_tiny"])
  func goldenModelsPrice(_ name: String) throws {
    let program = try uniformProgram(name)
    let catalog = try repositoryCatalog()
    for partName in catalog.partNames {
      let model = CostModel(part: try catalog.part(named: partName))
      for architecture in [Architecture.parallel(reuse: 1), .parallel(reuse: 8), .stream()] {
        let report = try model.estimate(program: program, architecture: architecture)
        #expect(report.rows.count == program.ops.count)
        #expect(report.latencyCycles > 0 && report.ii >= 1, "\(name) \(partName)")
      }
    }
  }
}
