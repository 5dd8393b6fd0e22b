/// A parsed JSON value that keeps integers apart from fractional numbers and keeps key order.
///
/// Model files need exact answers to "is this an integer?" (`"stride": 2.5` is an error,
/// not a guess), duplicate keys reported rather than dropped, and a writer whose output does
/// not depend on dictionary order. Foundation's `JSONSerialization` gives `NSNumber`, which
/// blurs `1`, `1.0` and `true`; this small type does not.
///
///     let value = try JSONValue.parse(Array(#"{"stride": [2, 1]}"#.utf8))
///     value["stride"]  // .array([.integer(2), .integer(1)])
enum JSONValue: Sendable, Equatable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number written without fraction or exponent that fits in `Int`.
  case integer(Int)
  /// Any other number (`0.01`, `1e-5`, `2.0`, or an integer too large for `Int`).
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, its members in file order; keys are unique.
  case object([Member])

  /// One key and value of an object.
  struct Member: Sendable, Equatable {
    /// The member's key.
    var key: String
    /// The member's value.
    var value: JSONValue
  }

  /// The member `key` of an object, or nil (also for non-objects).
  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.key == key }?.value
  }

  /// A short description of the value's kind and content, for error messages.
  var summary: String {
    switch self {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .integer(let i): "\(i)"
    case .number(let d): "\(d)"
    case .string(let s): s.count > 40 ? "a string" : "\"\(s)\""
    case .array(let items):
      items.count > 8 || items.contains(where: \.isContainer)
        ? "an array of \(items.count)" : "[" + items.map(\.summary).joined(separator: ", ") + "]"
    case .object: "an object"
    }
  }

  private var isContainer: Bool {
    switch self {
    case .array, .object: true
    default: false
    }
  }
}

// MARK: - Writing

extension JSONValue {
  /// The value as compact JSON text with `", "` and `": "` separators, members in order.
  ///
  /// Numbers print in Swift's shortest round-trip form, so `parse(rendered)` gives back the
  /// same value.
  var rendered: String {
    var out = ""
    render(into: &out)
    return out
  }

  private func render(into out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .integer(let i): out += String(i)
    case .number(let d): out += d.description
    case .string(let s): out += JSONValue.quoted(s)
    case .array(let items):
      out += "["
      for (i, item) in items.enumerated() {
        if i > 0 { out += ", " }
        item.render(into: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (i, member) in members.enumerated() {
        if i > 0 { out += ", " }
        out += JSONValue.quoted(member.key) + ": "
        member.value.render(into: &out)
      }
      out += "}"
    }
  }

  /// `s` as a JSON string literal, escaping quotes, backslashes and control characters.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
