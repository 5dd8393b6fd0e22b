import FixedPoint
import Foundation
import Testing

/// Every row of `../shared/apfixed/vectors.csv` (g++ with the real headers) through the
/// public API. Rows whose types Etch refuses would be counted and checked for the specific
/// error; today there are none.
@Suite struct ReferenceVectorTests {
  /// One CSV row: `case,src_type,dst_type,input,expected_raw`.
  struct Row: CustomStringConvertible {
    let line: Int
    let kind: String
    let source: String
    let destination: String
    let input: String
    let expected: String
    var description: String {
      "line \(line): \(kind),\(source),\(destination),\(input) expected \(expected)"
    }
  }

  /// Why a row could not be run: a type beyond the supported widths.
  struct Refused: Error {
    let error: FixedPointError
  }

  static func rows() throws -> [Row] {
    let text = try String(contentsOf: SharedFolder.apfixedVectors, encoding: .utf8)
    var rows: [Row] = []
    for (index, line) in text.split(separator: "\n").enumerated() where index > 0 {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 5 else { continue }
      rows.append(
        Row(
          line: index + 1, kind: fields[0], source: fields[1], destination: fields[2],
          input: fields[3], expected: fields[4]))
    }
    return rows
  }

  /// Parses a CSV type (`ap_fixed<W:I:Q:O:N>` uses ':' for ','), telling refusals apart.
  static func format(_ text: String) throws -> FixedFormat {
    do {
      return try FixedFormat(parsing: text.replacingOccurrences(of: ":", with: ","))
    } catch let error as FixedPointError {
      if case .widthOutOfRange(let width, _) = error, width > FixedFormat.maxStorageWidth - 1 {
        throw Refused(error: error)
      }
      throw error
    }
  }

  static func double(_ text: String) throws -> Double {
    switch text {
    case "nan": return .nan
    case "-nan": return -Double.nan
    case "inf": return .infinity
    case "-inf": return -.infinity
    default:
      guard let value = Double(text) else { throw CSVError(text: text) }
      return value
    }
  }

  struct CSVError: Error { let text: String }

  static func integer(_ text: Substring) throws -> Int128 {
    guard let value = Int128(text) else { throw CSVError(text: String(text)) }
    return value
  }

  static func pair(_ text: String) throws -> (FixedFormat, FixedFormat) {
    let parts = text.split(separator: "|").map(String.init)
    return (try format(parts[0]), try format(parts[1]))
  }

  static func raws(_ text: String) throws -> [Int128] {
    try text.split(separator: "|").map(integer)
  }

  /// The observed result of a row, as text comparable with `expected`.
  static func evaluate(_ row: Row) throws -> String {
    switch row.kind {
    case "d2f":
      let target = try format(row.destination)
      let x = try double(row.input)
      let wide = target.quantize(x, as: Int128.self)
      if target.fitsInt64 {
        let narrow = target.quantize(x)
        guard Int128(narrow) == wide else { return "Int64 path \(narrow) != Int128 path \(wide)" }
      }
      return String(wide)
    case "f2f", "int2f", "f2int":
      let source = try format(row.source)
      let target = try format(row.destination)
      let plan = try Requantizer(from: source, to: target)
      let raw = try raws(row.input)[0]
      let wide = plan(raw)
      if source.fitsInt64 && target.fitsInt64 {
        let narrow = plan(Int64(raw))
        guard Int128(narrow) == wide else { return "Int64 path \(narrow) != Int128 path \(wide)" }
      }
      return String(wide)
    case "add", "sub", "mul", "div":
      let (a, b) = try pair(row.source)
      let r = try raws(row.input)
      let lhs = try FixedValue(raw: r[0], format: a)
      let rhs = try FixedValue(raw: r[1], format: b)
      let result: FixedValue
      switch row.kind {
      case "add": result = try lhs + rhs
      case "sub": result = try lhs - rhs
      case "mul": result = try lhs * rhs
      default: result = try lhs / rhs
      }
      let expectedFormat = try format(row.destination)
      guard result.format == expectedFormat else {
        return "result format \(result.format), headers give \(expectedFormat)"
      }
      return String(result.raw)
    case "neg":
      let value = try FixedValue(raw: raws(row.input)[0], format: format(row.source))
      let result = try -value
      let expectedFormat = try format(row.destination)
      guard result.format == expectedFormat else {
        return "result format \(result.format), headers give \(expectedFormat)"
      }
      return String(result.raw)
    case "mac":
      let (a, b) = try pair(row.source)
      let accumulator = try format(row.destination)
      let r = try raws(row.input)
      let mac = try MultiplyAccumulate(accumulator: accumulator, lhs: a, rhs: b)
      let wide = mac.step(r[0], r[1], r[2])
      if mac.storageWidth <= 64 {
        let narrow = mac.step(Int64(r[0]), Int64(r[1]), Int64(r[2]))
        guard Int128(narrow) == wide else { return "Int64 path \(narrow) != Int128 path \(wide)" }
      }
      return String(wide)
    case "shl", "shr":
      let f = try format(row.source)
      let r = try raws(row.input)
      let k = Int(r[1])
      return String(row.kind == "shl" ? f.shiftLeft(r[0], by: k) : f.shiftRight(r[0], by: k))
    case "to_int":
      return String(try format(row.source).toInt(raws(row.input)[0]))
    case "to_double":
      let observed = try format(row.source).toDouble(raws(row.input)[0])
      let expected = try double(row.expected)
      return observed.bitPattern == expected.bitPattern ? row.expected : "\(observed)"
    case "to_float":
      let observed = try Double(format(row.source).toFloat(raws(row.input)[0]))
      let expected = try double(row.expected)
      return observed.bitPattern == expected.bitPattern ? row.expected : "\(observed)"
    case "cmp_lt", "cmp_eq":
      let (a, b) = try pair(row.source)
      let r = try raws(row.input)
      let comparison = try FixedComparison(a, b)
      let result =
        row.kind == "cmp_lt" ? comparison.isLess(r[0], r[1]) : comparison.isEqual(r[0], r[1])
      return result ? "1" : "0"
    default:
      return "unknown case \(row.kind)"
    }
  }

  @Test func everyVectorRowMatchesTheHeaders() throws {
    let rows = try Self.rows()
    var passed = 0
    var refused = 0
    var failures: [String] = []
    var perCase: [String: Int] = [:]
    for row in rows {
      do {
        let observed = try Self.evaluate(row)
        if observed == row.expected {
          passed += 1
          perCase[row.kind, default: 0] += 1
        } else {
          failures.append("\(row) observed \(observed)")
        }
      } catch let refusal as Refused {
        refused += 1
        print("refused (beyond supported widths): \(row): \(refusal.error)")
      } catch {
        failures.append("\(row) threw \(error)")
      }
    }
    let summary = perCase.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
    print(
      "ap_fixed vectors: \(rows.count) rows, \(passed) passed, \(refused) refused as beyond "
        + "the supported widths, \(failures.count) failed [\(summary.joined(separator: ", "))]")
    for failure in failures.prefix(40) { Issue.record("\(failure)") }
    #expect(failures.isEmpty)
    #expect(rows.count >= 913)
    #expect(passed + refused == rows.count)
  }
}
