import FixedIR
import FixedPoint

/// Why a program cannot be simulated or a batch cannot be run, as one actionable sentence.
///
/// Planning errors (`invalidProgram`, `unsupported`) come from `Simulator.init`; the others
/// from `run` and `trace`, and name the input and the count that did not fit.
///
///     SimulatorError.inputLength(input: "x", frames: 4, perFrame: 16, found: 60)
///     // input 'x' holds 60 values; 4 frames of 16 need 64
public enum SimulatorError: Error, Equatable, Sendable {
  /// The program fails verification.
  case invalidProgram(FixedProgramError)
  /// An op needs an intermediate the Simulator cannot compute exactly.
  case unsupported(op: String, reason: String)
  /// The frame count is negative.
  case invalidFrames(frames: Int)
  /// The thread count is below 1.
  case invalidThreads(threads: Int)
  /// A positional batch has the wrong number of input arrays.
  case inputCount(expected: Int, found: Int)
  /// A graph input has no data.
  case missingInput(name: String)
  /// Data was given for a name that is not a graph input.
  case unknownInput(name: String, accepted: [String])
  /// An input array's length is not `frames × elements per frame`.
  case inputLength(input: String, frames: Int, perFrame: Int, found: Int)
  /// A raw input value lies outside its input's format.
  case rawOutOfRange(input: String, index: Int, raw: Int64, format: FixedFormat)
}

extension SimulatorError: CustomStringConvertible {
  /// The one-sentence message.
  public var description: String {
    switch self {
    case .invalidProgram(let error):
      "the fixed-point program is invalid: \(error)"
    case .unsupported(let op, let reason):
      "op '\(op)' cannot be simulated exactly: \(reason)"
    case .invalidFrames(let frames):
      "the frame count is \(frames); expected 0 or more"
    case .invalidThreads(let threads):
      "the thread count is \(threads); expected 1 or more"
    case .inputCount(let expected, let found):
      "\(found) input array\(found == 1 ? " was" : "s were") given; the program has "
        + "\(expected) input\(expected == 1 ? "" : "s"), in the order of its declaration"
    case .missingInput(let name):
      "input '\(name)' has no data; pass one array per graph input"
    case .unknownInput(let name, let accepted):
      "'\(name)' is not an input of the program; its inputs are "
        + accepted.map { "'\($0)'" }.joined(separator: ", ")
    case .inputLength(let input, let frames, let perFrame, let found):
      "input '\(input)' holds \(found) values; \(frames) frame\(frames == 1 ? "" : "s") of "
        + "\(perFrame) need \(frames * perFrame)"
    case .rawOutOfRange(let input, let index, let raw, let format):
      "input '\(input)' holds raw \(raw) at index \(index), outside \(format) "
        + "(\(format.minRaw)...\(format.maxRaw))"
    }
  }
}
