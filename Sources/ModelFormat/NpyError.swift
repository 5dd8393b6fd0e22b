import Foundation

/// Why a NumPy `.npy` file could not be read or written.
///
/// Every case carries the file's path and names the part of the file at fault (the magic
/// string, the header field, the data), so the message alone tells a user which file to fix
/// and how. `description` renders as `PATH: MESSAGE`; `message` is the sentence without the
/// path, for tools that print the path themselves (`x.npy: error: ...`).
///
/// ```swift
/// NpyError.bigEndian(path: "x.npy", descr: ">f4").description
/// // x.npy: header field 'descr' is '>f4' (big-endian); Etch reads little-endian data
/// // only — save with numpy.save(path, numpy.ascontiguousarray(a, dtype='<f4'))
/// ```
public enum NpyError: Error, Sendable, Equatable {
  /// The file could not be opened or mapped; `reason` is the system's explanation.
  case cannotOpen(path: String, reason: String)
  /// The path names a directory, pipe or device rather than a regular file.
  case notARegularFile(path: String)
  /// The file does not start with `\x93NUMPY`; `found` holds its first bytes (up to 6).
  case badMagic(path: String, found: [UInt8])
  /// The format version in bytes 6–7 is not 1.0, 2.0 or 3.0.
  case unsupportedVersion(path: String, major: UInt8, minor: UInt8)
  /// The file ends inside the header: the header needs `expectedBytes`, the file has fewer.
  case truncatedHeader(path: String, expectedBytes: Int, actualBytes: Int)
  /// The header's length field is larger than any array header NumPy writes.
  case headerTooLong(path: String, length: Int, limit: Int)
  /// The header text is not a Python dict literal; `reason` says what was wrong where.
  case malformedHeader(path: String, reason: String)
  /// The header dict lacks one of `descr`, `fortran_order` and `shape`.
  case missingField(path: String, field: String)
  /// The header dict has a key other than `descr`, `fortran_order` and `shape`.
  case unexpectedField(path: String, field: String)
  /// A header field has a value of the wrong form; `found` is its text in the header.
  case invalidField(path: String, field: String, found: String, expected: String)
  /// The `descr` states big-endian data.
  case bigEndian(path: String, descr: String)
  /// The `descr` names an element type Etch does not read.
  case unsupportedDType(path: String, descr: String)
  /// The header says the data is stored in Fortran (column-major) order.
  case fortranOrder(path: String, shape: [Int])
  /// The shape's byte count does not fit in a machine word.
  case shapeTooLarge(path: String, shape: [Int], dtype: NpyDType)
  /// The data after the header is shorter than the shape and type require.
  case truncatedData(
    path: String, shape: [Int], dtype: NpyDType, expectedBytes: Int, actualBytes: Int)
  /// Converting the whole array would need more memory than the machine has.
  case tooLargeForMemory(path: String, shape: [Int], bytes: Int, available: Int)
  /// The array's items have a different shape than the model expects.
  case itemShapeMismatch(path: String, shape: [Int], expectedItemShape: [Int], role: String)
  /// A requested range of items or elements lies outside the array.
  case outOfBounds(path: String, unit: String, range: Range<Int>, count: Int)
  /// A floating-point element read as an integer is not a whole number in `Int`'s range.
  case notAnInteger(path: String, index: Int, value: Double)
  /// A writer was given a different number of elements than its shape holds.
  case elementCountMismatch(path: String, shape: [Int], expected: Int, actual: Int)
  /// Writing the file failed; `reason` is the system's explanation.
  case writeFailed(path: String, reason: String)

  /// The file the error is about, exactly as the caller named it.
  public var path: String {
    switch self {
    case .cannotOpen(let path, _), .notARegularFile(let path), .badMagic(let path, _),
      .unsupportedVersion(let path, _, _), .truncatedHeader(let path, _, _),
      .headerTooLong(let path, _, _), .malformedHeader(let path, _),
      .missingField(let path, _), .unexpectedField(let path, _),
      .invalidField(let path, _, _, _), .bigEndian(let path, _),
      .unsupportedDType(let path, _), .fortranOrder(let path, _),
      .shapeTooLarge(let path, _, _), .truncatedData(let path, _, _, _, _),
      .tooLargeForMemory(let path, _, _, _),
      .itemShapeMismatch(let path, _, _, _), .outOfBounds(let path, _, _, _),
      .notAnInteger(let path, _, _), .elementCountMismatch(let path, _, _, _),
      .writeFailed(let path, _):
      path
    }
  }

  /// The header field or part of the file at fault, as the message names it.
  public var field: String {
    switch self {
    case .cannotOpen, .notARegularFile, .writeFailed: "file"
    case .badMagic: "magic"
    case .unsupportedVersion: "version"
    case .truncatedHeader, .headerTooLong, .malformedHeader: "header"
    case .missingField(_, let field), .unexpectedField(_, let field),
      .invalidField(_, let field, _, _):
      field
    case .bigEndian, .unsupportedDType: "descr"
    case .fortranOrder: "fortran_order"
    case .shapeTooLarge, .tooLargeForMemory, .itemShapeMismatch, .elementCountMismatch: "shape"
    case .truncatedData, .outOfBounds, .notAnInteger: "data"
    }
  }

