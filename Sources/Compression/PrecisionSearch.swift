import Compiler
import FixedIR
import FixedPoint
import ModelFormat
import Targets

/// Finds per-layer formats (weight, activation, accumulator) that make a model cheaper in
/// hardware while its fixed-point output stays within a bound of the float model's.
///
/// Greedy and cost-ordered: starting from the calibrated precision (16-bit weights and
/// activations, accumulators sized by proof), each weight format, then each activation
/// (graph input and op result), then each accumulator gets the fewest fractional bits for
/// which the metric on the search frames still meets `bound · margin`; a binary search per
/// format, integer bits unchanged, so values never overflow more than calibrated. Narrower
/// operands are never dearer in the cost model and move products from DSPs to LUTs, so
/// fewer bits is fewer DSPs first and fewer LUTs second. Layers with more multipliers go
/// first, since they save most. The result is then checked on held-out frames that the
/// search did not measure; if it misses the bound there, the search reruns with a smaller
/// margin (0.75, 0.5, 0.25 of the bound).
///
///     let search = PrecisionSearch(
///       bound: 0.05, search: first, heldOut: second, calibration: [patches])
///     let result = try search.run()
///     print(result.config.jsonText)  // etch compile --config reproduces result.program
public struct PrecisionSearch: Sendable {
  /// The bound the metric must meet (at most it, or at least it for argmax agreement).
  public var bound: Double
  /// The frames the search measures candidates on.
  public var search: Evaluator
  /// The frames the result is checked on.
  public var heldOut: Evaluator
  /// The frames the calibrated precision is calibrated on, once per graph input; the table
  /// is computed once and shared by every candidate.
  public var calibration: [Tensor]
  /// Pruning applied before quantization, written into the resulting config.
  public var prune: PruneSpec?
  /// The margins tried in order: the search aims at `bound · margin`.
  public var margins: [Double] = [0.75, 0.5, 0.25]

  /// Creates a search; `run()` performs it.
  public init(
    bound: Double, search: Evaluator, heldOut: Evaluator, calibration: [Tensor],
    prune: PruneSpec? = nil
  ) {
    self.bound = bound
    self.search = search
    self.heldOut = heldOut
    self.calibration = calibration
    self.prune = prune
  }

  /// What the search found.
  public struct Result: Sendable {
    /// The config to write: calibrated precision, the prune spec, the formats found.
    public var config: PrecisionConfig
    /// The program it compiles to.
    public var program: FixedProgram
    /// The metric on the search frames.
    public var searchMetric: Double
    /// The metric on the held-out frames.
    public var heldOutMetric: Double
    /// Whether the held-out metric meets the bound.
    public var meetsBound: Bool
    /// The margin the accepted search aimed at.
    public var margin: Double
    /// Candidates compiled and simulated.
    public var evaluations: Int
  }

  /// One format the search may narrow: where it lives in a config, and its calibrated value.
  enum Knob {
    case input(String)
    case result(String)
    case weight(String)
    case accumulator(String)
  }

  /// Runs the search (see the type's documentation).
  ///
  /// - Throws: the compiler's, the Simulator's or the cost model's errors.
  public func run() throws -> Result {
    var evaluations = 0
    var last: Result?
    for margin in margins {
      var config = PrecisionConfig(file: "auto", precision: .calibrated)
      config.prune = prune
      let target = search.metric == .argmaxAgreement ? 1 - (1 - bound) * margin : bound * margin
      let base = try search.compile(config: config, calibration: .frames(calibration))
      guard let table = base.calibration else { throw PrecisionSearchError.uncalibrated }
      let calibration = CalibrationSource.table(table)
      // A weight's or activation's calibrated format depends on its own values only, and
      // an accumulator's on its layer's formats, so each is read once, before narrowing.
      for knob in try knobs(base) {
        try narrow(
          knob, from: Self.format(of: knob, in: base), in: &config, target: target,
          calibration: calibration, evaluations: &evaluations)
      }
      let current = try search.compile(config: config, calibration: calibration)
      for node in accumulatorNodes(current) {
        let knob = Knob.accumulator(node)
        try narrow(
          knob, from: Self.format(of: knob, in: current), in: &config, target: target,
          calibration: calibration, evaluations: &evaluations)
      }
      let final = try search.compile(config: config, calibration: calibration)
      let searchMetric = try search.measure(final.program)
      let heldOutMetric = try heldOut.measure(final.program)
      evaluations += 1
      let meets = heldOut.metric.isWithin(heldOutMetric, bound: bound)
      last = Result(
        config: config, program: final.program, searchMetric: searchMetric,
        heldOutMetric: heldOutMetric, meetsBound: meets, margin: margin,
        evaluations: evaluations)
      if meets { break }
    }
    guard let last else { throw PrecisionSearchError.noMargins }
    return last
  }

