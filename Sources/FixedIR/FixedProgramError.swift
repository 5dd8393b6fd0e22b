import FixedPoint

/// A reason a `FixedProgram` cannot be executed or emitted, found by `FixedProgramVerifier`.
///
/// Every case names where the problem is (the tensor, constant or op, and the field) so that
/// the compiler engineer who produced the program can find the step that went wrong; the
/// message is one sentence saying what was found and what was expected.
///
///     FixedProgramError.missingConstant(op: "fc1", field: "weight", constant: "fc1.w")
///     // op 'fc1': field 'weight' names constant 'fc1.w', which the program does not hold
public enum FixedProgramError: Error, Equatable, Sendable {
  /// A graph input (`tensor` is its position) or an op has an empty name.
  case emptyName(tensor: String)
  /// Two tensors (inputs or op outputs) share a name.
  case duplicateName(name: String)
  /// A tensor's declared shape has a non-positive dimension or is empty.
  case invalidShape(tensor: String, shape: [Int])
  /// A format is wider than the 64 bits (63 unsigned) whose raws fit `Int64`.
  case formatTooWide(owner: String, field: String, format: FixedFormat)
  /// The dictionary key of a constant differs from the constant's own name.
  case constantKeyMismatch(key: String, name: String)
  /// A constant holds a number of raws other than its shape's element count.
  case constantElementCount(constant: String, shape: [Int], count: Int)
  /// A constant's raw lies outside its format's raw range.
  case constantRawOutOfRange(constant: String, index: Int, raw: Int64, format: FixedFormat)
  /// An op reads a tensor that no input or op defines.
  case undefinedInput(op: String, input: String)
  /// An op reads a tensor that a later op defines.
  case inputUsedBeforeDefinition(op: String, input: String)
  /// An op reads the wrong number of tensors for its kind.
  case wrongInputCount(op: String, kind: String, expected: String, found: Int)
  /// An op names a constant that the program does not hold.
  case missingConstant(op: String, field: String, constant: String)
  /// A constant an op uses has the wrong shape.
  case constantShape(op: String, field: String, constant: String, found: [Int], expected: String)
  /// An op's operands do not fit its shape rule (the float graph's rule, rendered by it).
  case shapeRule(op: String, message: String)
  /// An op's declared output shape differs from the one its operands give.
  case outputShape(op: String, declared: [Int], expected: [Int])
  /// Two formats that must be equal (raws are moved, not converted) differ.
  case formatMismatch(op: String, field: String, found: FixedFormat, expected: FixedFormat)
  /// A lookup table has no entries.
  case emptyTable(op: String, field: String)
  /// A lookup table entry lies outside the table's format.
  case tableEntryOutOfRange(op: String, field: String, index: Int, raw: Int64, format: FixedFormat)
  /// A lookup table's shift or offset could overflow the 64-bit index arithmetic.
  case tableIndexRange(op: String, field: String, shift: Int, offset: Int, inputWidth: Int)
  /// An axis attribute is outside the input's rank (FixedIR axes are non-negative).
  case axisOutOfRange(op: String, axis: Int, rank: Int)
  /// An arithmetic step's exact format or conversion is not computable (FixedPoint's reason).
  case arithmetic(op: String, field: String, reason: String)
  /// The program lists no outputs.
  case noOutputs
  /// An output names no input or op.
  case unknownOutput(output: String)
  /// An output is listed twice.
  case duplicateOutput(output: String)
}

extension FixedProgramError: CustomStringConvertible {
  /// The one-sentence message, naming the tensor, constant or op and the field.
  public var description: String {
    switch self {
    case .emptyName(let tensor):
      "\(tensor) has an empty name; every tensor needs a unique, non-empty name"
    case .duplicateName(let name):
      "the name '\(name)' is defined twice; input and op names must be unique"
    case .invalidShape(let tensor, let shape):
      "tensor '\(tensor)' has shape \(text(shape)); expected a non-empty shape of positive "
        + "dimensions"
    case .formatTooWide(let owner, let field, let format):
      "\(owner): \(field) format \(format) is too wide; the FixedIR holds raws in 64-bit "
        + "integers, so formats are at most 64 bits (63 for ap_ufixed)"
    case .constantKeyMismatch(let key, let name):
      "constant stored under '\(key)' is named '\(name)'; the key and the name must be equal"
    case .constantElementCount(let constant, let shape, let count):
      "constant '\(constant)' holds \(count) raws; its shape \(text(shape)) needs "
        + "\(shape.reduce(1, *))"
    case .constantRawOutOfRange(let constant, let index, let raw, let format):
      "constant '\(constant)' holds raw \(raw) at index \(index), outside \(format) "
        + "(\(format.minRaw)...\(format.maxRaw))"
    case .undefinedInput(let op, let input):
      "op '\(op)': input '\(input)' names no graph input or op"
    case .inputUsedBeforeDefinition(let op, let input):
      "op '\(op)': input '\(input)' is used before its definition; list op '\(input)' first"
    case .wrongInputCount(let op, let kind, let expected, let found):
      "op '\(op)' (\(kind)): has \(found) input\(found == 1 ? "" : "s"); expected \(expected)"
    case .missingConstant(let op, let field, let constant):
      "op '\(op)': field '\(field)' names constant '\(constant)', which the program does not "
        + "hold"
    case .constantShape(let op, let field, let constant, let found, let expected):
      "op '\(op)': field '\(field)' (constant '\(constant)') has shape \(text(found)); "
        + "expected \(expected)"
    case .shapeRule(_, let message):
      message
    case .outputShape(let op, let declared, let expected):
      "op '\(op)': declares output shape \(text(declared)); its operands give "
        + text(expected)
    case .formatMismatch(let op, let field, let found, let expected):
      "op '\(op)': \(field) has format \(found); expected \(expected), since the op moves "
        + "raws without converting them"
    case .emptyTable(let op, let field):
      "op '\(op)': lookup table '\(field)' has no entries; a table needs at least one"
    case .tableEntryOutOfRange(let op, let field, let index, let raw, let format):
      "op '\(op)': lookup table '\(field)' holds raw \(raw) at index \(index), outside its "
        + "format \(format) (\(format.minRaw)...\(format.maxRaw))"
    case .tableIndexRange(let op, let field, let shift, let offset, let width):
      "op '\(op)': lookup table '\(field)' has shift \(shift) and offset \(offset) for "
        + "\(width)-bit input raws; the shifted raw must stay within 62 bits "
        + "(width − shift ≤ 62) and |offset| within 2^31"
    case .axisOutOfRange(let op, let axis, let rank):
      "op '\(op)': axis \(axis) is outside the rank-\(rank) input; expected 0 to \(rank - 1)"
    case .arithmetic(let op, let field, let reason):
      "op '\(op)': \(field): \(reason)"
    case .noOutputs:
      "the program lists no outputs; name at least one input or op"
    case .unknownOutput(let output):
      "output '\(output)' names no graph input or op"
    case .duplicateOutput(let output):
      "output '\(output)' is listed twice"
    }
  }

  private func text(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}
