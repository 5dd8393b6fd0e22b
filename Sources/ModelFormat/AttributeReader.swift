/// Reads one node's attributes from JSON, applying defaults and range checks.
///
/// Attributes come in several spellings (`"stride": 2` or `[2, 1]`; `"padding": 1`,
/// `[1, 2]` or `[1, 2, 1, 2]`); this reader turns each into one resolved value or an
/// `invalidAttribute` error that names the node, the attribute and what it accepts. Integers
/// must be written as integers (`2.0` and `2.5` are refused); floats accept either.
struct AttributeReader {
  let file: String
  let node: String
  let op: String
  let values: [String: JSONValue]

  /// An error about attribute `name` whose value is `found`.
  func invalid(_ name: String, expected: String, found: String) -> ModelError {
    .invalidAttribute(
      file: file, node: node, op: op, attribute: name, expected: expected, found: found)
  }

  private func invalid(_ name: String, expected: String) -> ModelError {
    invalid(name, expected: expected, found: values[name]?.summary ?? "nothing")
  }

  /// The integer elements of `name` (an integer or an array of integers), each in `range`,
  /// or nil when absent.
  private func integers(
    _ name: String, counts: Set<Int>, range: ClosedRange<Int>, expected: String
  ) throws(ModelError) -> [Int]? {
    guard let value = values[name] else { return nil }
    let items: [JSONValue]
    if case .array(let array) = value { items = array } else { items = [value] }
    guard counts.contains(items.count) else { throw invalid(name, expected: expected) }
    var result: [Int] = []
    for item in items {
      guard case .integer(let integer) = item, range.contains(integer) else {
        throw invalid(name, expected: expected)
      }
      result.append(integer)
    }
    return result
  }

  /// A positive integer (or `[n]`), default `fallback`.
  func positive(_ name: String, default fallback: Int) throws(ModelError) -> Int {
    try integers(
      name, counts: [1], range: 1...ModelLimits.maximumDimension,
      expected: "a positive integer")?[0] ?? fallback
  }

  /// Any integer (an axis), default `fallback`.
  func axis(_ name: String, default fallback: Int) throws(ModelError) -> Int {
    guard let value = values[name] else { return fallback }
    guard case .integer(let axis) = value, abs(axis) <= ModelLimits.maximumRank else {
      throw invalid(name, expected: "an integer axis (negative counts from the end)")
    }
    return axis
  }

  /// A finite float, default `fallback`, at least `minimum`.
  func float(_ name: String, default fallback: Double, minimum: Double) throws(ModelError) -> Double
  {
    guard let value = values[name] else { return fallback }
    let number: Double
    switch value {
    case .integer(let integer): number = Double(integer)
    case .number(let double): number = double
    default: throw invalid(name, expected: "a number")
    }
    guard number.isFinite, number >= minimum else {
      throw invalid(name, expected: "a finite number >= \(minimum)")
    }
    return number
  }

  /// A pair from an integer (both axes) or `[h, w]`; values at least `minimum`.
  func pair(_ name: String, default fallback: Pair?, minimum: Int) throws(ModelError) -> Pair {
    let expected =
      minimum > 0 ? "a positive integer or [h, w]" : "a non-negative integer or [h, w]"
    guard
      let values = try integers(
        name, counts: [1, 2], range: minimum...ModelLimits.maximumDimension, expected: expected)
    else {
      guard let fallback else { throw invalid(name, expected: expected + " (required)") }
      return fallback
    }
    return values.count == 1 ? Pair(values[0], values[0]) : Pair(values[0], values[1])
  }

  /// conv1d padding: an integer (both sides) or `[left, right]`.
  func padding1D(_ name: String) throws(ModelError) -> (left: Int, right: Int) {
    guard
      let values = try integers(
        name, counts: [1, 2], range: 0...ModelLimits.maximumDimension,
        expected: "a non-negative integer or [left, right]")
    else { return (0, 0) }
    return values.count == 1 ? (values[0], values[0]) : (values[0], values[1])
  }

  /// conv2d padding: an integer, `[ph, pw]` or `[top, left, bottom, right]`.
  func padding2D(_ name: String) throws(ModelError) -> Padding2D {
    guard
      let p = try integers(
        name, counts: [1, 2, 4], range: 0...ModelLimits.maximumDimension,
        expected: "a non-negative integer, [ph, pw] or [top, left, bottom, right]")
    else { return .zero }
    switch p.count {
    case 1: return Padding2D(p[0], p[0], p[0], p[0])
    case 2: return Padding2D(p[0], p[1], p[0], p[1])
    default: return Padding2D(p[0], p[1], p[2], p[3])
    }
  }

  /// A required array of integers (reshape's `shape`, transpose's `perm`), each in `range`.
  func list(_ name: String, range: ClosedRange<Int>, expected: String) throws(ModelError) -> [Int] {
    guard let value = values[name] else { throw invalid(name, expected: expected + " (required)") }
    guard case .array(let items) = value, items.count <= ModelLimits.maximumRank else {
      throw invalid(name, expected: expected)
    }
    var result: [Int] = []
    for item in items {
      guard case .integer(let integer) = item, range.contains(integer) else {
        throw invalid(name, expected: expected)
      }
      result.append(integer)
    }
    return result
  }

  /// upsample2d's mode, default nearest.
  func mode(_ name: String) throws(ModelError) -> UpsampleMode {
    guard let value = values[name] else { return .nearest }
    let modes = UpsampleMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
    guard case .string(let text) = value, let mode = UpsampleMode(rawValue: text) else {
      throw invalid(name, expected: modes)
    }
    return mode
  }
}
