import FixedIR
import FixedPoint

/// Executes a `FixedProgram` bit-accurately: the same raws as `ap_fixed` C++ following the
/// program's steps (docs/fixed-ir.md), for every frame.
///
/// Etch's oracle for the emitted HLS and its fast fixed-point engine. The program is
/// verified and planned once, here: arena offsets, per-op exact intermediates (`Int64`, or
/// `Int128` where formats need it), weights packed in the narrowest integers, and for each
/// dense, convolution and matmul an accumulation path proven equal to the per-step
/// definition (see `AccumulationStrategy`). Runs split the frames over `threads` threads;
/// each thread allocates its buffers once per run and none per frame. A simulator is an
/// immutable value, safe to share between tasks.
///
///     let simulator = try Simulator(program: program, threads: 4)
///     let result = try simulator.run(["x": batch], frames: 1000)
///     result.outputs[0].raw            // 1000 frames of raws
///     result.overflows                 // per op: saturated or wrapped values
public struct Simulator: Sendable {
  /// The program, verified.
  public let program: FixedProgram
  /// Threads a run uses (at most one per frame).
  public let threads: Int
  /// How dense, convolution and matmul ops sum their products.
  public let accumulation: AccumulationStrategy
  let plan: ExecutionPlan

  /// Verifies and plans `program`.
  ///
  /// - Throws: `SimulatorError.invalidProgram` when the verifier rejects the program,
  ///   `.unsupported` when an intermediate cannot be computed exactly, and
  ///   `.invalidThreads` for `threads < 1`.
  public init(
    program: FixedProgram, threads: Int = 1, accumulation: AccumulationStrategy = .counted
  ) throws(SimulatorError) {
    guard threads >= 1 else { throw .invalidThreads(threads: threads) }
    self.program = program
    self.threads = threads
    self.accumulation = accumulation
    plan = try ExecutionPlan(program: program, strategy: accumulation)
  }

  /// Runs `frames` frames given as float32 values per graph input, batch-major
  /// (`frames × elements` each).
  ///
  /// Each value is converted as `ap_fixed`'s constructor converts the `double` it widens to.
  ///
  /// - Throws: `SimulatorError` naming the input whose data is missing, unknown or of the
  ///   wrong length.
  public func run(_ inputs: [String: [Float]], frames: Int) throws(SimulatorError)
    -> SimulationResult
  {
    try execute(.floats(try ordered(inputs)), frames: frames, tracing: false)
  }

  /// Runs `frames` frames given as one float32 array per graph input, in the program's
  /// input order, each batch-major.
  public func run(_ inputs: [[Float]], frames: Int) throws(SimulatorError) -> SimulationResult {
    try execute(.floats(inputs), frames: frames, tracing: false)
  }

  /// Runs `frames` frames given as raws already in each input's format (for instance a
  /// testbench's dump, or test data that a `Float` cannot carry exactly).
  ///
  /// - Throws: `SimulatorError.rawOutOfRange` for a raw outside its input's format.
  public func run(raw inputs: [[Int64]], frames: Int) throws(SimulatorError) -> SimulationResult {
    try execute(.raws(inputs), frames: frames, tracing: false)
  }

  /// Runs like `run(_:frames:)` and also returns every tensor's raws for every frame in
  /// `SimulationResult.trace`, for per-layer comparison with the float model.
  public func trace(_ inputs: [String: [Float]], frames: Int) throws(SimulatorError)
    -> SimulationResult
  {
    try execute(.floats(try ordered(inputs)), frames: frames, tracing: true)
  }

  /// Traces frames given as raws (see `run(raw:frames:)`).
  public func trace(raw inputs: [[Int64]], frames: Int) throws(SimulatorError)
    -> SimulationResult
  {
    try execute(.raws(inputs), frames: frames, tracing: true)
  }

  /// How op `name` sums its products, in words (`exact, int16 operands, int32 sums`), or
  /// nil when it is not a dense, convolution or matmul op; for diagnostics and tests.
  public func accumulationPath(of name: String) -> String? {
    guard let index = program.ops.firstIndex(where: { $0.name == name }) else { return nil }
    let plan: AccumulationPlan
    switch self.plan.kernels[index] {
    case let kernel as DenseKernel: plan = kernel.plan
    case let kernel as ConvolutionKernel: plan = kernel.plan
    case let kernel as MatmulKernel: plan = kernel.plan
    default: return nil
    }
    let lane = "\(plan.lane) operands"
    switch plan.path {
    case .exact(let sum32): return "exact, \(lane), \(sum32 ? "int32" : "int64") sums"
    case .exactFloat64: return "exact, float64 operands, float64 sums"
    case .wrapping(let sum32): return "wrapping, \(lane), \(sum32 ? "int32" : "int64") sums"
    case .stepwise(let wide): return "stepwise, \(wide ? "int128" : "int64") steps"
    }
  }

  /// The input arrays in program order, from names.
  private func ordered(_ inputs: [String: [Float]]) throws(SimulatorError) -> [[Float]] {
    let names = program.inputs.map(\.name)
    if let unknown = inputs.keys.sorted().first(where: { !names.contains($0) }) {
      throw .unknownInput(name: unknown, accepted: names)
    }
    var arrays: [[Float]] = []
    for name in names {
      guard let values = inputs[name] else { throw .missingInput(name: name) }
      arrays.append(values)
    }
    return arrays
  }
}
