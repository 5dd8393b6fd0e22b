import FixedPoint
import Testing

/// The worked-example tables of the doc comments, docs/fixed-point.md and SEMANTICS.md §2–§3,
/// checked cell by cell so that the documentation cannot drift from the code.
@Suite struct DocumentedTableTests {
  static func format(_ text: String) throws -> FixedFormat {
    try FixedFormat(parsing: text)
  }

  @Test func quantizationModeTable() throws {
    let inputs = [2.5, 1.5, 1.3, 0.5, -0.5, -1.3, -1.5, -2.5]
    let table: [(QuantizationMode, [Int64])] = [
      (.truncate, [2, 1, 1, 0, -1, -2, -2, -3]),
      (.truncateTowardZero, [2, 1, 1, 0, 0, -1, -1, -2]),
      (.roundHalfUp, [3, 2, 1, 1, 0, -1, -1, -2]),
      (.roundHalfTowardZero, [2, 1, 1, 0, 0, -1, -1, -2]),
      (.roundHalfDown, [2, 1, 1, 0, -1, -1, -2, -3]),
      (.roundHalfAwayFromZero, [3, 2, 1, 1, -1, -1, -2, -3]),
      (.roundHalfToEven, [2, 2, 1, 0, 0, -1, -2, -2]),
    ]
    for (mode, expected) in table {
      let f = try FixedFormat(width: 8, integerBits: 8, quantization: mode)
      #expect(inputs.map { f.quantize($0) } == expected, "\(mode.hlsName)")
    }
  }

  @Test func overflowModeTable() throws {
    let source = try FixedFormat(integerWidth: 8)
    let inputs: [Int64] = [7, 8, 9, -8, -9, 20, -20]
    let table: [(String, [Int64])] = [
      ("ap_fixed<4,4>", [7, -8, -7, -8, 7, 4, -4]),
      ("ap_fixed<4,4,AP_TRN,AP_WRAP,1>", [7, 0, 1, -8, -1, 4, -4]),
      ("ap_fixed<4,4,AP_TRN,AP_WRAP,2>", [7, 4, 5, -8, -5, 4, -8]),
      ("ap_fixed<4,4,AP_TRN,AP_SAT>", [7, 7, 7, -8, -8, 7, -8]),
      ("ap_fixed<4,4,AP_TRN,AP_SAT_ZERO>", [7, 0, 0, -8, 0, 0, 0]),
      ("ap_fixed<4,4,AP_TRN,AP_SAT_SYM>", [7, 7, 7, -7, -7, 7, -7]),
      ("ap_fixed<4,4,AP_TRN,AP_WRAP_SM>", [7, 7, 6, -8, -8, -5, 3]),
    ]
    for (target, expected) in table {
      let plan = try Requantizer(from: source, to: Self.format(target))
      #expect(inputs.map { plan($0) } == expected, "\(target)")
    }
  }

  /// SEMANTICS.md §2: `ap_fixed<4,2,Q,O> x = d;`.
  @Test func doubleIntoFourBitsEveryMode() throws {
    let inputs = [1.3, -1.3, 2.5, -2.5, 7.9, -7.9, 0.375, -0.375, 0.125, -0.125, 1.875, -1.875]
    let table: [(String, [Int64])] = [
      ("AP_TRN,AP_WRAP", [5, -6, -6, 6, -1, 0, 1, -2, 0, -1, 7, -8]),
      ("AP_TRN_ZERO,AP_WRAP", [5, -5, -6, 6, -1, 1, 1, -1, 0, 0, 7, -7]),
      ("AP_RND,AP_WRAP", [5, -5, -6, 6, 0, 0, 2, -1, 1, 0, -8, -7]),
      ("AP_RND_ZERO,AP_WRAP", [5, -5, -6, 6, 0, 0, 1, -1, 0, 0, 7, -7]),
      ("AP_RND_MIN_INF,AP_WRAP", [5, -5, -6, 6, 0, 0, 1, -2, 0, -1, 7, -8]),
      ("AP_RND_INF,AP_WRAP", [5, -5, -6, 6, 0, 0, 2, -2, 1, -1, -8, -8]),
      ("AP_RND_CONV,AP_WRAP", [5, -5, -6, 6, 0, 0, 2, -2, 0, 0, -8, -8]),
      ("AP_TRN,AP_SAT", [5, -6, 7, -8, 7, -8, 1, -2, 0, -1, 7, -8]),
      ("AP_RND,AP_SAT", [5, -5, 7, -8, 7, -8, 2, -1, 1, 0, 7, -7]),
      ("AP_RND_CONV,AP_SAT", [5, -5, 7, -8, 7, -8, 2, -2, 0, 0, 7, -8]),
      ("AP_TRN,AP_SAT_ZERO", [5, -6, 0, 0, 0, 0, 1, -2, 0, -1, 7, -8]),
      ("AP_TRN,AP_SAT_SYM", [5, -6, 7, -7, 7, -7, 1, -2, 0, -1, 7, -7]),
      ("AP_TRN,AP_WRAP_SM", [5, -6, 5, -7, -1, 0, 1, -2, 0, -1, 7, -8]),
    ]
    for (modes, expected) in table {
      let f = try Self.format("ap_fixed<4,2,\(modes)>")
      #expect(inputs.map { f.quantize($0) } == expected, "ap_fixed<4,2,\(modes)>")
    }
  }

