import FixedIR
import FixedPoint

/// Where a tensor is read: an operand of a (live) op, or an output port of the top function.
enum TensorUse: Hashable, Sendable {
  /// Operand `slot` of the live op at `index`.
  case op(index: Int, slot: Int)
  /// The program's output at `index`.
  case output(index: Int)
}

/// A tensor as the firmware declares it: its identifier, type and stream layout.
///
/// In `stream` projects a frame flows as `beats` transfers of `channels` values: a
/// `[C, H, W]` tensor as its pixels in raster order, a `[C, L]` one as its L positions, each
/// beat the C channels; any other tensor as one beat holding it all in C order. Element
/// `(c, p)` of that view is element `c · beats + p` of the tensor in C order.
struct TensorInfo: Sendable {
  /// The FixedIR name.
  let name: String
  /// The C++ identifier (`fc1`); its type is `fc1_t`.
  let id: String
  let shape: [Int]
  let format: FixedFormat

  var count: Int { shape.reduce(1, *) }
  var type: String { id + "_t" }
  var beatType: String { id + "_beat_t" }
  var channels: Int { (2...3).contains(shape.count) ? shape[0] : count }
  var beats: Int { count / channels }
}

/// The program as the firmware emits it: the ops that reach an output, C++ names for
/// everything, who reads each tensor, and the validated options.
struct FirmwarePlan: Sendable {
  /// The top function's name and the project's file stem.
  let name: String
  /// The program's own name.
  let programName: String
  let options: HLSOptions
  /// Constants by name.
  let constants: [String: FixedConstant]
  /// The ops an output depends on, in program order.
  let ops: [FixedOp]
  let inputs: [TensorInfo]
  let outputs: [TensorInfo]
  /// Every input and live op output by FixedIR name.
  let tensors: [String: TensorInfo]
  /// Readers of each tensor, in op order then output order.
  let uses: [String: [TensorUse]]
  /// Identifiers of the constants the live ops read, by constant name.
  let constantIDs: [String: String]
  /// Identifiers of the live ops' tables, by `TableKey`.
  let tableIDs: [TableKey: String]

  /// A table of an op: `table` for sigmoid and tanh, `exp` and `reciprocal` for softmax.
  struct TableKey: Hashable, Sendable {
    let op: String
    let role: String
  }

  /// Verifies the program and options and plans the names.
  init(program: FixedProgram, options: HLSOptions) throws(HLSEmitterError) {
    do {
      try FixedProgramVerifier().verify(program)
    } catch {
      throw .invalidProgram(error)
    }
    try Self.check(options, program: program)
    self.options = options
    constants = program.constants
    let top = CppNames.sanitize(options.projectName ?? program.name)
    name = top
    programName = program.name
    ops = Self.live(program)
    var uses: [String: [TensorUse]] = [:]
    for (index, op) in ops.enumerated() {
      for (slot, input) in op.inputs.enumerated() {
        uses[input, default: []].append(.op(index: index, slot: slot))
      }
    }
    for (index, output) in program.outputs.enumerated() {
      uses[output, default: []].append(.output(index: index))
    }
    self.uses = uses

    var names = CppNames(reserved: [top, top + "_tb", top + "_prj"])
    var tensors: [String: TensorInfo] = [:]
    let declared = program.inputs + ops.map(\.output)
    for tensor in declared {
      let op = ops.first { $0.name == tensor.name }
      let id = names.assign(
        tensor.name, suffixes: Self.suffixes(op: op, uses: uses[tensor.name]?.count ?? 0))
      tensors[tensor.name] = TensorInfo(
        name: tensor.name, id: id, shape: tensor.shape, format: tensor.format)
    }
    self.tensors = tensors
    inputs = program.inputs.compactMap { tensors[$0.name] }
    outputs = program.outputs.compactMap { tensors[$0] }

    var constantIDs: [String: String] = [:]
    for constant in Set(ops.flatMap(Self.constantNames)).sorted() {
      constantIDs[constant] = names.assign(constant, suffixes: ["_t"])
    }
    self.constantIDs = constantIDs
    var tableIDs: [TableKey: String] = [:]
    for op in ops {
      for (role, _) in Self.tables(of: op) {
        tableIDs[TableKey(op: op.name, role: role)] = names.assign(
          "\(op.name)_\(role)", suffixes: ["_t"])
      }
    }
    self.tableIDs = tableIDs
  }

  /// The tensor named `name` (an input or a live op's output).
  func tensor(_ name: String) -> TensorInfo {
    tensors[name] ?? TensorInfo(name: name, id: name, shape: [1], format: Self.unit)
  }

  /// The identifier of constant `name`.
  func constantID(_ name: String) -> String { constantIDs[name] ?? name }

  /// The identifier of an op's table.
  func tableID(op: String, role: String) -> String {
    tableIDs[TableKey(op: op, role: role)] ?? "\(op)_\(role)"
  }

