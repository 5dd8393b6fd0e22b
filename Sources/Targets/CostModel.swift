import FixedIR
import FixedPoint

/// Estimates resources, latency and initiation interval of a `FixedProgram` on an FPGA part.
///
/// A first-order model (docs/cost-model.md): each op is priced by counting multipliers
/// (zero weights cost nothing when unrolled), mapping each product to DSPs or LUTs by the
/// family's rule (`MultiplierCost`), counting adders, comparators, ROMs and line buffers, and
/// adding pipeline stages. Every constant comes from the part's family in
/// `targets/families.json`. The result is an **estimate**, to be checked against synthesis.
///
///     let report = try CostModel(part: part).estimate(program: program,
///                                                     architecture: .parallel(reuse: 1))
///     report.latencyMicroseconds
public struct CostModel: Sendable {
  /// The part priced.
  public var part: FPGAPart
  /// The clock assumed in MHz (the part's default unless given).
  public var clockMHz: Double

  /// A model for `part` at `clockMHz`, or at the part's default clock.
  public init(part: FPGAPart, clockMHz: Double? = nil) {
    self.part = part
    self.clockMHz = clockMHz ?? part.clockMHz
  }

  /// The family's constants.
  var constants: CostConstants { part.family.constants }

  /// Prices every op of `program` and the program as a whole.
  ///
  /// In `parallel` mode layers run one after another on whole arrays: an op starts when its
  /// inputs are complete, the latency is the longest path, the II the largest op II. In
  /// `stream` mode layers overlap under `DATAFLOW`: the latency is the longest path of fill
  /// times plus the largest II.
  ///
  /// - Throws: `CostModelError` for a reuse factor below 1 or an inconsistent program.
  public func estimate(
    program: FixedProgram, architecture: Architecture
  ) throws(CostModelError) -> CostReport {
    var ready: [String: Int] = [:]
    for input in program.inputs { ready[input.name] = 0 }
    var rows: [CostRow] = []
    var total = ResourceUsage.zero
    var ii = 1
    for op in program.ops {
      let row = try estimate(op: op, in: program, architecture: architecture)
      var start = 0
      for input in op.inputs {
        guard let t = ready[input] else {
          throw .missingTensor(op: op.output.name, tensor: input)
        }
        start = max(start, t)
      }
      ready[op.output.name] = start + row.fillCycles
      rows.append(row)
      total += row.resources
      ii = max(ii, row.ii)
    }
    let end = program.outputs.compactMap { ready[$0] }.max() ?? 0
    let latency = architecture.isStream ? end + ii : end
    return CostReport(
      part: part.name, clockMHz: clockMHz, architecture: architecture, rows: rows,
      resources: total, available: part.resources, latencyCycles: latency, ii: ii)
  }

  /// Prices one op of `program`.
  public func estimate(
    op: FixedOp, in program: FixedProgram, architecture: Architecture
  ) throws(CostModelError) -> CostRow {
    let reuse = architecture.reuse(for: op.output.name)
    guard reuse >= 1 else { throw .invalidReuse(op: op.output.name, reuse: reuse) }
    let context = OpContext(
      op: op, program: program, reuse: reuse, isStream: architecture.isStream)
    switch op.kind {
    case .dense(let weight, let bias, let accumulator, let activation):
      return try dense(
        context, weight: weight, bias: bias, accumulator: accumulator, activation: activation)
    case .conv1d(let conv, let weight, let bias, let accumulator, let activation):
      let geometry = try ConvolutionGeometry(context, conv1d: conv, weight: weight)
      return try convolution(
        context, geometry, weight: weight, bias: bias, accumulator: accumulator,
        activation: activation)
    case .conv2d(let conv, let weight, let bias, let accumulator, let activation):
      let geometry = try ConvolutionGeometry(context, conv2d: conv, weight: weight)
      return try convolution(
        context, geometry, weight: weight, bias: bias, accumulator: accumulator,
        activation: activation)
    case .matmul(let accumulator):
      return try matmul(context, accumulator: accumulator)
    case .softmax(let axis, let exp, let sum, let reciprocal):
      return try softmax(context, axis: axis, exp: exp, sum: sum, reciprocal: reciprocal)
    case .maxpool2d(let window):
      return try pooling(context, window, reciprocal: nil)
    case .avgpool2d(let window, let reciprocal):
      return try pooling(context, window, reciprocal: reciprocal)
    case .globalAvgpool2d(let reciprocal):
      return try globalAveragePooling(context, reciprocal: reciprocal)
    case .relu, .leakyRelu, .table, .add, .mul, .affine, .cast, .reshape, .transpose,
      .upsample2d, .concat:
      return try pointwise(context)
    }
  }
}

/// What every op rule needs: the op, its program, its reuse factor and the architecture.
struct OpContext {
  let op: FixedOp
  let program: FixedProgram
  let reuse: Int
  let isStream: Bool

  /// The op's output name, for rows and errors.
  var name: String { op.output.name }

  /// The `index`-th input tensor.
  func input(_ index: Int = 0) throws(CostModelError) -> FixedTensor {
    guard index < op.inputs.count else {
      throw .unexpectedShape(op: name, detail: "expected at least \(index + 1) inputs")
    }
    guard let t = program.tensor(named: op.inputs[index]) else {
      throw .missingTensor(op: name, tensor: op.inputs[index])
    }
    return t
  }

  /// The named constant.
  func constant(_ name: String) throws(CostModelError) -> FixedConstant {
    guard let c = program.constants[name] else {
      throw .missingConstant(op: self.name, constant: name)
    }
    return c
  }

  /// Values processed side by side and the cycles per frame: everything at once in
  /// parallel mode; one pixel (all channels of a `[C, …]` tensor) per cycle in stream mode.
  func lanes(_ t: FixedTensor) -> (lanes: Int, pixels: Int) {
    guard isStream, t.shape.count >= 2, let channels = t.shape.first, channels > 0 else {
      return (t.count, 1)
    }
    return (channels, t.count / channels)
  }
}
