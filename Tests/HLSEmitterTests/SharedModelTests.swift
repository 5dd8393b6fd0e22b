import Compiler
import FixedIR
import FixedPoint
import Foundation
import HLSEmitter
import ModelFormat
import TestSupport
import Testing

/// Every golden model and the real BraggNN, compiled in `uniform ap_fixed<16,6>` and in
/// calibrated precision, emitted in both architectures, built with g++ and compared bit for
/// bit with the Simulator.
///
/// Frames: the model's own inputs, and the same scaled by 3, −2 and 1/4 (values beyond the
/// calibrated ranges, so saturation and wrapping run too); the first 16 of BraggNN's patches.
@Suite struct SharedModelTests {
  static let models = SharedData.goldenCases + ["real/braggnn"]

  @Test("shared models: emitted C++ equals the Simulator", arguments: models)
  func sharedModel(name: String) throws {
    let real = name == "real/braggnn"
    let folder = real ? SharedData.realBraggNN : SharedData.golden(name)
    let file = real ? "braggnn_fc16_8_4_2_sz11" : name
    let model = try ModelLoader.load(contentsOf: folder.appendingPathComponent("\(file).json"))
    let npy = try NpyFile(path: folder.appendingPathComponent("input.npy").path)
    let count = min(real ? 16 : 8, npy.itemCount)
    let calibration = Tensor(
      shape: [count] + npy.itemShape, scalars: try npy.floats(items: 0..<count))
    var frames = calibration.scalars
    if !real {
      for scale: Float in [3, -2, 0.25] { frames += calibration.scalars.map { $0 * scale } }
    }
    let precisions: [(String, Precision)] = [
      ("uniform", .uniform(try FixedFormat(parsing: "ap_fixed<16,6>"))),
      ("calibrated", .calibrated),
    ]
    var cases: [EmissionCase] = []
    for (label, precision) in precisions {
      let result = try FixedCompiler.compile(
        model: model, options: CompileOptions(precision: precision),
        calibration: .frames([calibration]))
      let stem = CppName.of(real ? "real_braggnn" : name)
      for io in HLSOptions.IO.allCases {
        cases.append(
          EmissionCase(
            label: "model \(name) (\(label), \(io.rawValue))", program: result.program,
            options: HLSOptions(io: io, projectName: "\(stem)_\(label)_\(io.rawValue)"),
            inputs: [frames], frames: frames.count / npy.elementsPerItem))
      }
    }
    let failures = try EmissionHarness.check(cases)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}

/// A C identifier for a model name in test project names.
enum CppName {
  static func of(_ name: String) -> String {
    String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
  }
}
