import FixedIR
import FixedPoint
import Simulator
import Testing
import Foundation

@Test func zzBench() throws {
  guard ProcessInfo.processInfo.environment["ETCH_BENCH"] != nil else { return }
  var rng = SplitMix64(seed: 1)
  func dense(_ xs: String, _ ws: String, _ accs: String, n: Int) throws -> FixedProgram {
    let x = try FixedFormat(parsing: xs), w = try FixedFormat(parsing: ws), acc = try FixedFormat(parsing: accs)
    return makeProgram(
      inputs: [FixedTensor(name: "x", shape: [n], format: x)],
      constants: [rng.constant("w", [n, n], w), rng.constant("b", [n], w)],
      ops: [FixedOp(output: FixedTensor(name: "fc", shape: [n], format: x), inputs: ["x"],
        kind: .dense(weight: "w", bias: "b", accumulator: acc, activation: .relu))])
  }
  let cases: [(String, FixedProgram)] = [
    ("int8 exact", try dense("ap_fixed<8,3>", "ap_fixed<8,1>", "ap_fixed<32,14>", n: 256)),
    ("16 exact", try dense("ap_fixed<16,6>", "ap_fixed<16,6>", "ap_fixed<48,20>", n: 256)),
    ("uniform 16,6", try dense("ap_fixed<16,6>", "ap_fixed<16,6>", "ap_fixed<16,6>", n: 256)),
  ]
  for (name, program) in cases {
    let frames = 2000
    let inputs = rng.inputs(for: program, frames: frames)
    for strategy in AccumulationStrategy.allCases {
      let sim = try Simulator(program: program, accumulation: strategy)
      var best = Double.infinity
      for _ in 0..<3 {
        let t0 = ContinuousClock.now
        let r = try sim.run(raw: inputs, frames: frames)
        let dt = ContinuousClock.now - t0
        best = min(best, Double(dt.components.attoseconds) / 1e18 + Double(dt.components.seconds))
        _ = r.outputs[0].raw.reduce(0, &+)
      }
      let macs = Double(frames * 256 * 256)
      print("\(name) \(strategy) \(sim.accumulationPath(of: "fc") ?? ""): \(String(format: "%.2f", macs / best / 1e9)) GMAC/s")
    }
  }
}