  /// The format of a constant (a fallback never used on a verified program).
  func constantFormat(_ name: String) -> FixedFormat { constants[name]?.format ?? Self.unit }

  private static let unit: FixedFormat = {
    guard let format = try? FixedFormat(integerWidth: 1, isSigned: false) else {
      preconditionFailure("ap_uint<1> is a valid format")
    }
    return format
  }()

  /// Names derived from a tensor's identifier, reserved with it.
  private static func suffixes(op: FixedOp?, uses: Int) -> [String] {
    var suffixes = ["_t", "_accum_t", "_sum_t", "_beat_t", "_config", "_stage", "_s", "_out"]
    if let op, case .concat = op.kind {
      for k in 1..<op.inputs.count { suffixes += ["_part\(k)", "_config\(k)"] }
    }
    for k in 0..<max(uses, 1) { suffixes += ["_use\(k)", "_rest\(k)"] }
    return suffixes
  }

  /// The ops that some output depends on, in program order.
  private static func live(_ program: FixedProgram) -> [FixedOp] {
    var needed = Set(program.outputs)
    var kept: [FixedOp] = []
    for op in program.ops.reversed() where needed.contains(op.name) {
      kept.append(op)
      needed.formUnion(op.inputs)
    }
    return kept.reversed()
  }

  /// The constants an op reads.
  static func constantNames(of op: FixedOp) -> [String] {
    func alpha(_ activation: FusedActivation) -> [String] {
      if case .leakyRelu(let name) = activation { return [name] }
      return []
    }
    switch op.kind {
    case .dense(let weight, let bias, _, let activation),
      .conv1d(_, let weight, let bias, _, let activation),
      .conv2d(_, let weight, let bias, _, let activation):
      return [weight] + (bias.map { [$0] } ?? []) + alpha(activation)
    case .leakyRelu(let name): return [name]
    case .affine(let scale, let shift): return [scale, shift]
    case .avgpool2d(_, let reciprocal), .globalAvgpool2d(let reciprocal): return [reciprocal]
    default: return []
    }
  }

  /// An op's tables by role.
  static func tables(of op: FixedOp) -> [(String, LookupTable)] {
    switch op.kind {
    case .table(let table): return [("table", table)]
    case .softmax(_, let exp, _, let reciprocal): return [("exp", exp), ("reciprocal", reciprocal)]
    default: return []
    }
  }

  private static func check(_ options: HLSOptions, program: FixedProgram) throws(HLSEmitterError) {
    guard options.reuseFactor >= 1 else {
      throw .invalidOption(
        name: "reuseFactor", value: "\(options.reuseFactor)", reason: "must be at least 1")
    }
    let opNames = Set(program.ops.map(\.name))
    for (op, factor) in options.layerReuseFactors.sorted(by: { $0.key < $1.key }) {
      guard opNames.contains(op) else {
        throw .invalidOption(
          name: "layerReuseFactors", value: op, reason: "the program has no op of that name")
      }
      guard factor >= 1 else {
        throw .invalidOption(
          name: "layerReuseFactors[\(op)]", value: "\(factor)", reason: "must be at least 1")
      }
    }
    guard options.clockPeriodNs.isFinite, options.clockPeriodNs > 0 else {
      throw .invalidOption(
        name: "clockPeriodNs", value: "\(options.clockPeriodNs)", reason: "must be positive")
    }
    let partCharacters = options.part.unicodeScalars.allSatisfy {
      $0.isASCII
        && ($0.properties.isAlphabetic || ("0"..."9").contains($0)
          || "-_.".unicodeScalars.contains($0))
    }
    guard !options.part.isEmpty, partCharacters else {
      throw .invalidOption(
        name: "part", value: "'\(options.part)'",
        reason: "must be a part name of letters, digits, '-', '_' and '.'")
    }
    if let name = options.projectName, CppNames.sanitize(name) != name {
      throw .invalidOption(
        name: "projectName", value: "'\(name)'",
        reason: "must be a C identifier such as '\(CppNames.sanitize(name))'")
    }
    if let samples = options.sampleInputs {
      try checkSamples(samples, program: program)
    }
  }

  private static func checkSamples(
    _ samples: [[Float]], program: FixedProgram
  ) throws(HLSEmitterError) {
    guard samples.count == program.inputs.count else {
      throw .sampleInputs(
        reason: "\(samples.count) arrays given; the program has \(program.inputs.count) inputs")
    }
    var frames: Int?
    for (input, values) in zip(program.inputs, samples) {
      guard !values.isEmpty, values.count % input.count == 0 else {
        throw .sampleInputs(
          reason: "input '\(input.name)' has \(values.count) values; expected a positive "
            + "multiple of \(input.count)")
      }
      let n = values.count / input.count
      guard frames == nil || frames == n else {
        throw .sampleInputs(
          reason: "input '\(input.name)' has \(n) frames; expected \(frames ?? 0)")
      }
      frames = n
    }
  }
}