  /// SEMANTICS.md §2: the saturation-bit variants and unsigned targets.
  @Test func saturationBitsAndUnsignedTargets() throws {
    let inputs = [2.5, -2.5, 5, -5, 3, -3, -2.0]
    #expect(
      try inputs.map { try Self.format("ap_fixed<4,2,AP_TRN,AP_WRAP,1>").quantize($0) } == [
        2, -2, 4, -4, 4, -4, -8,
      ])
    #expect(
      try inputs.map { try Self.format("ap_fixed<4,2,AP_TRN,AP_WRAP,2>").quantize($0) } == [
        6, -6, 4, -8, 4, -8, -8,
      ])
    #expect(
      try inputs.map { try Self.format("ap_fixed<4,2,AP_TRN,AP_SAT_SYM>").quantize($0) } == [
        7, -7, 7, -7, 7, -7, -7,
      ])
    let unsignedInputs = [2.5, -2.5, -0.25]
    #expect(
      try unsignedInputs.map { try Self.format("ap_ufixed<4,2>").quantize($0) } == [10, 6, 15])
    #expect(
      try unsignedInputs.map { try Self.format("ap_ufixed<4,2,AP_TRN,AP_SAT>").quantize($0) } == [
        10, 0, 0,
      ])
    #expect(
      try unsignedInputs.map { try Self.format("ap_ufixed<4,2,AP_TRN,AP_WRAP,1>").quantize($0) }
        == [
          10, 14, 15,
        ])
  }

  /// SEMANTICS.md §3: `ap_fixed<10,5>` → `ap_fixed<8,5,Q>` (the Requantizer table too).
  @Test func narrowingFractionBitsEveryMode() throws {
    let source = try Self.format("ap_fixed<10,5>")
    let inputs: [Int64] = [1, 2, 3, 6, 10, 14, -1, -2, -3, -6, -10, -14, 511]
    let table: [(String, [Int64])] = [
      ("AP_TRN", [0, 0, 0, 1, 2, 3, -1, -1, -1, -2, -3, -4, 127]),
      ("AP_TRN_ZERO", [0, 0, 0, 1, 2, 3, 0, 0, 0, -1, -2, -3, 127]),
      ("AP_RND", [0, 1, 1, 2, 3, 4, 0, 0, -1, -1, -2, -3, -128]),
      ("AP_RND_ZERO", [0, 0, 1, 1, 2, 3, 0, 0, -1, -1, -2, -3, -128]),
      ("AP_RND_MIN_INF", [0, 0, 1, 1, 2, 3, 0, -1, -1, -2, -3, -4, -128]),
      ("AP_RND_INF", [0, 1, 1, 2, 3, 4, 0, -1, -1, -2, -3, -4, -128]),
      ("AP_RND_CONV", [0, 0, 1, 2, 2, 4, 0, 0, -1, -2, -2, -4, -128]),
    ]
    for (mode, expected) in table {
      let plan = try Requantizer(from: source, to: Self.format("ap_fixed<8,5,\(mode)>"))
      #expect(inputs.map { plan($0) } == expected, "\(mode)")
    }
    let saturating = try Requantizer(from: source, to: Self.format("ap_fixed<8,5,AP_RND,AP_SAT>"))
    #expect([6, 10, -6, -10, 511].map { saturating(Int64($0)) } == [2, 3, -1, -2, 127])
  }

  /// SEMANTICS.md §3: `ap_fixed<10,5>` → `ap_fixed<6,3,Q,O>`.
  @Test func narrowingIntegerBitsEveryMode() throws {
    let source = try Self.format("ap_fixed<10,5>")
    let inputs: [Int64] = [100, 128, 255, 300, -128, -129, -300, -512]
    let table: [(String, [Int64])] = [
      ("AP_TRN,AP_WRAP", [25, -32, -1, 11, -32, 31, -11, 0]),
      ("AP_TRN,AP_SAT", [25, 31, 31, 31, -32, -32, -32, -32]),
      ("AP_RND_CONV,AP_SAT_SYM", [25, 31, 31, 31, -31, -31, -31, -31]),
      ("AP_TRN,AP_SAT_ZERO", [25, 0, 0, 0, -32, 0, 0, 0]),
      ("AP_TRN,AP_WRAP,2", [25, 16, 31, 27, -32, -17, -27, -32]),
    ]
    for (modes, expected) in table {
      let plan = try Requantizer(from: source, to: Self.format("ap_fixed<6,3,\(modes)>"))
      #expect(inputs.map { plan($0) } == expected, "\(modes)")
    }
  }

  @Test func integerTypesTruncateTowardZeroWithTheHeadersQuirk() throws {
    let int8 = try Self.format("ap_int<8>")
    #expect(int8.quantize(-2.7) == -2)
    #expect(try Self.format("ap_fixed<8,8>").quantize(-2.7) == -3)
    #expect(int8.quantize(300.7) == 44)
    #expect([-0.3, -0.49, -1e-300, -0.5, -0.7].map { int8.quantize($0) } == [1, 1, 1, 0, 0])
    #expect([Double.infinity, -.infinity, .nan].map { int8.quantize($0) } == [0, 0, 0])
    #expect(try Self.format("ap_uint<8>").quantize(-2.7) == 254)
  }

  @Test func specialDoublesFollowTheHeaders() throws {
    let wrap = try Self.format("ap_fixed<16,6>")
    let saturate = try Self.format("ap_fixed<16,6,AP_TRN,AP_SAT>")
    #expect(
      [Double.infinity, -.infinity, .nan, -Double.nan].map { wrap.quantize($0) } == [0, 0, 0, 0])
    #expect(
      [Double.infinity, -.infinity, .nan, -Double.nan].map { saturate.quantize($0) }
        == [32767, -32768, 32767, -32768])
    #expect(wrap.quantize(-1e-9) == -1)
    #expect(try Self.format("ap_fixed<16,6,AP_RND>").quantize(-1e-9) == 0)
    #expect(wrap.quantize(-0.0) == 0)
  }

  /// g++: `ap_int_base::to_double()` converts only the low 64 bits of wide integers.
  @Test func wideIntegerTypesConvertTheirLowSixtyFourBits() throws {
    let uint70 = try Self.format("ap_uint<70>")
    #expect(
      uint70.toDouble((Int128(1) << 69) + 1) == 1.0 && uint70.toFloat((Int128(1) << 69) + 1) == 1.0)
    let int90 = try Self.format("ap_int<90>")
    #expect(int90.toDouble(Int128(-5)) == -5.0)
    #expect(int90.toDouble(Int128(-5) << 70 + 3) == 3.0)
    let uint90 = try Self.format("ap_uint<90>")
    #expect(uint90.toDouble(Int128("484757025090903582490886292") ?? 0) == 0x1.f91e2e7d5624p+63)
    #expect(try Self.format("ap_fixed<90,90>").toDouble(Int128(1) << 69 + 1) == 0x1p69)
  }

  @Test func toIntTruncatesTowardZero() throws {
    let f = try Self.format("ap_fixed<8,4>")
    #expect(try [-120, -116, -4, 124, -128].map { try f.toInt(Int128($0)) } == [-7, -7, 0, 7, -8])
    #expect(try Self.format("ap_fixed<4,8>").toInt64(-7) == -112)
    #expect(try Self.format("ap_fixed<8,0>").toInt(-64) == -1)
    #expect(
      throws: FixedPointError.integerConversionUndefined(source: try Self.format("ap_fixed<8,-2>"))
    ) {
      try Self.format("ap_fixed<8,-2>").toInt(5)
    }
  }

  @Test func multiplyAccumulateQuantizesEveryStep() throws {
    let q16 = try Self.format("ap_fixed<16,6>")
    let wrapping = try MultiplyAccumulate(accumulator: q16, lhs: q16, rhs: q16)
    #expect(try wrapping.product.result == Self.format("ap_fixed<32,12>"))
    #expect(try wrapping.sum.result == Self.format("ap_fixed<33,13>"))
    #expect(wrapping.storageWidth == 33)
    #expect(wrapping.step(Int64(-4323), 32256, 1536) == -21475)
    let saturating = try MultiplyAccumulate(
      accumulator: try Self.format("ap_fixed<16,6,AP_RND,AP_SAT>"), lhs: q16, rhs: q16)
    #expect(saturating.step(Int64(-4323), 32256, 1536) == 32767)
  }

  /// g++: `ap_uint<18> acc = 3; acc += a * b;` adds the product truncated toward zero.
  @Test func integerAccumulatorsAddTheTruncatedProduct() throws {
    let mac = try MultiplyAccumulate(
      accumulator: Self.format("ap_uint<18>"), lhs: Self.format("ap_ufixed<10,-1,AP_RND_ZERO>"),
      rhs: Self.format("ap_fixed<8,4,AP_RND,AP_SAT_SYM>"))
    #expect(mac.step(Int64(3), 253, -128) == 3)
    #expect(mac.step(Int64(4), 918, -122) == 1)
    #expect(mac.step(Int64(262_141), 1023, -76) == 262_139)
    #expect(throws: FixedPointError.self) {
      try MultiplyAccumulate(
        accumulator: Self.format("ap_uint<14>"), lhs: Self.format("ap_fixed<6,-7>"),
        rhs: Self.format("ap_fixed<8,-2>"))
    }
  }

  @Test func mixedSignIntegerDivisionIsRefused() throws {
    let a = try FixedValue(raw: 2, format: Self.format("ap_uint<53>"))
    let b = try FixedValue(raw: -59, format: Self.format("ap_int<11>"))
    #expect(
      throws: FixedPointError.mixedSignIntegerDivision(expression: "ap_uint<53> / ap_int<11>")
    ) {
      try a / b
    }
    let c = try FixedValue(raw: -59, format: Self.format("ap_int<53>"))
    #expect(try (c / b).raw == 1)
  }

  @Test func operationAndComparisonTables() throws {
    let a = try Self.format("ap_fixed<18,8>")
    let b = try Self.format("ap_int<8>")
    let add = try FixedOperation(.add, a, b)
    let subtract = try FixedOperation(.subtract, a, b)
    let multiply = try FixedOperation(.multiply, a, b)
    #expect(try add(Int64(-1000), -128) == -132072 && add.result == Self.format("ap_fixed<19,9>"))
    #expect(subtract(Int64(-1000), -128) == 130072)
    #expect(
      try multiply(Int64(-1000), -128) == 128000
        && multiply.result == Self.format("ap_fixed<26,16>"))
    let exact = try FixedComparison(
      try Self.format("ap_fixed<8,3>"), try Self.format("ap_ufixed<8,2>"))
    #expect(exact.isExact && exact.isLess(-37, 10) && !exact.isEqual(-37, 10))
    let integers = try FixedComparison(
      try Self.format("ap_int<32>"), try Self.format("ap_uint<32>"))
    #expect(!integers.isExact && !integers.isLess(-1, 1) && !integers.isEqual(-1, 1))
    let wide = try FixedComparison(
      try Self.format("ap_fixed<33,1>"), try Self.format("ap_ufixed<31,3>"))
    #expect(!wide.isExact && !wide.isLess(-16, 2_147_483_647) && wide.isEqual(-16, 2_147_483_647))
  }

  @Test func resultFormatTable() throws {
    let f83 = try Self.format("ap_fixed<8,3>")
    let f62 = try Self.format("ap_fixed<6,2>")
    #expect(try FixedFormat.sum(f83, f62) == Self.format("ap_fixed<9,4>"))
    #expect(try FixedFormat.product(f83, f62) == Self.format("ap_fixed<14,5>"))
    #expect(try FixedFormat.quotient(f83, f62) == Self.format("ap_fixed<13,8>"))
    #expect(
      try FixedFormat.sum(f83, try Self.format("ap_ufixed<8,2>")) == Self.format("ap_fixed<10,4>"))
    #expect(
      try FixedFormat.sum(try Self.format("ap_int<8>"), try Self.format("ap_uint<8>"))
        == Self.format("ap_int<10>"))
    #expect(
      try FixedFormat.sum(f83, try Self.format("ap_int<32>")) == Self.format("ap_fixed<38,33>"))
    #expect(
      try FixedFormat.difference(
        try Self.format("ap_ufixed<8,4>"), try Self.format("ap_ufixed<8,4>"))
        == Self.format("ap_fixed<9,5>"))
    #expect(
      try FixedFormat.negation(try Self.format("ap_ufixed<8,3>")) == Self.format("ap_fixed<9,4>"))
    #expect(try FixedFormat.negation(try Self.format("ap_int<1>")) == Self.format("ap_int<3>"))
    #expect(try FixedFormat.negation(try Self.format("ap_uint<1>")) == Self.format("ap_int<2>"))
    let q = try Self.format("ap_fixed<16,6>")
    #expect(try FixedFormat.product(q, q) == Self.format("ap_fixed<32,12>"))
  }

  @Test func valueDivisionFollowsTheCModel() throws {
    let a = try FixedValue(raw: 37, format: try Self.format("ap_fixed<8,3>"))
    let b = try FixedValue(raw: 7, format: try Self.format("ap_fixed<6,2>"))
    #expect(try (a / b).raw == 84)
    let minimum = FixedValue(-4.0, format: try Self.format("ap_fixed<8,3>"))
    let minusLSB = FixedValue(-0.0625, format: try Self.format("ap_fixed<6,2>"))
    #expect(try (minimum / minusLSB).doubleValue == -64.0)
    let zero = FixedValue(0, format: try Self.format("ap_fixed<6,2>"))
    #expect(throws: FixedPointError.divisionByZero(expression: "ap_fixed<8,3> / ap_fixed<6,2>")) {
      try a / zero
    }
  }

  /// `AP_SAT_SYM` saturates to −max, except on a signed 1-bit format, whose −max would be 0:
  /// there the headers give −1 (g++ with the real headers, from double and from
  /// `ap_fixed<8,2>`: −0.5 → −1, −0.0625 → −1, 0.125 → 0 in `ap_fixed<1,-3>`; −0.5 → −1 and
  /// 0.125 → 1 in `ap_fixed<2,-2>`).
  @Test(
    arguments: [
      ("ap_fixed<1,-3,AP_TRN,AP_SAT_SYM>", -0.5, Int64(-1)),
      ("ap_fixed<1,-3,AP_TRN,AP_SAT_SYM>", -0.0625, -1),
      ("ap_fixed<1,-3,AP_TRN,AP_SAT_SYM>", 0.125, 0),
      ("ap_fixed<2,-2,AP_TRN,AP_SAT_SYM>", -0.5, -1),
      ("ap_fixed<2,-2,AP_TRN,AP_SAT_SYM>", 0.125, 1),
    ])
  func symmetricSaturationOfOneBitFormats(format: String, value: Double, raw: Int64) throws {
    let target = try FixedFormat(parsing: format)
    #expect(target.quantize(value) == raw)
    let source = try FixedFormat(parsing: "ap_fixed<8,2>")
    #expect(try target.requantize(source.quantize(value), from: source) == raw)
  }
}
