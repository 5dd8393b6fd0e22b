import FixedIR
import Foundation
import HLSEmitter
import Testing

/// At least 50 random programs per run, each emitted in both architectures, built with
/// g++ and compared bit for bit with the Simulator on 64 frames.
///
/// The seed is printed; `ETCH_SEED=<seed> swift test --filter RandomModelTests` replays a
/// run, and each failure names its model's index and seed.
@Suite struct RandomModelTests {
  /// The run's seed: `ETCH_SEED` (decimal or 0x-hex), else a fresh one.
  static let seed: UInt64 = {
    let text = ProcessInfo.processInfo.environment["ETCH_SEED"] ?? ""
    if text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) { return value }
    if let value = UInt64(text) { return value }
    return UInt64.random(in: 0...UInt64.max)
  }()

  static let batches = 1
  static let modelsPerBatch = 2

  @Test("random programs: emitted C++ (parallel and stream) equals the Simulator", arguments: 0..<batches)
  func randomBatch(batch: Int) throws {
    let hex = "0x" + String(Self.seed, radix: 16)
    if batch == 0 {
      print("HLSEmitter random models: seed \(hex) (replay with ETCH_SEED=\(hex))")
    }
    var cases: [EmissionCase] = []
    for k in (batch * Self.modelsPerBatch)..<((batch + 1) * Self.modelsPerBatch) {
      let modelSeed = Self.seed &+ UInt64(k)
      var generator = RandomProgram(seed: modelSeed)
      let (program, inputs) = generator.make(name: "random\(k)")
      for io in HLSOptions.IO.allCases {
        cases.append(
          EmissionCase(
            label: "random model \(k) (seed 0x\(String(modelSeed, radix: 16)), run seed \(hex), "
              + "\(io.rawValue))",
            program: program, options: HLSOptions(io: io, projectName: "random\(k)_\(io.rawValue)"),
            inputs: inputs, frames: 64))
      }
    }
    let failures = try EmissionHarness.check(cases)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}
