import FixedPoint
import Testing

/// Conversions against the exact oracle, over random formats (every mode, N, I < 0, I > W,
/// integer types, widths up to 128) and random values.
@Suite struct ConversionSweepTests {
  @Test func doubleConversionMatchesTheExactOracle() throws {
    var sweep = Sweep("double -> fixed")
    for index in 0..<Sweep.cases {
      let format = try sweep.random.format(maxStorage: index % 4 == 0 ? 128 : 64)
      let x = sweep.random.double(near: format)
      let expected = Oracle.quantize(x, into: format)
      let observed = format.quantize(x, as: Int128.self)
      sweep.expect(
        observed == expected, case: index,
        "\(format) = \(x) (\(x.bitPattern)): expected raw \(expected), observed \(observed)")
      if format.fitsInt64 {
        let narrow = format.quantize(x)
        sweep.expect(
          Int128(narrow) == expected, case: index,
          "\(format) = \(x) via Int64: expected raw \(expected), observed \(narrow)")
      }
    }
    sweep.finish()
  }

  @Test func requantizationMatchesTheExactOracle() throws {
    var sweep = Sweep("fixed -> fixed")
    for index in 0..<Sweep.cases {
      let wide = index % 4 == 0
      let source = try sweep.random.format(maxStorage: wide ? 128 : 64)
      let target = try sweep.random.format(maxStorage: wide ? 128 : 64)
      let raw = sweep.random.raw(in: source)
      let expected = Oracle.assign(Wide(raw), from: source, into: target)
      guard let plan = try? Requantizer(from: source, to: target) else {
        sweep.expect(
          expected == nil, case: index, "\(source) -> \(target) refused, oracle gives \(expected!)")
        continue
      }
      guard let expected else {
        sweep.expect(false, case: index, "\(source) -> \(target) planned, but undefined")
        continue
      }
      let observed = plan(raw)
      sweep.expect(
        observed == expected, case: index,
        "\(source) raw \(raw) -> \(target): expected \(expected), observed \(observed)")
      if source.fitsInt64 && target.fitsInt64 {
        let narrow = plan(Int64(raw))
        sweep.expect(
          Int128(narrow) == expected, case: index,
          "\(source) raw \(raw) -> \(target) via Int64: expected \(expected), observed \(narrow)")
      }
      if source.storageWidth <= 32 && target.storageWidth <= 32 {
        let narrow = plan(Int32(raw))
        sweep.expect(
          Int128(narrow) == expected, case: index,
          "\(source) raw \(raw) -> \(target) via Int32: expected \(expected), observed \(narrow)")
      }
    }
    sweep.finish()
  }

  @Test func fractionBitsRequantizationMatchesTheExactOracle() throws {
    var sweep = Sweep("raw with F bits -> fixed")
    for index in 0..<Sweep.cases {
      let target = try sweep.random.format()
      guard !target.isIntegerType else { continue }
      let fraction = Int.random(in: -80...200, using: &sweep.random)
      let raw =
        Int64(truncatingIfNeeded: sweep.random.next())
        >> Int.random(in: 0..<64, using: &sweep.random)
      let expected = Oracle.convert(
        Wide(Int128(raw)), sourceFraction: fraction, sourceWidth: 64, into: target)
      let observed = target.requantize(raw, fractionBits: fraction)
      sweep.expect(
        Int128(observed) == expected, case: index,
        "raw \(raw) with F = \(fraction) -> \(target): expected \(expected), observed \(observed)")
    }
    sweep.finish()
  }

  @Test func toDoubleAndToFloatRoundOnceToNearestEven() throws {
    var sweep = Sweep("to_double, to_float")
    for index in 0..<Sweep.cases {
      let format = try sweep.random.format(maxStorage: index % 4 == 0 ? 128 : 64)
      var raw = sweep.random.raw(in: format)
      let double = format.toDouble(raw)
      if format.isIntegerType && format.width > 64 {
        // The headers convert wide ap_int/ap_uint through their low 64 bits.
        raw = Oracle.value(ofLowBits: 64, of: Wide(raw), isSigned: format.isSigned)
      }
      sweep.expect(
        Oracle.isCorrectlyRounded(double, raw: raw, fractionBits: format.fractionBits),
        case: index, "\(format) raw \(raw): to_double gave \(double)")
      let float = format.toFloat(raw)
      // Values beyond Float's normal range have no defined to_float in the headers: they
      // round to 24 bits with no subnormal step, so a value just below the smallest normal
      // may round up to it. Judge the value itself, not the rounded result.
      if float.isNormal && double.magnitude > Double(Float.leastNormalMagnitude) {
        sweep.expect(
          Oracle.isCorrectlyRounded(float, raw: raw, fractionBits: format.fractionBits),
          case: index, "\(format) raw \(raw): to_float gave \(float)")
      }
    }
    sweep.finish()
  }
}
