import FixedPoint
import ModelFormat

/// Checks that a `FixedProgram`'s parts fit together, and reports the first problem.
///
/// The Simulator, the HLS emitter and the cost model all rely on a verified program: unique
/// names; inputs defined before use; constants that exist with the layouts of
/// docs/fixed-ir.md (scalars have shape `[]`); formats at most 64 bits wide (raws are
/// `Int64`); per-op shapes by the float graph's own rules (`ShapeInference`); equal formats
/// where an op moves raws; table entries within the table's format; every exact intermediate
/// computable by FixedPoint (at most 128 bits); outputs that exist. The compiler's pass
/// manager runs it after lowering and in tests after every pass.
///
///     try FixedProgramVerifier().verify(program)
///     // op 'fc2': field 'weight' (constant 'fc2.weight') has shape [8, 17]; expected [8, 16]
public struct FixedProgramVerifier: Sendable {
  /// Creates a verifier.
  public init() {}

  /// Throws the first problem found; returns when the program is sound.
  public func verify(_ program: FixedProgram) throws(FixedProgramError) {
    var shapes: [String: [Int]] = [:]
    var formats: [String: FixedFormat] = [:]
    let defined = Set(program.inputs.map(\.name) + program.ops.map(\.name))
    for (index, input) in program.inputs.enumerated() {
      try declare(input, at: "input \(index)", shapes: &shapes)
      try checkWidth(input.format, owner: "input '\(input.name)'", field: "the")
      formats[input.name] = input.format
    }
    try checkConstants(program)
    for (index, op) in program.ops.enumerated() {
      for input in op.inputs where shapes[input] == nil {
        throw defined.contains(input)
          ? .inputUsedBeforeDefinition(op: op.name, input: input)
          : .undefinedInput(op: op.name, input: input)
      }
      let check = OpCheck(
        op: op, constants: program.constants, inputShapes: op.inputs.compactMap { shapes[$0] },
        inputFormats: op.inputs.compactMap { formats[$0] })
      try check.run()
      try declare(op.output, at: "op \(index)", shapes: &shapes)
      formats[op.name] = op.output.format
    }
    try checkOutputs(program, shapes: shapes)
  }

  private func declare(
    _ tensor: FixedTensor, at position: String, shapes: inout [String: [Int]]
  ) throws(FixedProgramError) {
    guard !tensor.name.isEmpty else { throw .emptyName(tensor: position) }
    guard shapes[tensor.name] == nil else { throw .duplicateName(name: tensor.name) }
    guard !tensor.shape.isEmpty, !tensor.shape.contains(where: { $0 < 1 }) else {
      throw .invalidShape(tensor: tensor.name, shape: tensor.shape)
    }
    shapes[tensor.name] = tensor.shape
  }

  private func checkConstants(_ program: FixedProgram) throws(FixedProgramError) {
    for key in program.constants.keys.sorted() {
      guard let constant = program.constants[key] else { continue }
      guard constant.name == key else {
        throw .constantKeyMismatch(key: key, name: constant.name)
      }
      try checkWidth(constant.format, owner: "constant '\(key)'", field: "the")
      guard !constant.shape.contains(where: { $0 < 1 }),
        constant.raw.count == constant.shape.reduce(1, *)
      else {
        throw .constantElementCount(
          constant: key, shape: constant.shape, count: constant.raw.count)
      }
      if let index = constant.raw.firstIndex(where: { !constant.format.contains(raw: $0) }) {
        throw .constantRawOutOfRange(
          constant: key, index: index, raw: constant.raw[index], format: constant.format)
      }
    }
  }

  private func checkOutputs(
    _ program: FixedProgram, shapes: [String: [Int]]
  ) throws(FixedProgramError) {
    guard !program.outputs.isEmpty else { throw .noOutputs }
    var seen: Set<String> = []
    for output in program.outputs {
      guard shapes[output] != nil else { throw .unknownOutput(output: output) }
      guard seen.insert(output).inserted else { throw .duplicateOutput(output: output) }
    }
  }
}

/// Refuses formats whose raws do not fit `Int64`.
func checkWidth(
  _ format: FixedFormat, owner: String, field: String
) throws(FixedProgramError) {
  guard format.fitsInt64 else {
    throw .formatTooWide(owner: owner, field: field, format: format)
  }
}
