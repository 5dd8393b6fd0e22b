import FixedPoint

/// One tensor's raws for every frame of a run, batch-major, with its format.
///
/// Raws are what the FPGA holds and what tests compare; `values` and `floats` give the real
/// numbers (`raw · 2^−F`, as `to_double()` and `to_float()` compute them) for comparison
/// with the float model.
///
///     let y = result.outputs[0]
///     y.frame(2)        // the raws of frame 2
///     y.values          // every raw as a Double, exact up to 53 bits
public struct SimulatedTensor: Sendable, Equatable {
  /// The tensor's name (a graph input or an op).
  public let name: String
  /// Its shape per frame.
  public let shape: [Int]
  /// The format of every raw.
  public let format: FixedFormat
  /// The number of frames.
  public let frames: Int
  /// `frames × count` raws, frame after frame, each frame in C order.
  public let raw: [Int64]

  /// Creates a tensor of `frames` frames.
  public init(name: String, shape: [Int], format: FixedFormat, frames: Int, raw: [Int64]) {
    self.name = name
    self.shape = shape
    self.format = format
    self.frames = frames
    self.raw = raw
  }

  /// Elements per frame.
  public var count: Int { shape.reduce(1, *) }

  /// The raws of one frame.
  public func frame(_ index: Int) -> ArraySlice<Int64> {
    raw[(index * count)..<((index + 1) * count)]
  }

  /// Every raw's value `raw · 2^−F` as a `Double` (`to_double()`).
  public var values: [Double] { raw.map { format.toDouble($0) } }

  /// Every raw's value as a `Float` (`to_float()`, rounded once from the exact value).
  public var floats: [Float] { raw.map { format.toFloat($0) } }

  /// `value − reference` per element, for per-layer comparison with the float model's
  /// tensor of the same name (batch-major, the same length).
  ///
  ///     let error = result.tensor(named: "fc1")?.differences(from: floatTrace["fc1"] ?? [])
  public func differences(from reference: [Float]) -> [Double] {
    zip(raw, reference).map { format.toDouble($0) - Double($1) }
  }
}

/// What a run of the Simulator gives: the outputs, overflow counts, and in trace mode every
/// tensor.
///
///     let result = try simulator.run(["x": frames], frames: 100)
///     result.outputs[0].raw          // the first output's raws, 100 frames
///     result.overflows.filter { $0.results > 0 }
public struct SimulationResult: Sendable, Equatable {
  /// The number of frames run.
  public let frames: Int
  /// The program's outputs, in its order.
  public let outputs: [SimulatedTensor]
  /// Per graph input (conversion from float) and then per op, in program order.
  public let overflows: [OverflowCount]
  /// Every tensor (inputs, then each op's output) when the run was a trace; empty otherwise.
  public let trace: [SimulatedTensor]

  /// Creates a result.
  public init(
    frames: Int, outputs: [SimulatedTensor], overflows: [OverflowCount], trace: [SimulatedTensor]
  ) {
    self.frames = frames
    self.outputs = outputs
    self.overflows = overflows
    self.trace = trace
  }

  /// The output named `name`.
  public func output(named name: String) -> SimulatedTensor? {
    outputs.first { $0.name == name }
  }

  /// The traced tensor named `name` (nil unless the run was a trace).
  public func tensor(named name: String) -> SimulatedTensor? {
    trace.first { $0.name == name }
  }

  /// Each output's values as `Float`, batch-major: the fixed-point engine's answer in the
  /// float engine's terms.
  public var floatOutputs: [[Float]] { outputs.map(\.floats) }
}
