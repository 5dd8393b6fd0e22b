import FixedPoint
import ModelFormat

/// The checks of one op: arity, constants, shapes (by the float graph's rules) and every
/// format its steps use.
struct OpCheck {
  let op: FixedOp
  let constants: [String: FixedConstant]
  let inputShapes: [[Int]]
  let inputFormats: [FixedFormat]

  private var name: String { op.name }
  private var out: FixedFormat { op.output.format }
  private var x: FixedFormat { inputFormats[0] }

  func run() throws(FixedProgramError) {
    try checkWidth(out, owner: "op '\(name)'", field: "the output")
    try checkArity()
    let (floatOp, params) = try floatForm()
    var paramShapes: [String: [Int]] = [:]
    for (role, constant) in params { paramShapes[role] = constants[constant]?.shape }
    let expected: [Int]
    do {
      expected = try ShapeInference.outputShape(
        of: Node(name: name, op: floatOp, inputs: op.inputs, params: params),
        inputShapes: inputShapes, paramShapes: paramShapes, file: Self.file)
    } catch {
      let message = error.description
      let prefix = Self.file + ": "
      throw .shapeRule(
        op: name,
        message: message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message)
    }
    guard expected == op.output.shape else {
      throw .outputShape(op: name, declared: op.output.shape, expected: expected)
    }
    try checkSteps()
  }

  private static let file = "FixedIR"

  private func checkArity() throws(FixedProgramError) {
    let (range, text): (ClosedRange<Int>, String)
    switch op.kind {
    case .add, .mul, .matmul: (range, text) = (2...2, "2")
    case .concat: (range, text) = (2...Int.max, "at least 2")
    default: (range, text) = (1...1, "1")
    }
    guard range.contains(op.inputs.count) else {
      throw .wrongInputCount(op: name, kind: op.kind.name, expected: text, found: op.inputs.count)
    }
  }

  /// The float operator whose shape rule the op follows, with its params by role; checks
  /// that every constant the op names exists.
  private func floatForm() throws(FixedProgramError) -> (Op, [String: String]) {
    switch op.kind {
    case .dense(let weight, let bias, _, _):
      return (.dense, try params(weight: weight, bias: bias))
    case .conv1d(let c, let weight, let bias, _, _):
      return (.conv1d(c), try params(weight: weight, bias: bias))
    case .conv2d(let c, let weight, let bias, _, _):
      return (.conv2d(c), try params(weight: weight, bias: bias))
    case .matmul: return (.matmul, [:])
    case .relu, .leakyRelu, .table, .cast: return (.identity, [:])
    case .softmax(let axis, _, _, _):
      try checkAxis(axis)
      return (.softmax(axis: axis), [:])
    case .add: return (.add, [:])
    case .mul: return (.mul, [:])
    case .affine(let scale, let shift):
      guard (1...3).contains(inputShapes[0].count) else {
        throw .shapeRule(
          op: name,
          message: "op '\(name)' (affine): input '\(op.inputs[0])' has rank "
            + "\(inputShapes[0].count); expected [C], [C, L] or [C, H, W]")
      }
      let channels = inputShapes[0][0]
      for (field, constant) in [("scale", scale), ("shift", shift)] {
        let found = try self.constant(constant, field: field).shape
        guard found == [channels] else {
          throw .constantShape(
            op: name, field: field, constant: constant, found: found,
            expected: "[\(channels)] (one value per channel of the input)")
        }
      }
      return (.identity, [:])
    case .maxpool2d(let p): return (.maxpool2d(p), [:])
    case .avgpool2d(let p, _): return (.avgpool2d(p), [:])
    case .globalAvgpool2d: return (.globalAvgpool2d, [:])
    case .reshape: return (.reshape(shape: op.output.shape), [:])
    case .transpose(let perm): return (.transpose(perm: perm), [:])
    case .upsample2d(let scale): return (.upsample2d(scale: scale, mode: .nearest), [:])
    case .concat(let axis):
      try checkAxis(axis)
      return (.concat(axis: axis), [:])
    }
  }

  private func params(weight: String, bias: String?) throws(FixedProgramError) -> [String: String] {
    _ = try constant(weight, field: "weight")
    guard let bias else { return ["weight": weight] }
    _ = try constant(bias, field: "bias")
    return ["weight": weight, "bias": bias]
  }

  private func checkAxis(_ axis: Int) throws(FixedProgramError) {
    let rank = inputShapes[0].count
    guard (0..<rank).contains(axis) else {
      throw .axisOutOfRange(op: name, axis: axis, rank: rank)
    }
  }

  private func constant(_ name: String, field: String) throws(FixedProgramError) -> FixedConstant {
    guard let constant = constants[name] else {
      throw .missingConstant(op: self.name, field: field, constant: name)
    }
    return constant
  }

  private func scalar(_ name: String, field: String) throws(FixedProgramError) -> FixedFormat {
    let constant = try constant(name, field: field)
    guard constant.shape.isEmpty else {
      throw .constantShape(
        op: self.name, field: field, constant: name, found: constant.shape,
        expected: "[] (a scalar)")
    }
    return constant.format
  }

  // MARK: Formats of the steps

