import FixedPoint
import Testing

/// Arithmetic against exact 256-bit arithmetic: results are exact in their formats, and
/// writing them into any format (the assignment rule) matches the oracle.
@Suite struct ArithmeticSweepTests {
  /// Whether a result format of this shape is one Etch computes (else it must be refused).
  static func isSupported(width: Int, integerBits: Int, isSigned: Bool) -> Bool {
    width + (isSigned ? 0 : 1) <= 128 && (-512...512).contains(integerBits)
  }

  /// The result type of SEMANTICS.md §4, restated.
  static func shape(
    _ kind: FixedOperation.Kind, _ a: FixedFormat, _ b: FixedFormat
  ) -> (width: Int, integerBits: Int, isSigned: Bool) {
    let widest = max(
      a.integerBits + (b.isSigned && !a.isSigned ? 1 : 0),
      b.integerBits + (a.isSigned && !b.isSigned ? 1 : 0))
    let fraction = max(a.fractionBits, b.fractionBits)
    switch kind {
    case .add: return (widest + 1 + fraction, widest + 1, a.isSigned || b.isSigned)
    case .subtract: return (widest + 1 + fraction, widest + 1, true)
    case .multiply:
      return (a.width + b.width, a.integerBits + b.integerBits, a.isSigned || b.isSigned)
    }
  }

  @Test(arguments: FixedOperation.Kind.allCases)
  func resultsAreExactAndAssignmentMatchesTheOracle(kind: FixedOperation.Kind) throws {
    var sweep = Sweep("a \(kind.rawValue) b, assigned")
    for index in 0..<Sweep.cases {
      let a = try sweep.random.format()
      let b = try sweep.random.format()
      let expectedShape = Self.shape(kind, a, b)
      guard let operation = try? FixedOperation(kind, a, b) else {
        sweep.expect(
          !Self.isSupported(
            width: expectedShape.width, integerBits: expectedShape.integerBits,
            isSigned: expectedShape.isSigned),
          case: index, "\(a) \(kind.rawValue) \(b) refused")
        continue
      }
      let result = operation.result
      sweep.expect(
        (result.width, result.integerBits, result.isSigned) == expectedShape
          && result.isIntegerType == (a.isIntegerType && b.isIntegerType),
        case: index, "\(a) \(kind.rawValue) \(b) has result format \(result)")
      let (x, y) = (sweep.random.raw(in: a), sweep.random.raw(in: b))
      let observed = operation(x, y)
      // Exactness: observed · 2^−Fr equals the rational result, on a common scale.
      let exact: Wide
      let exactFraction: Int
      switch kind {
      case .multiply:
        (exact, exactFraction) = (Wide.product(x, y), a.fractionBits + b.fractionBits)
      case .add, .subtract:
        let scale = max(a.fractionBits, b.fractionBits)
        let lhs = Wide(x).shiftedLeft(scale - a.fractionBits)
        let rhs = Wide(y).shiftedLeft(scale - b.fractionBits)
        (exact, exactFraction) = (kind == .add ? lhs + rhs : lhs - rhs, scale)
      }
      let scale = max(exactFraction, result.fractionBits)
      let isExact =
        Wide(observed).shiftedLeft(scale - result.fractionBits)
        == exact.shiftedLeft(scale - exactFraction)
      sweep.expect(
        isExact && result.contains(raw: observed), case: index,
        "\(a) raw \(x) \(kind.rawValue) \(b) raw \(y): \(observed) in \(result) is not exact")
      if result.fitsInt64 {
        let narrow = operation(Int64(x), Int64(y))
        sweep.expect(
          Int128(narrow) == observed, case: index,
          "\(a) raw \(x) \(kind.rawValue) \(b) raw \(y): Int64 \(narrow), Int128 \(observed)")
      }
      let target = try sweep.random.format()
      guard let write = try? Requantizer(from: result, to: target) else { continue }
      let expected = Oracle.assign(Wide(observed), from: result, into: target)
      let assigned = write(observed)
      sweep.expect(
        assigned == expected, case: index,
        "\(target) y = (\(a) raw \(x) \(kind.rawValue) \(b) raw \(y)): expected \(String(describing: expected)), observed \(assigned)"
      )
    }
    sweep.finish()
  }

