import Compiler
import FixedIR
import FixedPoint
import Foundation
import HLSEmitter
import ModelFormat
import Testing

/// Pruned dense layers: the emitted C++ has no product for a zero weight, and computes the
/// same bits as the Simulator.
@Suite struct SparseDenseTests {
  /// `x [20] → fc1 [10] → relu → fc2 [3]`, fc1 pruned to 90% zeros.
  func program(reuse: Int = 1) throws -> (FixedProgram, HLSOptions) {
    func ramp(_ count: Int, _ step: Float) -> [Float] {
      (0..<count).map { Float(($0 * 37) % 23 - 11) * step }
    }
    let model = Model(
      name: "sparse", inputs: [.init(name: "x", shape: [20])], outputs: ["fc2"],
      nodes: [
        Node(name: "fc1", op: .dense, inputs: ["x"], params: ["weight": "w1", "bias": "b1"]),
        Node(name: "act", op: .relu, inputs: ["fc1"]),
        Node(name: "fc2", op: .dense, inputs: ["act"], params: ["weight": "w2"]),
      ],
      weights: [
        "w1": Tensor(shape: [10, 20], scalars: ramp(200, 0.05)),
        "b1": Tensor(shape: [10], scalars: ramp(10, 0.1)),
        "w2": Tensor(shape: [3, 10], scalars: ramp(30, 0.07)),
      ])
    var config = PrecisionConfig(file: "sparse")
    config.prune = try PruneSpec(parsing: "layer:fc1=0.9")
    let result = try FixedCompiler.compile(
      model: model,
      options: CompileOptions(
        precision: .uniform(try FixedFormat(parsing: "ap_fixed<16,6>")), config: config))
    return (result.program, HLSOptions(reuseFactor: reuse, projectName: "sparse_r\(reuse)"))
  }

  /// The raws of the `static const` array in a weights header.
  func raws(_ header: String) -> [Int64] {
    guard let open = header.firstIndex(of: "{"), let close = header.lastIndex(of: "}") else {
      return []
    }
    return header[header.index(after: open)..<close]
      .split(whereSeparator: { $0 == "," || $0.isWhitespace })
      .compactMap { Int64($0) }
  }

  /// fc1's weight header holds only its 20 non-zero raws (of 200), the layer calls
  /// `dense_sparse` with `n_nonzero = 20`, and the kernel's only product is inside the loop
  /// over those entries: no zero weight gets a multiplier.
  @Test func zeroWeightsGetNoMultiplier() throws {
    let (program, options) = try program()
    let weight = try #require(program.constants["w1"])
    #expect(weight.raw.filter { $0 != 0 }.count == 20)
    let project = try HLSProject.emit(program: program, options: options)
    let header = try #require(project.files.first { $0.key.hasSuffix("/w1.h") }?.value)
    let stored = raws(header)
    #expect(stored.count == 20)
    #expect(!stored.contains(0))
    #expect(stored == weight.raw.filter { $0 != 0 })
    let firmware = project.files.filter { $0.key.hasPrefix("firmware/") }.values
      .joined(separator: "\n")
    #expect(firmware.contains("etch::dense_sparse<"))
    #expect(firmware.contains("static const int n_nonzero = 20;"))
    // fc2's ramp has zeros too (where (37·i) mod 23 = 11): it is written sparse as well.
    let fc2 = try #require(program.constants["w2"]).raw.filter { $0 != 0 }.count
    #expect(fc2 < 30)
    #expect(firmware.contains("static const int n_nonzero = \(fc2);"))
    #expect(!firmware.contains("etch::dense<"))
    let kernels = try #require(project.files.first { $0.key.hasSuffix("etch_dense.h") }?.value)
    let sparseKernel = try #require(
      kernels.components(separatedBy: "void dense_sparse(").last?
        .components(separatedBy: "// [..., M, K]").first)
    let lines = sparseKernel.components(separatedBy: "\n")
    let products = lines.indices.filter { lines[$0].contains("* from_raw<typename CFG::weight_t>") }
    #expect(products.count == 1)
    if let line = products.first {
      #expect(lines[line - 1].contains("for (int k = 0; k < CFG::n_nonzero; k++)"))
    }
  }

  /// Built with g++ against the real ap_types headers, the sparse layer gives the
  /// Simulator's bits; at reuse 2 the dense form is kept and agrees too.
  @Test func sparseLayerEqualsTheSimulator() throws {
    var cases: [EmissionCase] = []
    for reuse in [1, 2] {
      let (program, options) = try program(reuse: reuse)
      let frames = 6
      let inputs = (0..<(frames * 20)).map { Float(($0 * 53) % 41 - 20) * 0.17 }
      cases.append(
        EmissionCase(
          label: "sparse reuse \(reuse)", program: program, options: options, inputs: [inputs],
          frames: frames))
    }
    let failures = try EmissionHarness.check(cases)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}
