/// Typed access to the fields of one JSON object of a model file, with located errors.
///
/// Each accessor either returns the field's value in the expected type or throws
/// `missingField`/`wrongType` naming the file, the object (`node 'fc1'`, `inputs[0]`) and
/// the field, so that the loader reads like the format's description.
struct ObjectReader {
  let file: String
  let at: ModelError.Location
  let members: [JSONValue.Member]

  /// Wraps `value`, which must be an object; `field` names it in the error otherwise.
  init(_ value: JSONValue, file: String, at: ModelError.Location, field: String) throws(ModelError)
  {
    guard case .object(let members) = value else {
      throw .wrongType(
        file: file, at: at, field: field, expected: "an object", found: value.summary)
    }
    self.file = file
    self.at = at
    self.members = members
  }

  private init(file: String, at: ModelError.Location, members: [JSONValue.Member]) {
    self.file = file
    self.at = at
    self.members = members
  }

  /// The same object, errors located at `location`.
  func located(_ location: ModelError.Location) -> ObjectReader {
    ObjectReader(file: file, at: location, members: members)
  }

  /// The value of `field`, or nil.
  subscript(field: String) -> JSONValue? {
    members.first { $0.key == field }?.value
  }

  /// Throws `unknownField` for the first member not in `accepted`.
  func rejectUnknown(accepting accepted: [String]) throws(ModelError) {
    if let unknown = members.first(where: { !accepted.contains($0.key) }) {
      throw .unknownField(file: file, at: at, field: unknown.key, accepted: accepted)
    }
  }

  /// The value of a required field.
  func required(_ field: String) throws(ModelError) -> JSONValue {
    guard let value = self[field] else { throw .missingField(file: file, at: at, field: field) }
    return value
  }

  func wrongType(_ field: String, expected: String, found: JSONValue) -> ModelError {
    .wrongType(file: file, at: at, field: field, expected: expected, found: found.summary)
  }

  /// A required non-empty string.
  func string(_ field: String) throws(ModelError) -> String {
    let value = try required(field)
    guard case .string(let text) = value, !text.isEmpty else {
      throw wrongType(field, expected: "a non-empty string", found: value)
    }
    return text
  }

  /// An optional non-empty string.
  func optionalString(_ field: String) throws(ModelError) -> String? {
    guard self[field] != nil else { return nil }
    return try string(field)
  }

  /// A required array of non-empty strings.
  func strings(_ field: String) throws(ModelError) -> [String] {
    let value = try required(field)
    let expected = "an array of names"
    guard case .array(let items) = value else {
      throw wrongType(field, expected: expected, found: value)
    }
    var result: [String] = []
    for item in items {
      guard case .string(let text) = item, !text.isEmpty else {
        throw wrongType(field, expected: expected, found: value)
      }
      result.append(text)
    }
    return result
  }

  /// A required array of objects.
  func objects(_ field: String) throws(ModelError) -> [JSONValue] {
    let value = try required(field)
    guard case .array(let items) = value else {
      throw wrongType(field, expected: "an array of objects", found: value)
    }
    return items
  }

  /// An optional object whose values are all non-empty strings; empty when absent.
  func stringMap(_ field: String) throws(ModelError) -> [String: String] {
    guard let value = self[field] else { return [:] }
    let expected = "an object of names"
    guard case .object(let members) = value else {
      throw wrongType(field, expected: expected, found: value)
    }
    var result: [String: String] = [:]
    for member in members {
      guard case .string(let text) = member.value, !text.isEmpty else {
        throw .wrongType(
          file: file, at: at, field: "\(field).\(member.key)", expected: "a non-empty string",
          found: member.value.summary)
      }
      result[member.key] = text
    }
    return result
  }

  /// A required shape: a non-empty array of positive integers within `ModelLimits`.
  func shape(_ field: String) throws(ModelError) -> [Int] {
    let value = try required(field)
    let expected = "a non-empty array of positive integers"
    guard case .array(let items) = value, !items.isEmpty else {
      throw wrongType(field, expected: expected, found: value)
    }
    var shape: [Int] = []
    for item in items {
      guard case .integer(let dimension) = item, dimension > 0 else {
        throw wrongType(field, expected: expected, found: value)
      }
      shape.append(dimension)
    }
    if let (found, limit) = ModelLimits.violation(shape) {
      throw .dimensionTooLarge(file: file, at: at, field: field, found: found, limit: limit)
    }
    return shape
  }
}