  /// Weights first, then activations; layers with more multipliers first.
  func knobs(_ base: CompileResult) throws -> [Knob] {
    let report = try search.cost(base.program)
    let graph = Set(base.model.nodes.map(\.name))
    var multipliers: [String: Int] = [:]
    for row in report.rows { multipliers[row.name] = row.multipliers }
    let layerOp = Dictionary(
      uniqueKeysWithValues: base.model.nodes.map {
        ($0.name, base.plan.fusedActivations[$0.name] ?? $0.name)
      })
    let weighted = base.model.nodes.map(\.name).filter { base.plan.nodes[$0]?.weight != nil }
      .sorted { (multipliers[layerOp[$0] ?? $0] ?? 0) > (multipliers[layerOp[$1] ?? $1] ?? 0) }
    let results = base.program.ops.map(\.name).filter { graph.contains($0) }
      .sorted {
        base.program.tensor(named: $0)?.count ?? 0 > base.program.tensor(named: $1)?.count ?? 0
      }
    return weighted.map(Knob.weight) + base.program.inputs.map { .input($0.name) }
      + results.map(Knob.result)
  }

  /// Nodes with an accumulator, most multipliers first.
  func accumulatorNodes(_ result: CompileResult) -> [String] {
    result.model.nodes.map(\.name).filter { result.plan.nodes[$0]?.accumulator != nil }
  }

  /// Gives `knob` the narrowest width (same integer bits) that keeps the metric on target.
  private func narrow(
    _ knob: Knob, from format: FixedFormat?, in config: inout PrecisionConfig, target: Double,
    calibration: CalibrationSource, evaluations: inout Int
  ) throws {
    guard let format else { return }
    var low = max(2, format.integerBits + 1)
    var high = format.width
    guard low < high else { return }
    while low < high {
      let mid = (low + high) / 2
      var candidate = config
      try Self.set(knob, to: format.narrowed(to: mid), in: &candidate)
      evaluations += 1
      let ok: Bool
      do {
        let program = try search.compile(config: candidate, calibration: calibration).program
        ok = search.metric.isWithin(try search.measure(program), bound: target)
      } catch {
        ok = false
      }
      if ok { high = mid } else { low = mid + 1 }
    }
    try Self.set(knob, to: format.narrowed(to: high), in: &config)
  }

  /// The format `knob` has in `result`.
  static func format(of knob: Knob, in result: CompileResult) -> FixedFormat? {
    switch knob {
    case .input(let name): result.plan.tensors[name]
    case .result(let name): result.program.tensor(named: name)?.format
    case .weight(let node): result.plan.nodes[node]?.weight
    case .accumulator(let node): result.plan.nodes[node]?.accumulator
    }
  }

  /// Sets `knob` to `format` in `config`.
  static func set(_ knob: Knob, to format: FixedFormat, in config: inout PrecisionConfig) throws {
    switch knob {
    case .input(let name): config.tensors[name] = format
    case .result(let name): config.nodes[name, default: NodeConfig()].result = format
    case .weight(let node): config.nodes[node, default: NodeConfig()].weight = format
    case .accumulator(let node): config.nodes[node, default: NodeConfig()].accumulator = format
    }
  }
}

/// Why a precision search could not run.
public enum PrecisionSearchError: Error, CustomStringConvertible {
  /// The search was given no margins to try.
  case noMargins
  /// The calibrated starting point produced no calibration table.
  case uncalibrated

  /// One sentence saying what to do.
  public var description: String {
    switch self {
    case .noMargins:
      "precision search has no margins to try; give at least one margin in (0, 1]"
    case .uncalibrated:
      "precision search needs calibration frames for its calibrated starting point; give "
        + "--calibration"
    }
  }
}

extension FixedFormat {
  /// The same format, modes and integer bits, `width` bits wide.
  func narrowed(to width: Int) throws -> FixedFormat {
    try FixedFormat(
      width: width, integerBits: integerBits, isSigned: isSigned, quantization: quantization,
      overflow: overflow, saturationBits: saturationBits)
  }
}
