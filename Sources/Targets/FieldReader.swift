/// Reads typed fields of one JSON object of a target file, throwing located `TargetError`s.
///
/// Nested objects get a reader whose `prefix` makes field names dotted (`resources.dsp`), so
/// every error names the exact field.
struct FieldReader {
  /// The file the object came from, for errors.
  let file: String
  /// The object's members.
  let members: [String: JSONNode]
  /// Prefix of field names in errors: empty at the top, `resources.` inside.
  let prefix: String

  /// A reader of the document `node`, which must be an object.
  init(document node: JSONNode, file: String) throws(TargetError) {
    guard case .object(let members) = node else {
      throw .wrongType(file: file, field: "(document)", expected: "an object", found: node.summary)
    }
    self.init(file: file, members: members, prefix: "")
  }

  private init(file: String, members: [String: JSONNode], prefix: String) {
    self.file = file
    self.members = members
    self.prefix = prefix
  }

  /// Throws for the first member (in sorted order) not in `accepted`.
  func rejectUnknownFields(accepting accepted: [String]) throws(TargetError) {
    if let extra = members.keys.sorted().first(where: { !accepted.contains($0) }) {
      throw .unknownField(file: file, field: prefix + extra, accepted: accepted)
    }
  }

  /// The member `key`, or a `missingField` error.
  func value(_ key: String) throws(TargetError) -> JSONNode {
    guard let value = members[key] else { throw .missingField(file: file, field: prefix + key) }
    return value
  }

  /// A required non-empty string.
  func string(_ key: String) throws(TargetError) -> String {
    let node = try value(key)
    guard case .string(let s) = node, !s.isEmpty else {
      throw wrongType(key, "a non-empty string", node)
    }
    return s
  }

  /// An optional string; absent or `null` gives nil.
  func optionalString(_ key: String) throws(TargetError) -> String? {
    guard let node = members[key], node != .null else { return nil }
    return try string(key)
  }

  /// A required integer ≥ `minimum` (1 by default: a positive integer).
  func integer(_ key: String, minimum: Int = 1) throws(TargetError) -> Int {
    try integer(key, node: value(key), minimum: minimum)
  }

  /// A required number (integer or fraction) > 0.
  func positiveNumber(_ key: String) throws(TargetError) -> Double {
    let node = try value(key)
    let number: Double
    switch node {
    case .integer(let i): number = Double(i)
    case .number(let d): number = d
    default: throw wrongType(key, "a positive number", node)
    }
    guard number > 0, number.isFinite else {
      throw .outOfRange(
        file: file, field: prefix + key, expected: "a positive number", found: node.summary)
    }
    return number
  }

  /// A required array of exactly `count` integers ≥ 1.
  func positiveIntegers(_ key: String, count: Int) throws(TargetError) -> [Int] {
    let node = try value(key)
    let expected = "an array of \(count) positive integers"
    guard case .array(let items) = node, items.count == count else {
      throw wrongType(key, expected, node)
    }
    var result: [Int] = []
    for item in items {
      guard case .integer(let i) = item else { throw wrongType(key, expected, node) }
      guard i >= 1 else {
        throw .outOfRange(file: file, field: prefix + key, expected: expected, found: item.summary)
      }
      result.append(i)
    }
    return result
  }

  /// A required array of strings (possibly empty).
  func strings(_ key: String) throws(TargetError) -> [String] {
    let node = try value(key)
    guard case .array(let items) = node else { throw wrongType(key, "an array of strings", node) }
    var result: [String] = []
    for item in items {
      guard case .string(let s) = item else { throw wrongType(key, "an array of strings", node) }
      result.append(s)
    }
    return result
  }

  /// A required nested object, read with dotted field names.
  func object(_ key: String) throws(TargetError) -> FieldReader {
    let node = try value(key)
    guard case .object(let inner) = node else { throw wrongType(key, "an object", node) }
    return FieldReader(file: file, members: inner, prefix: prefix + key + ".")
  }

  /// Checks `format` and `version` of a document.
  func requireFormat(_ format: String, version: Int) throws(TargetError) {
    let found = try value("format")
    guard found == .string(format) else {
      throw .unsupportedFormat(
        file: file, field: prefix + "format", expected: "\"\(format)\"", found: found.summary)
    }
    let foundVersion = try value("version")
    guard foundVersion == .integer(version) else {
      throw .unsupportedFormat(
        file: file, field: prefix + "version", expected: "\(version)",
        found: foundVersion.summary)
    }
  }

  private func integer(_ key: String, node: JSONNode, minimum: Int) throws(TargetError) -> Int {
    let expected = minimum == 1 ? "a positive integer" : "an integer ≥ \(minimum)"
    guard case .integer(let i) = node else { throw wrongType(key, expected, node) }
    guard i >= minimum else {
      throw .outOfRange(file: file, field: prefix + key, expected: expected, found: node.summary)
    }
    return i
  }

  private func wrongType(_ key: String, _ expected: String, _ node: JSONNode) -> TargetError {
    .wrongType(file: file, field: prefix + key, expected: expected, found: node.summary)
  }
}
