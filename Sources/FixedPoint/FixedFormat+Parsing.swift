extension FixedFormat {
  /// Parses the HLS spelling of a type: `ap_fixed<W,I[,Q[,O[,N]]]>`, `ap_ufixed<...>`,
  /// `ap_int<W>` or `ap_uint<W>`.
  ///
  /// Spaces around arguments are accepted (`ap_fixed<16, 6>`); mode names are the exact
  /// `AP_...` identifiers. Anything else is refused with a sentence naming the part that
  /// is wrong.
  ///
  /// | text                              | result                                   |
  /// |-----------------------------------|------------------------------------------|
  /// | `ap_fixed<16,6>`                  | W 16, I 6, signed, AP_TRN, AP_WRAP       |
  /// | `ap_ufixed<8,0,AP_RND,AP_SAT>`    | W 8, I 0, unsigned, AP_RND, AP_SAT       |
  /// | `ap_fixed<8,-2>`                  | W 8, I −2: F = 10                        |
  /// | `ap_int<12>`                      | W 12, I 12, signed integer type          |
  /// | `ap_fixed<16>`                    | error: wrong argument count              |
  /// | `ap_fixed<16,6,AP_ROUND>`         | error: unknown quantization mode         |
  ///
  /// ```swift
  /// let f = try FixedFormat(parsing: "ap_fixed<16, 6, AP_RND_CONV, AP_SAT>")
  /// print(f)  // ap_fixed<16,6,AP_RND_CONV,AP_SAT>
  /// ```
  ///
  /// - Throws: ``FixedPointError`` describing the malformed or unsupported part.
  public init(parsing text: String) throws {
    let trimmed = text.trimmingWhitespace
    guard let open = trimmed.firstIndex(of: "<"), trimmed.hasSuffix(">") else {
      throw FixedPointError.notAType(text: text)
    }
    let name = String(trimmed[..<open]).trimmingWhitespace
    let body = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
    let arguments = body.split(separator: ",", omittingEmptySubsequences: false)
      .map { String($0).trimmingWhitespace }
    func integer(_ index: Int, _ argument: String) throws -> Int {
      let found = arguments[index]
      let digits = found.hasPrefix("-") ? found.dropFirst() : Substring(found)
      guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
        let value = Int(found)
      else {
        throw FixedPointError.notAnInteger(text: text, argument: argument, found: found)
      }
      return value
    }
    switch name {
    case "ap_int", "ap_uint":
      guard arguments.count == 1 else {
        throw FixedPointError.wrongArgumentCount(
          text: text, typeName: name, count: arguments.count)
      }
      try self.init(integerWidth: integer(0, "the width W"), isSigned: name == "ap_int")
    case "ap_fixed", "ap_ufixed":
      guard (2...5).contains(arguments.count) else {
        throw FixedPointError.wrongArgumentCount(
          text: text, typeName: name, count: arguments.count)
      }
      let width = try integer(0, "the width W")
      let integerBits = try integer(1, "the integer bits I")
      var quantization = QuantizationMode.truncate
      if arguments.count > 2 {
        guard let mode = QuantizationMode(hlsName: arguments[2]) else {
          throw FixedPointError.unknownQuantizationMode(text: text, found: arguments[2])
        }
        quantization = mode
      }
      var overflow = OverflowMode.wrap
      if arguments.count > 3 {
        guard let mode = OverflowMode(hlsName: arguments[3]) else {
          throw FixedPointError.unknownOverflowMode(text: text, found: arguments[3])
        }
        overflow = mode
      }
      let saturationBits = arguments.count > 4 ? try integer(4, "the saturation bits N") : 0
      try self.init(
        width: width, integerBits: integerBits, isSigned: name == "ap_fixed",
        quantization: quantization, overflow: overflow, saturationBits: saturationBits)
    default:
      throw FixedPointError.notAType(text: text)
    }
  }
}

extension FixedFormat: CustomStringConvertible {
  /// The canonical HLS spelling, leaving out trailing default arguments.
  ///
  /// `AP_TRN`, `AP_WRAP` and `N = 0` are omitted from the end, as a person would write them,
  /// so `ap_fixed<16,6>` and `ap_fixed<16,6,AP_TRN,AP_SAT>` print as shown. Parsing the text
  /// gives back an equal format.
  ///
  /// ```swift
  /// print(try FixedFormat(width: 8, integerBits: 0, isSigned: false))  // ap_ufixed<8,0>
  /// ```
  public var description: String {
    if isIntegerType {
      return "\(isSigned ? "ap_int" : "ap_uint")<\(width)>"
    }
    var arguments = [
      String(width), String(integerBits), quantization.hlsName, overflow.hlsName,
      String(saturationBits),
    ]
    if saturationBits == 0 {
      arguments.removeLast()
      if overflow == .wrap {
        arguments.removeLast()
        if quantization == .truncate { arguments.removeLast() }
      }
    }
    return "\(isSigned ? "ap_fixed" : "ap_ufixed")<\(arguments.joined(separator: ","))>"
  }
}

extension FixedFormat: Codable {
  /// Decodes a format from its HLS spelling, as model files store it.
  ///
  /// ```swift
  /// let f = try JSONDecoder().decode([FixedFormat].self, from: Data(#"["ap_int<8>"]"#.utf8))
  /// ```
  ///
  /// - Throws: `DecodingError.dataCorrupted` carrying the parse error's sentence.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(parsing: text)
    } catch let error as FixedPointError {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: error.description)
    }
  }

  /// Encodes the format as its canonical HLS spelling (``description``).
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces, tabs and newlines.
  fileprivate var trimmingWhitespace: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
