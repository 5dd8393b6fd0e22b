/// The header of a NumPy `.npy` file: element type, shape and where the data starts.
///
/// A `.npy` file is the magic string `\x93NUMPY`, a two-byte version, the header length
/// (2 bytes in version 1.0, 4 in 2.0 and 3.0), and the `repr` of a Python dict such as
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (8, 16), }` padded with spaces so the
/// data starts on a 64-byte boundary. Parsing checks every field and refuses what Etch cannot
/// read (big-endian, Fortran order, other element types) before any data is touched.
/// `encoded()` writes exactly the bytes `numpy.save` writes, so files round-trip unchanged.
///
/// ```swift
/// let header = NpyHeader(dtype: .float32, shape: [8, 16])
/// header.encoded().count  // 128
/// ```
public struct NpyHeader: Sendable, Equatable {
  /// The longest header text accepted, the same limit `numpy.load` applies by default.
  public static let maximumHeaderLength = 10_000

  /// The six bytes every `.npy` file starts with.
  static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

  /// NumPy pads each header so that the data begins at a multiple of this many bytes.
  private static let alignment = 64

  /// NumPy leaves room for the leading dimension to grow to this many digits in place.
  private static let growthDigits = 21

  /// The element type.
  public var dtype: NpyDType
  /// The array's dimensions, outermost first (C order); empty for a 0-d array.
  public var shape: [Int]
  /// The format version, `(1, 0)`, `(2, 0)` or `(3, 0)`.
  public var version: (major: UInt8, minor: UInt8)
  /// The offset of the first data byte from the start of the file.
  public var dataOffset: Int

  /// The most dimensions a written array may have, NumPy 2's limit; its header then always
  /// fits the 64 KiB of a version 1.0 header.
  public static let maximumRank = 64

  /// Creates the header `numpy.save` would write (version 1.0) for this type and shape.
  ///
  /// The shape must have at most ``maximumRank`` dimensions; ``NpyWriter`` checks this.
  public init(dtype: NpyDType, shape: [Int]) {
    self.dtype = dtype
    self.shape = shape
    self.version = (1, 0)
    self.dataOffset =
      10
      + Self.paddedLength(
        text: Self.dictText(dtype: dtype, shape: shape), lengthFieldSize: 2)
  }

  /// Two headers are equal when all their fields are.
  public static func == (lhs: NpyHeader, rhs: NpyHeader) -> Bool {
    lhs.dtype == rhs.dtype && lhs.shape == rhs.shape && lhs.version == rhs.version
      && lhs.dataOffset == rhs.dataOffset
  }

  /// The number of data bytes an array of this shape and type holds, or `nil` if the shape
  /// cannot be addressed.
  ///
  /// Empty dimensions count as 1 in the overflow check, so that when this succeeds the
  /// element count of every part of the shape (one item, one row) fits in `Int` too:
  /// `(0, 10**10, 10**10)` holds no bytes but is refused all the same.
  public static func byteCount(of shape: [Int], dtype: NpyDType) -> Int? {
    var bound = dtype.byteWidth
    var count = dtype.byteWidth
    for dimension in shape {
      let (product, overflow) = bound.multipliedReportingOverflow(by: max(dimension, 1))
      if overflow || dimension < 0 { return nil }
      bound = product
      count *= dimension
    }
    return count
  }

  /// The number of elements in an array of this shape: the product of its dimensions.
  ///
  /// Only call this on shapes `byteCount(of:dtype:)` accepts; it does not check overflow.
  static func elementCount(of shape: [Int]) -> Int {
    shape.reduce(1, *)
  }

  /// A shape or other sequence as Python writes a tuple: `(8, 16)`, `(5,)`, `()`.
  public static func pythonTuple(_ items: [some CustomStringConvertible]) -> String {
    items.count == 1
      ? "(\(items[0]),)"
      : "(" + items.map(\.description).joined(separator: ", ")
        + ")"
  }

  /// Parses and checks the header at the start of `bytes`, which hold a file's first bytes.
  ///
  /// Only the header is read; `bytes` may end anywhere after it. `path` names the file in
  /// errors. Throws an ``NpyError`` naming the field at fault for anything Etch cannot read.
  public static func parse(_ bytes: UnsafeRawBufferPointer, path: String) throws(NpyError)
    -> NpyHeader
  {
    guard bytes.count >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else {
      throw .badMagic(path: path, found: Array(bytes.prefix(magic.count)))
    }
    guard bytes.count >= 8 else {
      throw .truncatedHeader(path: path, expectedBytes: 10, actualBytes: bytes.count)
    }
    let (major, minor) = (bytes[6], bytes[7])
    let lengthFieldSize: Int
    switch (major, minor) {
    case (1, 0): lengthFieldSize = 2
    case (2, 0), (3, 0): lengthFieldSize = 4
    default: throw .unsupportedVersion(path: path, major: major, minor: minor)
    }
    let textStart = 8 + lengthFieldSize
    guard bytes.count >= textStart else {
      throw .truncatedHeader(path: path, expectedBytes: textStart, actualBytes: bytes.count)
    }
    var textLength = 0
    for index in (8..<textStart).reversed() { textLength = textLength << 8 | Int(bytes[index]) }
    guard textLength <= maximumHeaderLength else {
      throw .headerTooLong(path: path, length: textLength, limit: maximumHeaderLength)
    }
    guard bytes.count >= textStart + textLength else {
      throw .truncatedHeader(
        path: path, expectedBytes: textStart + textLength, actualBytes: bytes.count)
    }
    var parser = NpyLiteralParser(
      text: Array(bytes[textStart..<textStart + textLength]), path: path)
    let fields = try Self.fields(of: parser.parseDocument(), path: path)
    let dtype = try Self.dtype(from: fields.descr, path: path)
    let shape = try Self.shape(from: fields.shape, path: path)
    guard case .boolean(let fortranOrder) = fields.fortranOrder else {
      throw .invalidField(
        path: path, field: "fortran_order", found: fields.fortranOrder.pythonText,
        expected: "True or False")
    }
    // Fortran and C order agree when at most one dimension exceeds 1.
    if fortranOrder, shape.filter({ $0 > 1 }).count > 1 {
      throw .fortranOrder(path: path, shape: shape)
    }
    guard byteCount(of: shape, dtype: dtype) != nil else {
      throw .shapeTooLarge(path: path, shape: shape, dtype: dtype)
    }
    var header = NpyHeader(dtype: dtype, shape: shape)
    header.version = (major, minor)
    header.dataOffset = textStart + textLength
    return header
  }

