import FixedIR
import FixedPoint
import ModelFormat
import Testing

/// A sound program with one op of each family the mutations below break.
func soundProgram() throws -> FixedProgram {
  let q = try FixedFormat(parsing: "ap_fixed<16,6>")
  let w = try FixedFormat(parsing: "ap_fixed<8,1>")
  let acc = try FixedFormat(parsing: "ap_fixed<28,10>")
  let table = LookupTable(function: .sigmoid, shift: 4, offset: 512, format: q, entries: [0, 512, 1023])
  return FixedProgram(
    name: "tiny", inputs: [FixedTensor(name: "x", shape: [16], format: q)],
    constants: [
      "fc1.weight": FixedConstant(name: "fc1.weight", shape: [4, 16], format: w, raw: .init(repeating: 3, count: 64)),
      "fc1.bias": FixedConstant(name: "fc1.bias", shape: [4], format: w, raw: [1, -2, 3, -4]),
      "alpha": .scalar(name: "alpha", format: w, raw: 1),
    ],
    ops: [
      FixedOp(
        output: FixedTensor(name: "fc1", shape: [4], format: q), inputs: ["x"],
        kind: .dense(weight: "fc1.weight", bias: "fc1.bias", accumulator: acc, activation: .leakyRelu(alpha: "alpha"))),
      FixedOp(output: FixedTensor(name: "sig", shape: [4], format: q), inputs: ["fc1"], kind: .table(table)),
      FixedOp(output: FixedTensor(name: "grid", shape: [2, 2], format: q), inputs: ["sig"], kind: .reshape),
    ],
    outputs: ["grid"])
}

@Suite("FixedProgramVerifier")
struct FixedProgramVerifierTests {
  @Test("a sound program verifies")
  func sound() throws {
    try FixedProgramVerifier().verify(try soundProgram())
  }

  /// A mutation of the sound program and the error it must give.
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let mutate: @Sendable (inout FixedProgram) throws -> Void
    let expected: @Sendable () throws -> FixedProgramError
    var testDescription: String { name }

