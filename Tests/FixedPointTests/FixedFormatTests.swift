import FixedPoint
import Foundation
import Testing

/// Formats: HLS spellings in and out, properties, and refusals with their sentences.
@Suite struct FixedFormatTests {
  @Test(arguments: [
    ("ap_fixed<16,6>", "ap_fixed<16,6>"),
    ("ap_fixed<16, 6>", "ap_fixed<16,6>"),
    (" ap_fixed < 16 , 6 , AP_TRN , AP_WRAP , 0 > ", "ap_fixed<16,6>"),
    ("ap_fixed<16,6,AP_TRN,AP_SAT>", "ap_fixed<16,6,AP_TRN,AP_SAT>"),
    ("ap_fixed<16,6,AP_RND>", "ap_fixed<16,6,AP_RND>"),
    ("ap_fixed<16,6,AP_RND,AP_WRAP>", "ap_fixed<16,6,AP_RND>"),
    ("ap_fixed<4,2,AP_TRN,AP_WRAP,2>", "ap_fixed<4,2,AP_TRN,AP_WRAP,2>"),
    ("ap_ufixed<8,0>", "ap_ufixed<8,0>"),
    ("ap_fixed<8,-2>", "ap_fixed<8,-2>"),
    ("ap_fixed<4,8>", "ap_fixed<4,8>"),
    ("ap_int<12>", "ap_int<12>"),
    ("ap_uint<1>", "ap_uint<1>"),
    ("ap_fixed<128,0>", "ap_fixed<128,0>"),
    ("ap_ufixed<127,60,AP_RND_CONV,AP_SAT_SYM>", "ap_ufixed<127,60,AP_RND_CONV,AP_SAT_SYM>"),
  ])
  func printsTheCanonicalSpelling(text: String, canonical: String) throws {
    let format = try FixedFormat(parsing: text)
    #expect(format.description == canonical)
    #expect(try FixedFormat(parsing: canonical) == format)
  }

  @Test func readsTheParametersOfASpelling() throws {
    let f = try FixedFormat(parsing: "ap_fixed<16,6,AP_RND_CONV,AP_SAT_SYM>")
    #expect(f.width == 16 && f.integerBits == 6 && f.fractionBits == 10 && f.isSigned)
    #expect(f.quantization == .roundHalfToEven && f.overflow == .saturateSymmetric)
    #expect(f.saturationBits == 0 && !f.isIntegerType)
    #expect(f.minRaw == -32768 && f.maxRaw == 32767)
    #expect(f.resolution == 0.0009765625 && f.minValue == -32 && f.maxValue == 31.9990234375)
    let u = try FixedFormat(parsing: "ap_uint<12>")
    #expect(u.isIntegerType && !u.isSigned && u.fractionBits == 0 && u.maxRaw == 4095)
    #expect(u.quantization == .truncateTowardZero && u.overflow == .wrap)
    #expect(try FixedFormat(parsing: "ap_fixed<4,8>").fractionBits == -4)
    #expect(try FixedFormat(parsing: "ap_fixed<4,8>").resolution == 16)
    #expect(try FixedFormat(parsing: "ap_fixed<64,2>").fitsInt64)
    #expect(try !FixedFormat(parsing: "ap_ufixed<64,2>").fitsInt64)
    #expect(try FixedFormat(parsing: "ap_ufixed<64,2>").storageWidth == 65)
  }