  @Test func negationIsExact() throws {
    var sweep = Sweep("-a")
    for index in 0..<Sweep.cases {
      let format = try sweep.random.format(maxStorage: 127)
      let raw = sweep.random.raw(in: format)
      guard let value = try? FixedValue(raw: raw, format: format), let negated = try? -value else {
        sweep.expect(false, case: index, "-(\(format) raw \(raw)) refused")
        continue
      }
      sweep.expect(
        negated.raw == -raw && negated.format.fractionBits == format.fractionBits
          && negated.format.isSigned && negated.format.contains(raw: -raw),
        case: index, "-(\(format) raw \(raw)) gave \(negated)")
    }
    sweep.finish()
  }

  @Test func multiplyAccumulateStepsMatchTheOracle() throws {
    var sweep = Sweep("acc += a * b")
    var planned = 0
    for index in 0..<Sweep.cases {
      let accumulator = try sweep.random.format(maxStorage: index % 2 == 0 ? 32 : 64)
      let a = try sweep.random.format(maxStorage: 32)
      let b = try sweep.random.format(maxStorage: 32)
      guard let mac = try? MultiplyAccumulate(accumulator: accumulator, lhs: a, rhs: b) else {
        continue
      }
      planned += 1
      let (acc, x, y) = (
        sweep.random.raw(in: accumulator), sweep.random.raw(in: a), sweep.random.raw(in: b)
      )
      let productFraction = a.fractionBits + b.fractionBits
      let expected: Int128?
      if accumulator.isIntegerType && !(a.isIntegerType && b.isIntegerType) {
        // `ap_int += ap_fixed` adds the operand truncated toward zero (to_ap_int_base),
        // then keeps the accumulator's low bits.
        let productFormat = try FixedFormat(
          width: a.width + b.width, integerBits: a.integerBits + b.integerBits,
          isSigned: a.isSigned || b.isSigned)
        let addendFormat = try FixedFormat(
          integerWidth: accumulator.width, isSigned: accumulator.isSigned)
        let addend = Oracle.assign(Wide.product(x, y), from: productFormat, into: addendFormat)
        expected = addend.map {
          Oracle.value(
            ofLowBits: accumulator.width, of: Wide(acc) + Wide($0),
            isSigned: accumulator.isSigned)
        }
      } else {
        let scale = max(accumulator.fractionBits, productFraction)
        let sum =
          Wide(acc).shiftedLeft(scale - accumulator.fractionBits)
          + Wide.product(x, y).shiftedLeft(scale - productFraction)
        let sumFormat = mac.sum.result
        sweep.expect(
          sumFormat.fractionBits == scale, case: index,
          "sum format \(sumFormat) has F != \(scale)")
        expected = Oracle.assign(sum, from: sumFormat, into: accumulator)
      }
      let observed = mac.step(acc, x, y)
      sweep.expect(
        observed == expected, case: index,
        "\(accumulator) acc \(acc) += \(a) raw \(x) * \(b) raw \(y): expected \(String(describing: expected)), observed \(observed)"
      )
      if mac.storageWidth <= 64 {
        let narrow = mac.step(Int64(acc), Int64(x), Int64(y))
        sweep.expect(
          Int128(narrow) == observed, case: index,
          "\(accumulator) acc \(acc) += \(a) raw \(x) * \(b) raw \(y): Int64 \(narrow), Int128 \(observed)"
        )
      }
    }
    #expect(planned > Sweep.cases / 2)
    sweep.finish()
  }

  /// The value modulo `2^bits`, as a non-negative number.
  static func modulo(_ v: Wide, _ bits: Int) -> Wide {
    v - v.floorShiftedRight(bits).shiftedLeft(bits)
  }

