import FixedIR
import FixedPoint
import Simulator
import Testing

/// A program from its parts, constants keyed by name.
func makeProgram(
  inputs: [FixedTensor], constants: [FixedConstant] = [], ops: [FixedOp],
  outputs: [String]? = nil
) -> FixedProgram {
  FixedProgram(
    name: "test", inputs: inputs,
    constants: Dictionary(uniqueKeysWithValues: constants.map { ($0.name, $0) }), ops: ops,
    outputs: outputs ?? [ops.last?.name ?? inputs[0].name])
}

extension SplitMix64 {
  /// A constant of random raws.
  mutating func constant(_ name: String, _ shape: [Int], _ format: FixedFormat) -> FixedConstant {
    FixedConstant(name: name, shape: shape, format: format, raw: raws(shape.reduce(1, *), in: format))
  }

  /// Random raw inputs for `frames` frames of every input of `program`.
  mutating func inputs(for program: FixedProgram, frames: Int) -> [[Int64]] {
    program.inputs.map { raws(frames * $0.count, in: $0.format) }
  }
}

/// Runs `program` through the Simulator (every strategy in `strategies`, on `threads`
/// threads) and through the oracle, frame by frame, and expects the same raws for every
/// tensor and the same overflow counts. A mismatch names the strategy, tensor, frame,
/// index, both values and the seed.
func expectMatchesOracle(
  _ program: FixedProgram, frames: Int = 3, seed: UInt64, rng: inout SplitMix64,
  strategies: [AccumulationStrategy] = AccumulationStrategy.allCases, threads: Int = 1,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let inputs = rng.inputs(for: program, frames: frames)
  let oracle = Oracle(program: program)
  var expected: [[String: [Int64]]] = []
  var counts: [String: Oracle.Counts] = [:]
  for frame in 0..<frames {
    let frameInputs = zip(program.inputs, inputs).map { input, raws in
      Array(raws[(frame * input.count)..<((frame + 1) * input.count)])
    }
    let (tensors, frameCounts) = try oracle.run(frameInputs)
    expected.append(tensors)
    for (name, c) in frameCounts {
      counts[name, default: Oracle.Counts()].results += c.results
      counts[name, default: Oracle.Counts()].steps += c.steps
    }
  }
  for strategy in strategies {
    let simulator = try Simulator(program: program, threads: threads, accumulation: strategy)
    let result = try simulator.trace(raw: inputs, frames: frames)
    for tensor in result.trace {
      for frame in 0..<frames {
        let observed = Array(tensor.frame(frame))
        guard let want = expected[frame][tensor.name], want != observed else { continue }
        let i = want.indices.first { $0 >= observed.count || want[$0] != observed[$0] } ?? 0
        let message =
          "\(strategy): tensor '\(tensor.name)' frame \(frame) index \(i): expected "
          + "\(want[i]), observed \(i < observed.count ? observed[i] : 0) (\(tensor.format)); "
          + "seed \(seed)"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return
      }
    }
    for count in result.overflows where count.kind != "input" {
      let want = counts[count.name] ?? Oracle.Counts()
      #expect(
        count.results == want.results,
        "\(strategy): op '\(count.name)' result overflows; seed \(seed)",
        sourceLocation: sourceLocation)
      if let steps = count.accumulatorSteps {
        #expect(
          steps == want.steps,
          "\(strategy): op '\(count.name)' accumulator overflows; seed \(seed)",
          sourceLocation: sourceLocation)
      }
    }
  }
}
