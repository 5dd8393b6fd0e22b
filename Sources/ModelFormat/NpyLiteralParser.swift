/// Parses the Python dict literal of a `.npy` header.
///
/// NumPy reads the header with `ast.literal_eval`; Etch parses the same literal forms
/// directly (strings, integers, `True`/`False`/`None`, tuples, lists, dicts, trailing commas,
/// any whitespace) and reports the first thing that is not one of them by its position.
/// Nesting is limited so that a hostile header cannot exhaust the stack.
///
/// ```swift
/// var parser = NpyLiteralParser(text: Array("{'shape': (3,), }".utf8), path: "x.npy")
/// try parser.parseDocument()  // .dict([NpyDictEntry(key: .string("shape"), ...)])
/// ```
struct NpyLiteralParser {
  /// The deepest nesting of brackets accepted; real headers nest at most three deep.
  static let maximumDepth = 32

  private let text: [UInt8]
  private let path: String
  private var position = 0

  /// Creates a parser over the header's bytes; `path` names the file in errors.
  init(text: [UInt8], path: String) {
    self.text = text
    self.path = path
  }

  /// Parses one literal followed only by whitespace (NumPy pads the header with spaces).
  mutating func parseDocument() throws(NpyError) -> NpyLiteral {
    let value = try parseValue(depth: 0)
    skipWhitespace()
    if position < text.count {
      throw failure("unexpected \(describeCurrent()) after the closing brace")
    }
    return value
  }

  private mutating func parseValue(depth: Int) throws(NpyError) -> NpyLiteral {
    guard depth < Self.maximumDepth else {
      throw failure("brackets nest deeper than \(Self.maximumDepth) levels")
    }
    skipWhitespace()
    guard position < text.count else { throw failure("the text ends where a value should be") }
    switch text[position] {
    case UInt8(ascii: "{"):
      return .dict(try parseDict(depth: depth))
    case UInt8(ascii: "("):
      return .tuple(try parseSequence(closing: UInt8(ascii: ")"), depth: depth))
    case UInt8(ascii: "["):
      return .list(try parseSequence(closing: UInt8(ascii: "]"), depth: depth))
    case UInt8(ascii: "'"), UInt8(ascii: "\""):
      return .string(try parseString())
    case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      return try parseNumber()
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "_"):
      return try parseName()
    default:
      throw failure("unexpected \(describeCurrent()) where a value should be")
    }
  }

  private mutating func parseDict(depth: Int) throws(NpyError) -> [NpyDictEntry] {
    position += 1  // {
    var entries: [NpyDictEntry] = []
    while true {
      skipWhitespace()
      if consume(UInt8(ascii: "}")) { return entries }
      let key = try parseValue(depth: depth + 1)
      skipWhitespace()
      guard consume(UInt8(ascii: ":")) else {
        throw failure("expected ':' after the key \(key.pythonText), found \(describeCurrent())")
      }
      let value = try parseValue(depth: depth + 1)
      entries.append(NpyDictEntry(key: key, value: value))
      skipWhitespace()
      if consume(UInt8(ascii: "}")) { return entries }
      guard consume(UInt8(ascii: ",")) else {
        throw failure(
          "expected ',' or '}' after the value of \(key.pythonText), "
            + "found \(describeCurrent())")
      }
    }
  }

  private mutating func parseSequence(closing: UInt8, depth: Int) throws(NpyError)
    -> [NpyLiteral]
  {
    position += 1  // ( or [
    var items: [NpyLiteral] = []
    while true {
      skipWhitespace()
      if consume(closing) { return items }
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      if consume(closing) { return items }
      guard consume(UInt8(ascii: ",")) else {
        throw failure(
          "expected ',' or '\(Character(Unicode.Scalar(closing)))' in a sequence, "
            + "found \(describeCurrent())")
      }
    }
  }

  private mutating func parseString() throws(NpyError) -> String {
    let quote = text[position]
    let start = position
    position += 1
    var bytes: [UInt8] = []
    while position < text.count {
      let byte = text[position]
      position += 1
      if byte == quote { return String(decoding: bytes, as: UTF8.self) }
      if byte == UInt8(ascii: "\n") { break }
      guard byte == UInt8(ascii: "\\") else {
        bytes.append(byte)
        continue
      }
      guard position < text.count else { break }
      let escaped = text[position]
      guard [UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\"")].contains(escaped)
      else {
        throw failure(
          "unsupported escape '\\\(Character(Unicode.Scalar(escaped)))' in a string",
          at: position - 1)
      }
      bytes.append(escaped)
      position += 1
    }
    throw failure("the string that starts here is not closed", at: start)
  }

  private mutating func parseNumber() throws(NpyError) -> NpyLiteral {
    let start = position
    if text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") {
      position += 1
    }
    guard skipDigits() > 0 else { throw failure("expected digits after the sign") }
    var isFloat = false
    if consume(UInt8(ascii: ".")) {
      isFloat = true
      skipDigits()
    }
    if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
      isFloat = true
      _ = consume(UInt8(ascii: "-")) || consume(UInt8(ascii: "+"))
      guard skipDigits() > 0 else { throw failure("expected digits in the exponent") }
    }
    let literal = String(decoding: text[start..<position], as: UTF8.self)
    if isFloat { return .float(literal) }
    // Python 2 wrote long integers with an 'L' suffix; NumPy still accepts such headers.
    _ = consume(UInt8(ascii: "L"))
    return .integer(literal.hasPrefix("+") ? String(literal.dropFirst()) : literal)
  }

  /// Moves past a run of decimal digits and returns how many there were.
  @discardableResult
  private mutating func skipDigits() -> Int {
    let start = position
    while position < text.count, isDigit(text[position]) { position += 1 }
    return position - start
  }

  private mutating func parseName() throws(NpyError) -> NpyLiteral {
    let start = position
    while position < text.count, isNameCharacter(text[position]) { position += 1 }
    let name = String(decoding: text[start..<position], as: UTF8.self)
    switch name {
    case "True": return .boolean(true)
    case "False": return .boolean(false)
    case "None": return .none
    default:
      throw failure(
        "unexpected name '\(name)'; only True, False and None are literals",
        at: start)
    }
  }

  private mutating func skipWhitespace() {
    while position < text.count,
      [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        .contains(text[position])
    {
      position += 1
    }
  }

  private mutating func consume(_ byte: UInt8) -> Bool {
    guard position < text.count, text[position] == byte else { return false }
    position += 1
    return true
  }

  private func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  private func isNameCharacter(_ byte: UInt8) -> Bool {
    isDigit(byte) || byte == UInt8(ascii: "_")
      || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
  }

  private func describeCurrent() -> String {
    guard position < text.count else { return "the end of the header" }
    let byte = text[position]
    guard byte >= 0x20, byte < 0x7F else { return "byte 0x" + String(byte, radix: 16) }
    return "'\(Character(Unicode.Scalar(byte)))'"
  }

  private func failure(_ reason: String, at offset: Int? = nil) -> NpyError {
    .malformedHeader(path: path, reason: "\(reason) at character \((offset ?? position) + 1)")
  }
}
