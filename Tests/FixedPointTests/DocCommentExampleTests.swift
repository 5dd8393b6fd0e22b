import FixedPoint
import Testing

/// The code examples in the public doc comments, run as written.
@Suite struct DocCommentExampleTests {
  @Test func formatAndConversionExamples() throws {
    let f = try FixedFormat(parsing: "ap_fixed<16,6,AP_RND,AP_SAT>")
    #expect(f.fractionBits == 10)
    #expect(f.quantize(-1.3) == -1331 && f.toDouble(-1331) == -1.2998046875)
    #expect(f.description == "ap_fixed<16,6,AP_RND,AP_SAT>")
    let acc = try FixedFormat(width: 24, integerBits: 12, overflow: .saturate)
    #expect(acc.description == "ap_fixed<24,12,AP_TRN,AP_SAT>")
    #expect(try FixedFormat(integerWidth: 12, isSigned: false).description == "ap_uint<12>")
    let q = try FixedFormat(parsing: "ap_fixed<16,6>")
    #expect(q.quantize(-1.3) == -1332 && q.toDouble(-1332) == -1.30078125)
    #expect(q.toFloat(-1332) == -1.30078125)
    #expect(q.quantize(32.0) == -32768)
    let wide = try FixedFormat(parsing: "ap_fixed<80,8>")
    #expect(wide.quantize(0.1, as: Int128.self) == 472_236_648_286_964_547_584)
    #expect(try FixedFormat(parsing: "ap_fixed<8,8,AP_RND>").quantize(-2.5) == -2)
    #expect(try FixedFormat(parsing: "ap_fixed<4,4,AP_TRN,AP_SAT>").quantize(20.0) == 7)
  }

  @Test func requantizerExamples() throws {
    let r = Requantizer(fractionBits: 10, to: try FixedFormat(parsing: "ap_fixed<8,3>"))
    #expect(r(Int64(-1331)) == -42)
    let f = try FixedFormat(parsing: "ap_fixed<6,3,AP_TRN,AP_SAT>")
    #expect(f.requantize(Int64(300), fractionBits: 5) == 31)
    let acc = try FixedFormat(parsing: "ap_fixed<32,12>")
    #expect(
      try FixedFormat(parsing: "ap_fixed<16,6>").requantize(Int64(1 << 20), from: acc) == 1024)
  }

  @Test func bitExamples() throws {
    let f = try FixedFormat(parsing: "ap_fixed<8,3>")
    #expect(f.shiftLeft(Int64(100), by: 1) == -56)
    #expect(f.shiftRight(Int64(-37), by: 1) == -19)
    #expect(f.shiftLeft(Int64(-37), by: 3) == -40)
    #expect(f.shiftRight(Int64(-100), by: 9) == -1)
    #expect(f.shiftLeft(Int64(100), by: -1) == 50)
  }

  @Test func valueExamples() throws {
    let q = try FixedFormat(parsing: "ap_fixed<16,6>")
    let a = FixedValue(1.5, format: q)
    let p = try a * a
    let productFormat = try FixedFormat(parsing: "ap_fixed<32,12>")
    #expect(p.doubleValue == 2.25 && p.format == productFormat)
    #expect(try p.converted(to: q).raw == 2304)
    let small = try FixedFormat(parsing: "ap_fixed<8,3>")
    #expect(FixedValue(bitPattern: 255, format: small).raw == -1)
    let x = try FixedValue(raw: -37, format: small)
    #expect(x.doubleValue == -1.15625 && x.floatValue == -1.15625)
    #expect(x.description == "-1.15625 (raw -37, ap_fixed<8,3>)")
    let sum = try FixedValue(1.5, format: small) + FixedValue(3.5, format: small)
    let sumFormat = try FixedFormat(parsing: "ap_fixed<9,4>")
    #expect(sum.doubleValue == 5.0 && sum.format == sumFormat)
    #expect(try (x - x).raw == 0)
    #expect((x << 1).raw == -74 && (x >> 1).raw == -19)
    let saturating = try FixedFormat(parsing: "ap_fixed<4,2,AP_TRN,AP_SAT>")
    #expect(try FixedValue(2.5, format: q).converted(to: saturating).raw == 7)
    let unsigned = try FixedValue(raw: 10, format: FixedFormat(parsing: "ap_ufixed<8,2>"))
    #expect(try x.isLess(than: unsigned) && !x.isEqual(to: unsigned))
    #expect(try x.isEqual(to: FixedValue(raw: -74, format: FixedFormat(parsing: "ap_fixed<9,3>"))))
  }
}
