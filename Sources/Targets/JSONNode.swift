import Foundation

/// A parsed JSON value that keeps integers apart from fractions and booleans.
///
/// Target files need exact answers to "is this a positive integer?" (`"dsp": 6840.5` and
/// `"dsp": true` are errors, not guesses). Foundation's decoder is strict about those
/// distinctions, so decoding into this enum keeps them.
enum JSONNode: Sendable, Equatable, Decodable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number without fraction that fits in `Int`.
  case integer(Int)
  /// Any other number.
  case number(Double)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONNode])
  /// An object.
  case object([String: JSONNode])

  /// Decodes the value trying each JSON kind in turn.
  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? c.decode(Int.self) {
      self = .integer(i)
    } else if let d = try? c.decode(Double.self) {
      self = .number(d)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONNode].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONNode].self))
    }
  }

  /// Parses JSON text, or throws `TargetError.invalidJSON` naming `file`.
  static func parse(_ data: Data, file: String) throws(TargetError) -> JSONNode {
    do {
      return try JSONDecoder().decode(JSONNode.self, from: data)
    } catch DecodingError.dataCorrupted {
      throw .invalidJSON(file: file, reason: syntaxError(in: data))
    } catch {
      throw .invalidJSON(file: file, reason: "\(error)")
    }
  }

  /// Where and why `data` is not JSON, as Foundation's parser words it (with line and
  /// column); the decoder's own error says only "not valid JSON".
  private static func syntaxError(in data: Data) -> String {
    do {
      _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
      return "the data is not a JSON document"
    } catch {
      let info = (error as NSError).userInfo
      let reason = (info[NSDebugDescriptionErrorKey] as? String) ?? error.localizedDescription
      guard let range = reason.range(of: "character "),
        let offset = Int(reason[range.upperBound...].prefix(while: \.isNumber))
      else { return reason }
      return "\(position(of: offset, in: data)): \(reason)"
    }
  }

  /// `line L, column C` (1-based) of a byte offset.
  private static func position(of offset: Int, in data: Data) -> String {
    let before = data.prefix(offset)
    let line = before.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
    let column = offset - (before.lastIndex(of: 0x0A).map { $0 - data.startIndex + 1 } ?? 0) + 1
    return "line \(line), column \(column)"
  }

  /// A short description of the value for error messages: `"many"`, `-3`, `an object`.
  var summary: String {
    switch self {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .integer(let i): "\(i)"
    case .number(let d): "\(d)"
    case .string(let s): s.count > 40 ? "a string" : "\"\(s)\""
    case .array(let items): "an array of \(items.count)"
    case .object: "an object"
    }
  }
}
