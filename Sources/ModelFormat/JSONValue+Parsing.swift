/// Why a byte sequence is not JSON, and where (1-based line and column).
struct JSONSyntaxError: Error, Sendable, Equatable {
  /// 1-based line of the offending byte.
  var line: Int
  /// 1-based column (in bytes) of the offending byte.
  var column: Int
  /// What was expected there.
  var reason: String
}

extension JSONValue {
  /// The deepest nesting of arrays and objects accepted; deeper input is refused, not
  /// recursed into, so that no file can exhaust the stack.
  static let maximumDepth = 64

  /// Parses UTF-8 JSON text (RFC 8259); surrounding whitespace is allowed, anything else
  /// after the value is an error, and so is a key repeated within one object.
  static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
    var parser = JSONParser(bytes: bytes)
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    if parser.index < bytes.count { throw parser.error("unexpected text after the JSON value") }
    return value
  }
}

/// A recursive-descent JSON parser over a byte array.
private struct JSONParser {
  let bytes: [UInt8]
  var index = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  func error(_ reason: String) -> JSONSyntaxError {
    var line = 1
    var column = 1
    for byte in bytes[0..<min(index, bytes.count)] {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return JSONSyntaxError(line: line, column: column, reason: reason)
  }

  var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  mutating func skipWhitespace() {
    while let byte = current,
      byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    {
      index += 1
    }
  }

  /// Consumes `literal` (`true`, `false`, `null`); anything else is reported at its start.
  mutating func expect(_ literal: String, value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
    let start = index
    for expected in literal.utf8 {
      guard current == expected else {
        index = start
        throw error("unexpected character, expected a value")
      }
      index += 1
    }
    return value
  }

  mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard let byte = current else { throw error("unexpected end of text, expected a value") }
    switch byte {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try expect("true", value: .bool(true))
    case UInt8(ascii: "f"): return try expect("false", value: .bool(false))
    case UInt8(ascii: "n"): return try expect("null", value: .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected character, expected a value")
    }
  }

  mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth <= JSONValue.maximumDepth else { throw error("nesting deeper than 64 levels") }
    index += 1
    var members: [JSONValue.Member] = []
    var keys: Set<String> = []
    skipWhitespace()
    if current == UInt8(ascii: "}") {
      index += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
      let keyStart = index
      let key = try parseString()
      guard keys.insert(key).inserted else {
        index = keyStart
        throw error("key \"\(key)\" appears twice in one object")
      }
      skipWhitespace()
      guard current == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
      index += 1
      skipWhitespace()
      members.append(.init(key: key, value: try parseValue(depth: depth)))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "}"):
        index += 1
        return .object(members)
      default: throw error("expected ',' or '}' in an object")
      }
    }
  }

  mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
    guard depth <= JSONValue.maximumDepth else { throw error("nesting deeper than 64 levels") }
    index += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if current == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth))
      skipWhitespace()
      switch current {
      case UInt8(ascii: ","): index += 1
      case UInt8(ascii: "]"):
        index += 1
        return .array(items)
      default: throw error("expected ',' or ']' in an array")
      }
    }
  }

  mutating func parseString() throws(JSONSyntaxError) -> String {
    index += 1
    var scalars = String.UnicodeScalarView()
    var runStart = index
    while true {
      guard let byte = current else { throw error("unterminated string") }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
        try appendUTF8(bytes[runStart..<index], to: &scalars)
        if byte == UInt8(ascii: "\"") {
          index += 1
          return String(scalars)
        }
        index += 1
        scalars.append(try parseEscape())
        runStart = index
      } else if byte < 0x20 {
        throw error("control character in a string")
      } else {
        index += 1
      }
    }
  }

  func appendUTF8(
    _ run: ArraySlice<UInt8>, to scalars: inout String.UnicodeScalarView
  ) throws(JSONSyntaxError) {
    guard !run.isEmpty else { return }
    var iterator = run.makeIterator()
    var decoder = UTF8()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): scalars.append(scalar)
      case .emptyInput: return
      case .error: throw error("invalid UTF-8 in a string")
      }
    }
  }

  mutating func parseEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
    guard let byte = current else { throw error("unterminated escape") }
    index += 1
    switch byte {
    case UInt8(ascii: "\""): return "\""
    case UInt8(ascii: "\\"): return "\\"
    case UInt8(ascii: "/"): return "/"
    case UInt8(ascii: "b"): return "\u{08}"
    case UInt8(ascii: "f"): return "\u{0C}"
    case UInt8(ascii: "n"): return "\n"
    case UInt8(ascii: "r"): return "\r"
    case UInt8(ascii: "t"): return "\t"
    case UInt8(ascii: "u"):
      let first = try parseHex4()
      if (0xD800..<0xDC00).contains(first) {
        guard current == UInt8(ascii: "\\") else { throw error("unpaired surrogate") }
        index += 1
        guard current == UInt8(ascii: "u") else { throw error("unpaired surrogate") }
        index += 1
        let second = try parseHex4()
        guard (0xDC00..<0xE000).contains(second) else { throw error("unpaired surrogate") }
        let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        guard let scalar = Unicode.Scalar(value) else { throw error("invalid \\u escape") }
        return scalar
      }
      guard let scalar = Unicode.Scalar(first) else { throw error("unpaired surrogate") }
      return scalar
    default: throw error("invalid escape character")
    }
  }

  mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let byte = current, let digit = hexDigit(byte) else {
        throw error("expected four hex digits after \\u")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  func hexDigit(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  mutating func skipDigits() -> Int {
    let start = index
    while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
      index += 1
    }
    return index - start
  }

  mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
    let start = index
    if current == UInt8(ascii: "-") { index += 1 }
    let leadingZero = current == UInt8(ascii: "0")
    let intDigits = skipDigits()
    guard intDigits > 0 else { throw error("expected digits in a number") }
    guard !(leadingZero && intDigits > 1) else { throw error("leading zero in a number") }
    var isInteger = true
    if current == UInt8(ascii: ".") {
      index += 1
      isInteger = false
      guard skipDigits() > 0 else { throw error("expected digits after '.'") }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      isInteger = false
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard skipDigits() > 0 else { throw error("expected digits in an exponent") }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isInteger, let integer = Int(text) { return .integer(integer) }
    guard let double = Double(text) else { throw error("malformed number") }
    return .number(double)
  }
}