  /// One sentence saying what is wrong and what to do, without the leading path.
  public var message: String {
    switch self {
    case .cannotOpen(_, let reason):
      return "cannot open the file (\(reason)); expected a readable .npy file at this path"
    case .notARegularFile:
      return "is not a regular file; expected a .npy file saved with numpy.save"
    case .badMagic(_, let found):
      return badMagicMessage(found)
    case .unsupportedVersion(_, let major, let minor):
      return "header field 'version' is \(major).\(minor); expected 1.0, 2.0 or 3.0 "
        + "— save the array again with numpy.save"
    case .truncatedHeader(_, let expected, let actual):
      return "the header is truncated: expected \(expected) bytes but the file has "
        + "\(actual) — the file is incomplete; copy or save it again"
    case .headerTooLong(_, let length, let limit):
      return "header field 'header length' is \(length) bytes; expected at most \(limit), "
        + "as numpy.load allows — this is not an array saved with numpy.save"
    case .malformedHeader(_, let reason):
      return "the header is not a Python dict literal: \(reason); expected e.g. "
        + "{'descr': '<f4', 'fortran_order': False, 'shape': (8, 16), }"
    case .missingField(_, let field):
      return "the header has no field '\(field)'; expected the fields 'descr', "
        + "'fortran_order' and 'shape' that numpy.save writes"
    case .unexpectedField(_, let field):
      return "the header has an unexpected field '\(field)'; expected only 'descr', "
        + "'fortran_order' and 'shape' — save the array again with numpy.save"
    case .invalidField(_, let field, let found, let expected):
      return "header field '\(field)' is \(found); expected \(expected)"
    case .bigEndian(_, let descr):
      let little = "<" + descr.dropFirst()
      return "header field 'descr' is '\(descr)' (big-endian); Etch reads little-endian "
        + "data only — save with numpy.save(path, numpy.ascontiguousarray(a, "
        + "dtype='\(little)'))"
    case .unsupportedDType(_, let descr):
      let supported = NpyDType.allCases.map(\.numpyName).joined(separator: ", ")
      return "header field 'descr' is \(descr), which Etch does not read; expected one of "
        + "\(supported) — convert with a.astype('<f4')"
    case .fortranOrder(_, let shape):
      return "header field 'fortran_order' is True for shape \(NpyHeader.pythonTuple(shape)); "
        + "Etch reads C-order arrays only — save numpy.ascontiguousarray(a) instead"
    case .shapeTooLarge(_, let shape, let dtype):
      return "header field 'shape' is \(NpyHeader.pythonTuple(shape)); at \(dtype.byteWidth) "
        + "bytes per element, expected at most 2^63 − 1 bytes in all — the header is corrupt"
    case .truncatedData(_, let shape, let dtype, let expected, let actual):
      return "the data is truncated: expected \(expected) bytes after the header for 'shape' "
        + "\(NpyHeader.pythonTuple(shape)) of '\(dtype.descr)', but the file has \(actual) — "
        + "the file is incomplete or its header is wrong"
    case .tooLargeForMemory(_, let shape, let bytes, let available):
      return "header field 'shape' is \(NpyHeader.pythonTuple(shape)); reading it whole needs "
        + "\(bytes) bytes but this machine has \(available) — read it in parts, by items"
    case .itemShapeMismatch(_, let shape, let expectedItem, let role):
      let expected = NpyHeader.pythonTuple(["N"] + expectedItem.map(String.init))
      return "header field 'shape' is \(NpyHeader.pythonTuple(shape)); \(role) needs "
        + "\(expected) — reshape the array to N items of shape "
        + "\(NpyHeader.pythonTuple(expectedItem))"
    case .outOfBounds(_, let unit, let range, let count):
      return "\(unit)s \(range.lowerBound)..<\(range.upperBound) of the data are out of "
        + "range; expected a range within 0..<\(count)"
    case .notAnInteger(_, let index, let value):
      return "data element \(index) is \(value), not an integer; expected whole-number labels "
        + "— save them with a.astype('<i4')"
    case .elementCountMismatch(_, let shape, let expected, let actual):
      return "header field 'shape' \(NpyHeader.pythonTuple(shape)) holds \(expected) "
        + "elements but \(actual) were given; expected the counts to agree"
    case .writeFailed(_, let reason):
      return "cannot write the file (\(reason)); expected a writable folder with free space "
        + "— any earlier file at this path is unchanged"
    }
  }

  private func badMagicMessage(_ found: [UInt8]) -> String {
    let hex = found.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined(separator: " ")
    let start = found.isEmpty ? "the file is empty" : "the file starts with bytes \(hex)"
    let hint =
      found.starts(with: [0x50, 0x4B])
      ? "this looks like a .npz archive; save each array with numpy.save"
      : "save the array with numpy.save"
    return "header field 'magic' is wrong: \(start), expected 93 4e 55 4d 50 59 "
      + "('\\x93NUMPY') — \(hint)"
  }
}

extension NpyError: CustomStringConvertible {
  /// The error as `PATH: MESSAGE`, one line.
  public var description: String { "\(path): \(message)" }
}

extension NpyError: LocalizedError {
  /// The same text as `description`, for code that reports `localizedDescription`.
  public var errorDescription: String? { description }
}