  @Test func comparisonsMatchTheHeadersRules() throws {
    var sweep = Sweep("a < b, a == b")
    for index in 0..<Sweep.cases {
      let a = try sweep.random.format()
      let b = try sweep.random.format()
      let (x, y) = (sweep.random.raw(in: a), sweep.random.raw(in: b))
      let (fa, fb) = (a.fractionBits, b.fractionBits)
      let scale = max(fa, fb)
      let lhs = Wide(x).shiftedLeft(scale - fa)
      let rhs = Wide(y).shiftedLeft(scale - fb)
      // SEMANTICS.md §6.5, restated.
      let (wa, wb) =
        fa == fb
        ? (a.width, b.width)
        : fa > fb ? (a.width, b.width + fa - fb) : (a.width + fb - fa + 1, b.width)
      let mixed = a.isSigned != b.isSigned
      let unsignedWidth = a.isSigned ? wb : wa
      let signedWidth = a.isSigned ? wa : wb
      let cRules = mixed && (wa >= 32 || wb >= 32) && unsignedWidth >= signedWidth
      let orderBits = max(wa, wb) + 1
      let equalityBits = max(wa, wb, 32)
      let needed = max(
        mixed ? orderBits : orderBits - 1, equalityBits, a.storageWidth + scale - fa,
        b.storageWidth + scale - fb)
      guard let comparison = try? FixedComparison(a, b) else {
        sweep.expect(needed > 128, case: index, "comparing \(a) with \(b) refused")
        continue
      }
      let (ordered, orderedOther) =
        cRules ? (Self.modulo(lhs, orderBits), Self.modulo(rhs, orderBits)) : (lhs, rhs)
      let equal = Self.modulo(lhs, equalityBits) == Self.modulo(rhs, equalityBits)
      let context = "\(a) raw \(x) vs \(b) raw \(y)"
      sweep.expect(
        comparison.isLess(x, y) == (ordered < orderedOther), case: index, "\(context): <")
      sweep.expect(
        comparison.isGreater(x, y) == (ordered > orderedOther), case: index, "\(context): >")
      sweep.expect(
        comparison.isLessOrEqual(x, y) == (ordered <= orderedOther), case: index,
        "\(context): <=")
      sweep.expect(
        comparison.isGreaterOrEqual(x, y) == (ordered >= orderedOther), case: index,
        "\(context): >=")
      sweep.expect(comparison.isEqual(x, y) == equal, case: index, "\(context): ==")
      sweep.expect(comparison.isNotEqual(x, y) == !equal, case: index, "\(context): !=")
      if comparison.isExact {
        sweep.expect(
          comparison.isLess(x, y) == (lhs < rhs) && comparison.isEqual(x, y) == (lhs == rhs),
          case: index, "\(context): claimed exact but is not")
      }
    }
    sweep.finish()
  }

  @Test func shiftsKeepTheFormat() throws {
    var sweep = Sweep("a << k, a >> k")
    for index in 0..<Sweep.cases {
      let format = try sweep.random.format(maxStorage: 128)
      let raw = sweep.random.raw(in: format)
      let k = Int.random(in: -(format.width + 2)...(format.width + 2), using: &sweep.random)
      let value = Wide(raw)
      let moved = k >= 0 ? value.shiftedLeft(min(k, 200)) : value.floorShiftedRight(-k)
      let movedBack = k >= 0 ? value.floorShiftedRight(k) : value.shiftedLeft(min(-k, 200))
      let left = Oracle.value(ofLowBits: format.width, of: moved, isSigned: format.isSigned)
      let right = Oracle.value(ofLowBits: format.width, of: movedBack, isSigned: format.isSigned)
      sweep.expect(
        format.shiftLeft(raw, by: k) == left, case: index, "\(format) raw \(raw) << \(k)")
      sweep.expect(
        format.shiftRight(raw, by: k) == right, case: index, "\(format) raw \(raw) >> \(k)")
    }
    sweep.finish()
  }
}
