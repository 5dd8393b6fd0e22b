/// The parsed and checked JSON header of a safetensors file.
///
/// Every entry's dtype, shape (against `ModelLimits`) and byte count are checked while
/// parsing; `checkLayout` then checks the offsets against the data section, so that decoding
/// can read every range without further checks.
struct SafeTensorsHeader {
  /// One tensor's entry.
  struct Entry {
    var name: String
    var dtype: SafeTensors.DType
    var shape: [Int]
    var begin: Int
    var end: Int
  }

  /// The tensor entries, in header order.
  var entries: [Entry] = []
  /// The `__metadata__` map.
  var metadata: [String: String] = [:]

  /// Parses header bytes of a file whose data section has `dataSize` bytes; `file` names the
  /// file in errors.
  init(bytes: [UInt8], dataSize: Int, file: String) throws(ModelError) {
    let json: JSONValue
    do {
      json = try JSONValue.parse(bytes)
    } catch {
      throw .invalidHeader(
        file: file,
        reason: "not JSON (line \(error.line), column \(error.column): \(error.reason))")
    }
    guard case .object(let members) = json else {
      throw .invalidHeader(file: file, reason: "expected a JSON object, found \(json.summary)")
    }
    for member in members {
      if member.key == "__metadata__" {
        metadata = try Self.metadata(member.value, file: file)
      } else {
        entries.append(try Self.entry(member.key, member.value, dataSize: dataSize, file: file))
      }
    }
  }

  private static func metadata(_ value: JSONValue, file: String) throws(ModelError) -> [String:
    String]
  {
    guard case .object(let members) = value else {
      throw .invalidHeader(file: file, reason: "__metadata__ must be an object of strings")
    }
    var result: [String: String] = [:]
    for member in members {
      guard case .string(let text) = member.value else {
        throw .invalidHeader(
          file: file,
          reason: "__metadata__ '\(member.key)' must be a string, found \(member.value.summary)")
      }
      result[member.key] = text
    }
    return result
  }

  private static func entry(
    _ name: String, _ value: JSONValue, dataSize: Int, file: String
  ) throws(ModelError) -> Entry {
    let at = ModelError.Location.tensor(name)
    guard case .object(let members) = value else {
      throw .wrongType(
        file: file, at: at, field: name, expected: "an object with dtype, shape, data_offsets",
        found: value.summary)
    }
    let accepted = ["dtype", "shape", "data_offsets"]
    if let unknown = members.first(where: { !accepted.contains($0.key) }) {
      throw .unknownField(file: file, at: at, field: unknown.key, accepted: accepted)
    }
    guard let dtypeValue = value["dtype"] else {
      throw .missingField(file: file, at: at, field: "dtype")
    }
    guard case .string(let dtypeName) = dtypeValue else {
      throw .wrongType(
        file: file, at: at, field: "dtype", expected: "a string", found: dtypeValue.summary)
    }
    guard let dtype = SafeTensors.DType(rawValue: dtypeName) else {
      throw .unsupportedDType(file: file, tensor: name, dtype: dtypeName)
    }
    let shape = try integers(value, "shape", at: at, file: file)
    if let (found, limit) = ModelLimits.violation(shape) {
      throw .dimensionTooLarge(file: file, at: at, field: "shape", found: found, limit: limit)
    }
    guard let count = ModelLimits.checkedCount(shape) else {
      throw .wrongType(
        file: file, at: at, field: "shape", expected: "an array of non-negative integers",
        found: ModelLimits.render(shape))
    }
    let offsets = try integers(value, "data_offsets", at: at, file: file)
    guard offsets.count == 2 else {
      throw .wrongType(
        file: file, at: at, field: "data_offsets", expected: "[begin, end]",
        found: ModelLimits.render(offsets))
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard begin >= 0, begin <= end else {
      throw .offsetsOutOfRange(file: file, tensor: name, begin: begin, end: end, dataSize: dataSize)
    }
    let needed = count * dtype.byteSize
    guard end - begin == needed else {
      throw .byteCountMismatch(
        file: file, tensor: name, dtype: dtypeName, shape: shape, expected: needed,
        found: end - begin)
    }
    return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
  }

  private static func integers(
    _ entry: JSONValue, _ field: String, at: ModelError.Location, file: String
  ) throws(ModelError) -> [Int] {
    guard let value = entry[field] else { throw .missingField(file: file, at: at, field: field) }
    guard case .array(let items) = value else {
      throw .wrongType(
        file: file, at: at, field: field, expected: "an array of integers", found: value.summary)
    }
    var result: [Int] = []
    for item in items {
      guard case .integer(let integer) = item else {
        throw .wrongType(
          file: file, at: at, field: field, expected: "an array of integers", found: value.summary)
      }
      result.append(integer)
    }
    return result
  }

  /// Checks that the entries tile the data section exactly: no range past its end, no
  /// overlap, no hole. A layout that is consistent but longer than the data is a truncated file.
  func checkLayout(dataSize: Int, fileSize: Int, file: String) throws(ModelError) {
    let sorted = entries.sorted { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    var cursor = 0
    var contiguous = true
    for entry in sorted {
      if entry.begin != cursor { contiguous = false }
      cursor = max(cursor, entry.end)
    }
    if cursor > dataSize {
      if contiguous {
        throw .truncated(file: file, size: fileSize, needed: fileSize - dataSize + cursor)
      }
      if let outside = sorted.first(where: { $0.end > dataSize }) {
        throw .offsetsOutOfRange(
          file: file, tensor: outside.name, begin: outside.begin, end: outside.end,
          dataSize: dataSize)
      }
    }
    cursor = 0
    var previous: Entry?
    for entry in sorted {
      if entry.begin < cursor, let previous {
        throw .overlappingTensors(file: file, tensor: entry.name, other: previous.name)
      }
      if entry.begin > cursor {
        throw .unindexedBytes(file: file, begin: cursor, end: entry.begin)
      }
      cursor = entry.end
      previous = entry
    }
    if cursor < dataSize {
      throw .unindexedBytes(file: file, begin: cursor, end: dataSize)
    }
  }
}