  /// The complete header as `numpy.save` writes it: magic, version, length, padded dict.
  public func encoded() -> [UInt8] {
    let text = Self.dictText(dtype: dtype, shape: shape)
    let lengthFieldSize = version.major == 1 ? 2 : 4
    let padded = Self.paddedLength(text: text, lengthFieldSize: lengthFieldSize)
    var bytes = Self.magic + [version.major, version.minor]
    for index in 0..<lengthFieldSize {
      bytes.append(UInt8(truncatingIfNeeded: padded >> (8 * index)))
    }
    bytes += Array(text.utf8)
    bytes += Array(repeating: UInt8(ascii: " "), count: padded - text.utf8.count - 1)
    bytes.append(UInt8(ascii: "\n"))
    return bytes
  }

  /// The dict text before padding, including NumPy's room for the first dimension to grow.
  private static func dictText(dtype: NpyDType, shape: [Int]) -> String {
    let dict =
      "{'descr': '\(dtype.descr)', 'fortran_order': False, "
      + "'shape': \(pythonTuple(shape)), }"
    let growth = shape.first.map { growthDigits - String($0).count } ?? 0
    return dict + String(repeating: " ", count: max(growth, 0))
  }

  /// The header text's length after padding with spaces and a newline to the alignment.
  private static func paddedLength(text: String, lengthFieldSize: Int) -> Int {
    let unpadded = text.utf8.count + 1
    let padding = alignment - (8 + lengthFieldSize + unpadded) % alignment
    return unpadded + padding
  }

  private static func fields(of literal: NpyLiteral, path: String) throws(NpyError)
    -> (descr: NpyLiteral, fortranOrder: NpyLiteral, shape: NpyLiteral)
  {
    guard case .dict(let entries) = literal else {
      throw .malformedHeader(path: path, reason: "it is \(literal.pythonText), not a dict")
    }
    var values: [String: NpyLiteral] = [:]
    for entry in entries {
      guard case .string(let key) = entry.key else {
        throw .malformedHeader(
          path: path, reason: "the key \(entry.key.pythonText) is not a string")
      }
      guard ["descr", "fortran_order", "shape"].contains(key) else {
        throw .unexpectedField(path: path, field: key)
      }
      guard values.updateValue(entry.value, forKey: key) == nil else {
        throw .malformedHeader(path: path, reason: "the key '\(key)' appears twice")
      }
    }
    guard let descr = values["descr"] else { throw .missingField(path: path, field: "descr") }
    guard let fortranOrder = values["fortran_order"] else {
      throw .missingField(path: path, field: "fortran_order")
    }
    guard let shape = values["shape"] else { throw .missingField(path: path, field: "shape") }
    return (descr, fortranOrder, shape)
  }

  private static func dtype(from literal: NpyLiteral, path: String) throws(NpyError)
    -> NpyDType
  {
    guard case .string(let descr) = literal else {
      if case .list = literal {
        throw .unsupportedDType(path: path, descr: "a structured type \(literal.pythonText)")
      }
      throw .invalidField(
        path: path, field: "descr", found: literal.pythonText,
        expected: "a type string such as '<f4'")
    }
    let order = descr.first
    let hasOrder = order.map { "<>|=".contains($0) } ?? false
    guard let dtype = NpyDType(kindAndWidth: String(descr.dropFirst(hasOrder ? 1 : 0))) else {
      throw .unsupportedDType(path: path, descr: "'\(descr)'")
    }
    if dtype.byteWidth == 1 || order == "<" { return dtype }
    if order == ">" { throw .bigEndian(path: path, descr: descr) }
    throw .invalidField(
      path: path, field: "descr", found: "'\(descr)'",
      expected: "an explicit little-endian type such as '\(dtype.descr)'")
  }

  private static func shape(from literal: NpyLiteral, path: String) throws(NpyError) -> [Int] {
    let expected = "a tuple of non-negative integers below 2^63, such as (2010, 1, 11, 11)"
    guard case .tuple(let items) = literal else {
      throw .invalidField(path: path, field: "shape", found: literal.pythonText, expected: expected)
    }
    var shape: [Int] = []
    for item in items {
      guard case .integer(let text) = item, let dimension = Int(text), dimension >= 0 else {
        throw .invalidField(
          path: path, field: "shape", found: literal.pythonText, expected: expected)
      }
      shape.append(dimension)
    }
    return shape
  }
}