  @Test func modeNamesRoundTrip() throws {
    for mode in QuantizationMode.allCases {
      #expect(QuantizationMode(hlsName: mode.hlsName) == mode)
    }
    for mode in OverflowMode.allCases { #expect(OverflowMode(hlsName: mode.hlsName) == mode) }
    #expect(QuantizationMode(hlsName: "ap_rnd") == nil)
  }

  @Test(arguments: [
    (
      "ap_fixed<16>",
      "'ap_fixed<16>' has 1 template argument; ap_fixed takes 2 to 5: <W,I[,Q[,O[,N]]]>."
    ),
    ("ap_int<8,2>", "'ap_int<8,2>' has 2 template arguments; ap_int takes exactly 1: <W>."),
    (
      "ap_fixed<16,x>",
      "'ap_fixed<16,x>' has 'x' where the integer bits I should be; expected a decimal integer such as 16 or -2."
    ),
    (
      "ap_fixed<16,6,AP_ROUND>",
      "'ap_fixed<16,6,AP_ROUND>' has quantization mode 'AP_ROUND'; expected one of AP_TRN, AP_TRN_ZERO, AP_RND, AP_RND_ZERO, AP_RND_MIN_INF, AP_RND_INF, AP_RND_CONV."
    ),
    (
      "ap_fixed<16,6,AP_RND,SAT>",
      "'ap_fixed<16,6,AP_RND,SAT>' has overflow mode 'SAT'; expected one of AP_WRAP, AP_SAT, AP_SAT_ZERO, AP_SAT_SYM, AP_WRAP_SM."
    ),
    (
      "float",
      "'float' is not a fixed-point type; expected ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<W,I[,Q[,O[,N]]]>, ap_int<W> or ap_uint<W>."
    ),
    (
      "ac_fixed<8,4>",
      "'ac_fixed<8,4>' is not a fixed-point type; expected ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<W,I[,Q[,O[,N]]]>, ap_int<W> or ap_uint<W>."
    ),
    (
      "ap_fixed<0,0>",
      "width W = 0 is not supported for a signed format; W must be in 1...128, so that every raw value fits the 128-bit integers Etch computes with."
    ),
    (
      "ap_ufixed<128,0>",
      "width W = 128 is not supported for an unsigned format; W must be in 1...127, so that every raw value fits the 128-bit integers Etch computes with."
    ),
    (
      "ap_fixed<8,600>",
      "integer bits I = 600 are not supported; I must be in -512...512, so that every value stays in the normal range of Double."
    ),
    (
      "ap_fixed<8,4,AP_TRN,AP_WRAP,9>",
      "N = 9 saturation bits exceed the width W = 8; N must be in 0...8."
    ),
    (
      "ap_fixed<8,4,AP_TRN,AP_SAT,2>",
      "N = 2 saturation bits only apply to AP_WRAP and AP_WRAP_SM, not AP_SAT; use N = 0 with AP_SAT."
    ),
    (
      "ap_ufixed<8,4,AP_TRN,AP_WRAP_SM>",
      "ap_ufixed<8,4,...,AP_WRAP_SM> is rejected by the ap_fixed headers at run time; use AP_WRAP or a saturating mode for unsigned formats."
    ),
  ])
  func refusesMalformedSpellingsWithASentence(text: String, message: String) {
    do {
      let format = try FixedFormat(parsing: text)
      Issue.record("'\(text)' parsed as \(format)")
    } catch {
      #expect("\(error)" == message)
      #expect(error.localizedDescription == message)
    }
  }

  @Test func codesAsTheHLSSpelling() throws {
    let formats = try ["ap_fixed<16,6,AP_RND,AP_SAT>", "ap_ufixed<8,0>", "ap_int<12>"].map {
      try FixedFormat(parsing: $0)
    }
    let data = try JSONEncoder().encode(formats)
    #expect(
      String(decoding: data, as: UTF8.self)
        == #"["ap_fixed<16,6,AP_RND,AP_SAT>","ap_ufixed<8,0>","ap_int<12>"]"#)
    #expect(try JSONDecoder().decode([FixedFormat].self, from: data) == formats)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([FixedFormat].self, from: Data(#"["ap_fixed<16>"]"#.utf8))
    }
  }

  @Test func randomFormatsRoundTripThroughTheirSpelling() throws {
    var random = SplitMix64(state: 42)
    for _ in 0..<10_000 {
      let format = try random.format(maxStorage: 128)
      #expect(try FixedFormat(parsing: format.description) == format, "\(format)")
    }
  }

  @Test func refusesOperationsBeyond128Bits() throws {
    let signed64 = try FixedFormat(parsing: "ap_fixed<64,0>")
    let unsigned64 = try FixedFormat(parsing: "ap_ufixed<64,0>")
    #expect(try FixedFormat.product(signed64, signed64).width == 128)
    #expect(
      throws: FixedPointError.resultUnsupported(
        expression: "ap_ufixed<64,0> * ap_ufixed<64,0>", width: 128, integerBits: 0,
        isSigned: false)
    ) {
      try FixedFormat.product(unsigned64, unsigned64)
    }
    #expect(try FixedFormat.product(signed64, unsigned64).storageWidth == 128)
    let error = #expect(throws: FixedPointError.self) {
      try MultiplyAccumulate(accumulator: signed64, lhs: signed64, rhs: signed64)
    }
    #expect(
      error?.description
        == "ap_fixed<64,0> + ap_fixed<128,0> has result type ap_fixed<129,1>, beyond what Etch computes exactly (W up to 128 bits including the sign, I in -512...512); narrow an operand first."
    )
    #expect(throws: FixedPointError.self) {
      try FixedComparison(
        FixedFormat(parsing: "ap_fixed<120,-200>"), FixedFormat(parsing: "ap_fixed<8,8>"))
    }
    #expect(
      throws: FixedPointError.integerConversionUndefined(
        source: try FixedFormat(parsing: "ap_fixed<8,-2>"))
    ) {
      try Requantizer(
        from: FixedFormat(parsing: "ap_fixed<8,-2>"), to: FixedFormat(parsing: "ap_int<8>"))
    }
    #expect(
      throws: FixedPointError.rawOutOfRange(
        raw: 128, format: try FixedFormat(parsing: "ap_fixed<8,3>"))
    ) {
      try FixedValue(raw: 128, format: FixedFormat(parsing: "ap_fixed<8,3>"))
    }
  }

  @Test func negatingTheWidestMinimumIsRefusedNotTrapped() throws {
    let widest = try FixedValue(raw: .min, format: FixedFormat(parsing: "ap_fixed<128,0>"))
    #expect(
      throws: FixedPointError.resultUnsupported(
        expression: "-ap_fixed<128,0>", width: 129, integerBits: 1, isSigned: true)
    ) {
      try -widest
    }
  }

  @Test func withChangesOnlyTheModes() throws {
    let out = try FixedFormat(parsing: "ap_fixed<16,6>").with(
      quantization: .roundHalfToEven, overflow: .saturate)
    #expect(out.description == "ap_fixed<16,6,AP_RND_CONV,AP_SAT>")
    let wrapped = try FixedFormat(parsing: "ap_ufixed<8,2>").with(
      quantization: .truncate, overflow: .wrap, saturationBits: 3)
    #expect(wrapped.description == "ap_ufixed<8,2,AP_TRN,AP_WRAP,3>")
  }
}
