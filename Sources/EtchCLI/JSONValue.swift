/// A JSON value, rendered deterministically: sorted keys, two-space indentation, numbers
/// that read back exactly.
///
/// `--json` output is for scripts, diffs and CI logs, so the same result must print the same
/// bytes every time. Integers print as integers; a `Double` prints in Swift's shortest form
/// that parses back to the same value, a `Float` (via ``float(_:)``) in the shortest form
/// that parses back to the same `Float`. JSON has no NaN or infinity: they print as `null`.
///
/// ```swift
/// let value: JSONValue = ["model": "braggnn", "frames": 2010, "max_error": .float(0.1)]
/// print(value.rendered())
/// // {
/// //   "frames": 2010,
/// //   "max_error": 0.1,
/// //   "model": "braggnn"
/// // }
/// ```
public enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An integer, printed exactly.
  case int(Int)
  /// A floating-point number, printed in its shortest round-tripping form.
  case double(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object; keys print sorted.
  case object([String: JSONValue])

  /// A `Float` as the number whose shortest decimal form is the `Float`'s (`0.1`, not
  /// `0.10000000149011612`); parsing it and rounding to `Float` gives the value back.
  public static func float(_ value: Float) -> JSONValue {
    .double(Double(value.description) ?? Double(value))
  }

  /// The value as pretty-printed JSON text, without a trailing newline.
  public func rendered() -> String {
    var text = ""
    render(into: &text, indent: "")
    return text
  }

  private func render(into text: inout String, indent: String) {
    switch self {
    case .null: text += "null"
    case .bool(let value): text += value ? "true" : "false"
    case .int(let value): text += String(value)
    case .double(let value): text += value.isFinite ? Self.number(value) : "null"
    case .string(let value): Self.quote(value, into: &text)
    case .array(let items):
      guard !items.isEmpty else {
        text += "[]"
        return
      }
      text += "[\n"
      for (index, item) in items.enumerated() {
        text += indent + "  "
        item.render(into: &text, indent: indent + "  ")
        text += index == items.count - 1 ? "\n" : ",\n"
      }
      text += indent + "]"
    case .object(let members):
      guard !members.isEmpty else {
        text += "{}"
        return
      }
      text += "{\n"
      let keys = members.keys.sorted()
      for (index, key) in keys.enumerated() {
        text += indent + "  "
        Self.quote(key, into: &text)
        text += ": "
        members[key, default: .null].render(into: &text, indent: indent + "  ")
        text += index == keys.count - 1 ? "\n" : ",\n"
      }
      text += indent + "}"
    }
  }

  /// Swift's shortest round-trip form, which is valid JSON for every finite value
  /// (`1.0`, `1e-05`, `1e+20`).
  private static func number(_ value: Double) -> String {
    value.description
  }

  private static func quote(_ string: String, into text: inout String) {
    text += "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "\u{08}": text += "\\b"
      case "\u{0C}": text += "\\f"
      case "\u{00}"..."\u{1F}":
        let hex = String(scalar.value, radix: 16)
        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: text.unicodeScalars.append(scalar)
      }
    }
    text += "\""
  }
}

extension JSONValue: ExpressibleByBooleanLiteral {
  /// `true` or `false`.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
  /// An integer.
  public init(integerLiteral value: Int) { self = .int(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
  /// A double.
  public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
  /// A string.
  public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
  /// An array.
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
  /// An object; a repeated key keeps its last value.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
  }
}

extension JSONValue: ExpressibleByNilLiteral {
  /// `null`.
  public init(nilLiteral: ()) { self = .null }
}