    init(
      name: String, mutate: @escaping @Sendable (inout FixedProgram) throws -> Void,
      expected: @escaping @autoclosure @Sendable () throws -> FixedProgramError
    ) {
      self.name = name
      self.mutate = mutate
      self.expected = expected
    }
  }

  static let cases: [Case] = [
    Case(name: "duplicate name", mutate: { $0.ops[1].output.name = "fc1" }, expected: .duplicateName(name: "fc1")),
    Case(name: "empty op name", mutate: { $0.ops[2].output.name = "" }, expected: .emptyName(tensor: "op 2")),
    Case(
      name: "input used before definition", mutate: { $0.ops.swapAt(0, 1) },
      expected: .inputUsedBeforeDefinition(op: "sig", input: "fc1")),
    Case(name: "undefined input", mutate: { $0.ops[1].inputs = ["nope"] }, expected: .undefinedInput(op: "sig", input: "nope")),
    Case(name: "too many inputs", mutate: { $0.ops[1].inputs = ["fc1", "x"] }, expected: .wrongInputCount(op: "sig", kind: "table.sigmoid", expected: "1", found: 2)),
    Case(
      name: "missing constant",
      mutate: { $0.constants["fc1.bias"] = nil },
      expected: .missingConstant(op: "fc1", field: "bias", constant: "fc1.bias")),
    Case(
      name: "scalar with shape [1]",
      mutate: { $0.constants["alpha"]?.shape = [1] },
      expected: .constantShape(op: "fc1", field: "alpha", constant: "alpha", found: [1], expected: "[] (a scalar)")),
    Case(
      name: "constant element count",
      mutate: { $0.constants["fc1.bias"]?.raw = [1] },
      expected: .constantElementCount(constant: "fc1.bias", shape: [4], count: 1)),
    Case(
      name: "constant raw out of range",
      mutate: { $0.constants["fc1.bias"]?.raw[2] = 200 },
      expected: .constantRawOutOfRange(constant: "fc1.bias", index: 2, raw: 200, format: try FixedFormat(parsing: "ap_fixed<8,1>"))),
    Case(
      name: "constant key mismatch",
      mutate: { $0.constants["alpha"]?.name = "beta" },
      expected: .constantKeyMismatch(key: "alpha", name: "beta")),
    Case(
      name: "weight shape",
      mutate: { $0.constants["fc1.weight"] = FixedConstant(name: "fc1.weight", shape: [4, 15], format: try FixedFormat(parsing: "ap_fixed<8,1>"), raw: .init(repeating: 0, count: 60)) },
      expected: .shapeRule(op: "fc1", message: "node 'fc1' (dense): param 'weight' (fc1.weight) has shape [4, 15]; expected [out, 16] (input 'x' has 16 features)")),
    Case(
      name: "declared output shape",
      mutate: { $0.ops[0].output.shape = [5] },
      expected: .outputShape(op: "fc1", declared: [5], expected: [4])),
    Case(
      name: "reshape changes the format",
      mutate: { $0.ops[2].output.format = try FixedFormat(parsing: "ap_fixed<16,7>") },
      expected: .formatMismatch(op: "grid", field: "input 'sig'", found: try FixedFormat(parsing: "ap_fixed<16,6>"), expected: try FixedFormat(parsing: "ap_fixed<16,7>"))),
    Case(
      name: "table format differs from the output",
      mutate: { $0.ops[1].output.format = try FixedFormat(parsing: "ap_fixed<16,5>") },
      expected: .formatMismatch(op: "sig", field: "table", found: try FixedFormat(parsing: "ap_fixed<16,6>"), expected: try FixedFormat(parsing: "ap_fixed<16,5>"))),
    Case(
      name: "table entry out of range",
      mutate: {
        let q = try FixedFormat(parsing: "ap_fixed<16,6>")
        $0.ops[1].kind = .table(LookupTable(function: .tanh, shift: 0, offset: 0, format: q, entries: [0, 40000]))
      },
      expected: .tableEntryOutOfRange(op: "sig", field: "table", index: 1, raw: 40000, format: try FixedFormat(parsing: "ap_fixed<16,6>"))),
    Case(
      name: "empty table",
      mutate: {
        $0.ops[1].kind = .table(LookupTable(function: .tanh, shift: 0, offset: 0, format: try FixedFormat(parsing: "ap_fixed<16,6>"), entries: []))
      },
      expected: .emptyTable(op: "sig", field: "table")),
    Case(
      name: "accumulator wider than 64 bits",
      mutate: {
        $0.ops[0].kind = .dense(weight: "fc1.weight", bias: nil, accumulator: try FixedFormat(parsing: "ap_fixed<80,20>"), activation: .none)
      },
      expected: .formatTooWide(owner: "op 'fc1'", field: "the accumulator", format: try FixedFormat(parsing: "ap_fixed<80,20>"))),
    Case(
      name: "unsigned 64-bit input",
      mutate: { $0.inputs[0].format = try FixedFormat(parsing: "ap_ufixed<64,10>") },
      expected: .formatTooWide(owner: "input 'x'", field: "the", format: try FixedFormat(parsing: "ap_ufixed<64,10>"))),
    Case(
      name: "integer accumulator from an I < 0 bias",
      mutate: {
        $0.constants["fc1.bias"] = FixedConstant(name: "fc1.bias", shape: [4], format: try FixedFormat(parsing: "ap_fixed<8,-1>"), raw: [0, 0, 0, 0])
        $0.ops[0].kind = .dense(weight: "fc1.weight", bias: "fc1.bias", accumulator: try FixedFormat(parsing: "ap_int<32>"), activation: .none)
      },
      expected: .arithmetic(op: "fc1", field: "bias", reason: "converting ap_fixed<8,-1> to an integer is undefined in the ap_fixed headers, which read an uninitialised value when I < 0; convert to a format with I >= 1 first.")),
    Case(name: "no outputs", mutate: { $0.outputs = [] }, expected: .noOutputs),
    Case(name: "unknown output", mutate: { $0.outputs = ["y"] }, expected: .unknownOutput(output: "y")),
    Case(name: "duplicate output", mutate: { $0.outputs = ["x", "x"] }, expected: .duplicateOutput(output: "x")),
    Case(name: "invalid input shape", mutate: { $0.inputs[0].shape = [0] }, expected: .invalidShape(tensor: "x", shape: [0])),
  ]

  @Test("each broken program gives its error", arguments: cases)
  func broken(_ c: Case) throws {
    var program = try soundProgram()
    try c.mutate(&program)
    let expected = try c.expected()
    #expect(throws: expected) { try FixedProgramVerifier().verify(program) }
  }

  @Test("softmax and concat axes are non-negative and within the rank")
  func axes() throws {
    let q = try FixedFormat(parsing: "ap_fixed<16,6>")
    let table = LookupTable(function: .exp, shift: 0, offset: 0, format: q, entries: [1])
    for axis in [-1, 2] {
      let program = FixedProgram(
        name: "p", inputs: [FixedTensor(name: "x", shape: [2, 3], format: q)], constants: [:],
        ops: [
          FixedOp(
            output: FixedTensor(name: "s", shape: [2, 3], format: q), inputs: ["x"],
            kind: .softmax(axis: axis, exp: table, sum: q, reciprocal: table))
        ], outputs: ["s"])
      #expect(throws: FixedProgramError.axisOutOfRange(op: "s", axis: axis, rank: 2)) {
        try FixedProgramVerifier().verify(program)
      }
    }
  }

  @Test("errors render as one sentence naming the op and field")
  func messages() throws {
    let w = try FixedFormat(parsing: "ap_fixed<8,1>")
    #expect(
      FixedProgramError.missingConstant(op: "fc1", field: "weight", constant: "fc1.w").description
        == "op 'fc1': field 'weight' names constant 'fc1.w', which the program does not hold")
    #expect(
      FixedProgramError.constantRawOutOfRange(constant: "b", index: 2, raw: 200, format: w).description
        == "constant 'b' holds raw 200 at index 2, outside ap_fixed<8,1> (-128...127)")
    #expect(
      FixedProgramError.formatTooWide(owner: "op 'fc1'", field: "the accumulator", format: try FixedFormat(parsing: "ap_fixed<80,20>")).description
        == "op 'fc1': the accumulator format ap_fixed<80,20> is too wide; the FixedIR holds raws "
        + "in 64-bit integers, so formats are at most 64 bits (63 for ap_ufixed)")
  }
}