  private func checkSteps() throws(FixedProgramError) {
    switch op.kind {
    case .dense(let weight, let bias, let acc, let activation),
      .conv1d(_, let weight, let bias, let acc, let activation),
      .conv2d(_, let weight, let bias, let acc, let activation):
      try checkAccumulation(
        acc, rhs: try constant(weight, field: "weight").format, activation: activation)
      if let bias {
        try attempt("bias") { try Requantizer(from: constant(bias, field: "bias").format, to: acc) }
      }
    case .matmul(let acc):
      try checkAccumulation(acc, rhs: inputFormats[1], activation: .none)
    case .relu, .maxpool2d, .cast:
      try attempt("result") { try Requantizer(from: x, to: out) }
    case .leakyRelu(let alpha):
      try checkLeaky(x, alpha: alpha)
    case .table(let table):
      guard table.format == out else {
        throw .formatMismatch(op: name, field: "table", found: table.format, expected: out)
      }
      try checkTable(table, field: "table", inputWidth: x.storageWidth)
    case .softmax(_, let exp, let sum, let reciprocal):
      try checkSoftmax(exp: exp, sum: sum, reciprocal: reciprocal)
    case .add, .mul:
      let kind: FixedOperation.Kind = op.kind == .add ? .add : .multiply
      try attempt("result") {
        try Requantizer(from: FixedOperation(kind, x, inputFormats[1]).result, to: out)
      }
    case .affine(let scale, let shift):
      let scaleFormat = try constant(scale, field: "scale").format
      let shiftFormat = try constant(shift, field: "shift").format
      try attempt("result") {
        let product = try FixedFormat.product(x, scaleFormat)
        return try Requantizer(from: FixedFormat.sum(product, shiftFormat), to: out)
      }
    case .avgpool2d(let pooling, let reciprocal):
      try checkAverage(count: pooling.kernel.h * pooling.kernel.w, reciprocal: reciprocal)
    case .globalAvgpool2d(let reciprocal):
      try checkAverage(count: inputShapes[0].dropFirst().reduce(1, *), reciprocal: reciprocal)
    case .reshape, .transpose, .upsample2d:
      guard x == out else {
        throw .formatMismatch(op: name, field: "input '\(op.inputs[0])'", found: x, expected: out)
      }
    case .concat:
      for (input, format) in zip(op.inputs, inputFormats) {
        try attempt("input '\(input)'") { try Requantizer(from: format, to: out) }
      }
    }
  }

  private func checkAccumulation(
    _ acc: FixedFormat, rhs: FixedFormat, activation: FusedActivation
  ) throws(FixedProgramError) {
    try checkWidth(acc, owner: "op '\(name)'", field: "the accumulator")
    try attempt("accumulator step") {
      try AccumulationStep(accumulator: acc, lhs: x, rhs: rhs)
    }
    if case .leakyRelu(let alpha) = activation {
      try checkLeaky(acc, alpha: alpha)
    } else {
      try attempt("result") { try Requantizer(from: acc, to: out) }
    }
  }

  private func checkLeaky(_ source: FixedFormat, alpha: String) throws(FixedProgramError) {
    let alphaFormat = try scalar(alpha, field: "alpha")
    try attempt("result") {
      _ = try Requantizer(from: source, to: out)
      return try Requantizer(from: FixedFormat.product(source, alphaFormat), to: out)
    }
  }

  private func checkAverage(count: Int, reciprocal: String) throws(FixedProgramError) {
    let k = try scalar(reciprocal, field: "reciprocal")
    try attempt("result") {
      try Requantizer(from: FixedFormat.product(x.windowSumFormat(count: count), k), to: out)
    }
  }

  private func checkSoftmax(
    exp: LookupTable, sum: FixedFormat, reciprocal: LookupTable
  ) throws(FixedProgramError) {
    guard x.storageWidth <= 63 else {
      throw .formatTooWide(
        owner: "op '\(name)'", field: "the softmax input (63 bits at most)", format: x)
    }
    try checkWidth(sum, owner: "op '\(name)'", field: "the sum")
    try checkTable(exp, field: "exp", inputWidth: x.storageWidth + 1)
    try checkTable(reciprocal, field: "reciprocal", inputWidth: sum.storageWidth)
    try attempt("sum step") {
      try Requantizer(from: FixedOperation(.add, sum, exp.format).result, to: sum)
    }
    try attempt("result") {
      try Requantizer(from: FixedFormat.product(exp.format, reciprocal.format), to: out)
    }
  }

  private func checkTable(
    _ table: LookupTable, field: String, inputWidth: Int
  ) throws(FixedProgramError) {
    try checkWidth(table.format, owner: "op '\(name)'", field: "the table '\(field)'")
    guard !table.entries.isEmpty else { throw .emptyTable(op: name, field: field) }
    if let index = table.entries.firstIndex(where: { !table.format.contains(raw: $0) }) {
      throw .tableEntryOutOfRange(
        op: name, field: field, index: index, raw: table.entries[index], format: table.format)
    }
    guard inputWidth - table.shift <= 62, abs(table.offset) <= 1 << 31 else {
      throw .tableIndexRange(
        op: name, field: field, shift: table.shift, offset: table.offset, inputWidth: inputWidth)
    }
  }

  /// Runs a FixedPoint planning step, turning its error into one naming this op and field.
  private func attempt<T>(_ field: String, _ body: () throws -> T) throws(FixedProgramError) {
    do {
      _ = try body()
    } catch {
      throw .arithmetic(op: name, field: field, reason: "\(error)")
    }
  }
}
