import FixedIR
import FixedPoint
import Foundation
import HLSEmitter
import Testing

/// 52 random programs per run, each emitted in both architectures, built with g++ and
/// compared bit for bit with the Simulator on 64 frames; and a check that the run's programs
/// cover what the issue asks (every rounding and overflow mode, odd widths, unsigned types).
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

  /// Batches build in parallel, one g++ run each.
  static let batches = 2
  static let modelsPerBatch = 26

  /// The run's seed in hex, as `ETCH_SEED` takes it.
  static var hex: String { "0x" + String(seed, radix: 16) }

  /// Random model `k` of the run and its 64 frames.
  static func model(_ k: Int) -> (seed: UInt64, program: FixedProgram, inputs: [[Float]]) {
    let modelSeed = seed &+ UInt64(k)
    var generator = RandomProgram(seed: modelSeed)
    let (program, inputs) = generator.make(name: "random\(k)")
    return (modelSeed, program, inputs)
  }

  @Test(
    "random programs: emitted C++ (parallel and stream) equals the Simulator",
    arguments: 0..<batches)
  func randomBatch(batch: Int) throws {
    if batch == 0 {
      print("HLSEmitter random models: seed \(Self.hex) (replay with ETCH_SEED=\(Self.hex))")
    }
    var cases: [EmissionCase] = []
    for k in (batch * Self.modelsPerBatch)..<((batch + 1) * Self.modelsPerBatch) {
      let (modelSeed, program, inputs) = Self.model(k)
      for io in HLSOptions.IO.allCases {
        cases.append(
          EmissionCase(
            label: "random model \(k) (seed 0x\(String(modelSeed, radix: 16)), run seed "
              + "\(Self.hex), \(io.rawValue))",
            program: program,
            options: HLSOptions(io: io, projectName: "random\(k)_\(io.rawValue)"),
            inputs: inputs, frames: 64))
      }
    }
    let failures = try EmissionHarness.check(cases)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  @Test("the run's random programs cover every rounding and overflow mode, odd widths, unsigned")
  func coverage() {
    var formats: [FixedFormat] = []
    var kinds: Set<String> = []
    for k in 0..<(Self.batches * Self.modelsPerBatch) {
      let program = Self.model(k).program
      formats += program.inputs.map(\.format)
      for op in program.ops {
        formats.append(op.output.format)
        kinds.insert(op.kind.name)
        switch op.kind {
        case .dense(_, _, let accumulator, _), .conv1d(_, _, _, let accumulator, _),
          .conv2d(_, _, _, let accumulator, _), .matmul(let accumulator):
          formats.append(accumulator)
        case .softmax(_, _, let sum, _):
          formats.append(sum)
        default:
          break
        }
      }
    }
    let context = "seed \(Self.hex), \(formats.count) formats"
    let rounding = Set(formats.filter { !$0.isIntegerType }.map(\.quantization))
    #expect(rounding == Set(QuantizationMode.allCases), "\(context): \(rounding)")
    let overflow = Set(formats.filter { !$0.isIntegerType }.map(\.overflow))
    #expect(overflow == Set(OverflowMode.allCases), "\(context): \(overflow)")
    #expect(formats.contains { $0.width % 2 == 1 && $0.width > 1 }, "\(context): no odd width")
    #expect(formats.contains { !$0.isSigned && !$0.isIntegerType }, "\(context): no ap_ufixed")
    #expect(formats.contains { !$0.isSigned && $0.isIntegerType }, "\(context): no ap_uint")
    #expect(formats.contains { $0.saturationBits > 0 }, "\(context): no saturation bits")
    print("HLSEmitter random models: op kinds \(kinds.sorted().joined(separator: ", "))")
  }
}
