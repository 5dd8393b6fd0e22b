import Foundation
import ModelFormat
import TestSupport
import Testing

/// Every way a `.npy` file can be wrong ends in its own error, never in a trap.
@Suite struct NpyMalformedFileTests {
  static let path = "bad.npy"

  /// A valid header with one field replaced.
  static func header(
    descr: String = "'<f4'", fortranOrder: String = "False", shape: String = "(2, 3)"
  ) -> String {
    "{'descr': \(descr), 'fortran_order': \(fortranOrder), 'shape': \(shape), }"
  }

  static func open(_ bytes: [UInt8]) throws(NpyError) -> NpyFile {
    try NpyFile(bytes: bytes, path: path)
  }

  static let sixFloats = NpyBytes.littleEndian([1, 2, 3, 4, 5, 6])

  @Test func refusesAFileWithoutTheMagicString() {
    #expect(throws: NpyError.badMagic(path: Self.path, found: [])) { try Self.open([]) }
    #expect(throws: NpyError.badMagic(path: Self.path, found: Array("hello\n".utf8))) {
      try Self.open(Array("hello\nworld".utf8))
    }
    let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]
    #expect(throws: NpyError.badMagic(path: Self.path, found: Array(zip.prefix(6)))) {
      try Self.open(zip)
    }
    #expect(
      NpyError.badMagic(path: Self.path, found: Array(zip.prefix(6))).description.contains(
        ".npz archive"))
  }

  @Test func refusesAnUnknownVersion() {
    let bytes = NpyBytes.file(header: Self.header(), version: (4, 0), data: Self.sixFloats)
    #expect(throws: NpyError.unsupportedVersion(path: Self.path, major: 4, minor: 0)) {
      try Self.open(bytes)
    }
  }

  @Test func refusesATruncatedHeader() {
    let bytes = NpyBytes.file(header: Self.header(), data: Self.sixFloats)
    #expect(throws: NpyError.truncatedHeader(path: Self.path, expectedBytes: 10, actualBytes: 7)) {
      try Self.open(Array(bytes.prefix(7)))
    }
    #expect(throws: NpyError.truncatedHeader(path: Self.path, expectedBytes: 10, actualBytes: 9)) {
      try Self.open(Array(bytes.prefix(9)))
    }
    #expect(throws: NpyError.truncatedHeader(path: Self.path, expectedBytes: 128, actualBytes: 40))
    {
      try Self.open(Array(bytes.prefix(40)))
    }
    let lie = NpyBytes.file(header: Self.header(), data: Self.sixFloats, headerLength: 9_000)
    #expect(
      throws: NpyError.truncatedHeader(path: Self.path, expectedBytes: 9_010, actualBytes: 152)
    ) {
      try Self.open(lie)
    }
  }

  @Test func refusesAHeaderLongerThanNumpyAllows() {
    let bytes = NpyBytes.file(
      header: Self.header(), version: (2, 0), data: Self.sixFloats, headerLength: 1 << 30)
    #expect(throws: NpyError.headerTooLong(path: Self.path, length: 1 << 30, limit: 10_000)) {
      try Self.open(bytes)
    }
  }

  @Test(arguments: [
    ("{'descr' '<f4'}", "expected ':' after the key 'descr', found ''' at character 10"),
    ("{'descr': '<f4}", "the string that starts here is not closed at character 11"),
    (
      "{'descr': '<f4', 'shape': (2, 3)",
      "expected ',' or '}' after the value of 'shape', "
        + "found the end of the header at character 55"
    ),
    ("{'shape': (2 3)}", "expected ',' or ')' in a sequence, found '3' at character 14"),
    (
      "{'descr': dtype('f4')}",
      "unexpected name 'dtype'; only True, False and None are "
        + "literals at character 11"
    ),
    ("{'descr': '<f4'} junk", "unexpected 'j' after the closing brace at character 18"),
    ("{'descr': '\\x3c'}", "unsupported escape '\\x' in a string at character 12"),
    ("{'descr': }", "unexpected '}' where a value should be at character 11"),
    ("{'shape': (1e,)}", "expected digits in the exponent at character 14"),
    ("(2, 3)", "it is (2, 3), not a dict"),
    ("{2: 3}", "the key 2 is not a string"),
    ("{'shape': (1,), 'shape': (2,)}", "the key 'shape' appears twice"),
    (String(repeating: "(", count: 40), "brackets nest deeper than 32 levels at character 33"),
  ])
  func refusesAHeaderThatIsNotADictLiteral(text: String, reason: String) {
    #expect(throws: NpyError.malformedHeader(path: Self.path, reason: reason)) {
      try Self.open(NpyBytes.file(header: text, data: Self.sixFloats))
    }
  }

  @Test func refusesMissingAndExtraFields() {
    #expect(throws: NpyError.missingField(path: Self.path, field: "shape")) {
      try Self.open(NpyBytes.file(header: "{'descr': '<f4', 'fortran_order': False}"))
    }
    #expect(throws: NpyError.missingField(path: Self.path, field: "descr")) {
      try Self.open(NpyBytes.file(header: "{}"))
    }
    #expect(throws: NpyError.unexpectedField(path: Self.path, field: "strides")) {
      try Self.open(NpyBytes.file(header: "{'descr': '<f4', 'strides': (4,)}"))
    }
  }

  @Test func refusesBigEndianDataWithTheFix() {
    let error = NpyError.bigEndian(path: Self.path, descr: ">f4")
    #expect(throws: error) {
      try Self.open(NpyBytes.file(header: Self.header(descr: "'>f4'"), data: Self.sixFloats))
    }
    #expect(
      error.description == "bad.npy: header field 'descr' is '>f4' (big-endian); Etch reads "
        + "little-endian data only — save with numpy.save(path, numpy.ascontiguousarray(a, "
        + "dtype='<f4'))")
    // A single byte has no byte order, so '>i1' is as good as '|i1'.
    #expect(throws: Never.self) {
      try Self.open(NpyBytes.file(header: Self.header(descr: "'>i1'"), data: [1, 2, 3, 4, 5, 6]))
    }
  }

  @Test(arguments: ["'<f2'", "'<c8'", "'|b1'", "'<U10'", "'|O'", "'<u4'", "'<M8[ns]'", "''"])
  func refusesElementTypesEtchDoesNotRead(descr: String) {
    #expect(throws: NpyError.unsupportedDType(path: Self.path, descr: descr)) {
      try Self.open(NpyBytes.file(header: Self.header(descr: descr), data: Self.sixFloats))
    }
  }

  @Test func refusesStructuredAndMalformedTypes() {
    #expect(
      throws: NpyError.unsupportedDType(
        path: Self.path, descr: "a structured type [('x', '<f4'), ('y', '<f4')]")
    ) {
      try Self.open(NpyBytes.file(header: Self.header(descr: "[('x', '<f4'), ('y', '<f4')]")))
    }
    #expect(
      throws: NpyError.invalidField(
        path: Self.path, field: "descr", found: "'=f4'",
        expected: "an explicit little-endian type such as '<f4'")
    ) {
      try Self.open(NpyBytes.file(header: Self.header(descr: "'=f4'"), data: Self.sixFloats))
    }
    #expect(
      throws: NpyError.invalidField(
        path: Self.path, field: "descr", found: "4", expected: "a type string such as '<f4'")
    ) {
      try Self.open(NpyBytes.file(header: Self.header(descr: "4"), data: Self.sixFloats))
    }
  }

  @Test func refusesFortranOrderAndNonBooleanOrder() {
    #expect(throws: NpyError.fortranOrder(path: Self.path, shape: [2, 3])) {
      try Self.open(NpyBytes.file(header: Self.header(fortranOrder: "True"), data: Self.sixFloats))
    }
    #expect(
      throws: NpyError.invalidField(
        path: Self.path, field: "fortran_order", found: "0", expected: "True or False")
    ) {
      try Self.open(NpyBytes.file(header: Self.header(fortranOrder: "0"), data: Self.sixFloats))
    }
  }

  @Test(arguments: ["[2, 3]", "(2, -3)", "(2.5,)", "(100000000000000000000,)", "6", "('2',)"])
  func refusesShapesThatAreNotTuplesOfCounts(shape: String) {
    #expect(
      throws: NpyError.invalidField(
        path: Self.path, field: "shape", found: shape,
        expected: "a tuple of non-negative integers below 2^63, such as (2010, 1, 11, 11)")
    ) {
      try Self.open(NpyBytes.file(header: Self.header(shape: shape), data: Self.sixFloats))
    }
  }

  @Test func refusesAnAbsurdDimensionBeforeAllocatingAnything() {
    // 10^12 float32 elements would be 4 TB; the file holds the header and nothing else.
    #expect(
      throws: NpyError.truncatedData(
        path: Self.path, shape: [1_000_000_000_000], dtype: .float32,
        expectedBytes: 4_000_000_000_000, actualBytes: 0)
    ) {
      try Self.open(NpyBytes.file(header: Self.header(shape: "(1000000000000,)")))
    }
    #expect(
      throws: NpyError.shapeTooLarge(
        path: Self.path, shape: [1_000_000_000_000, 1_000_000_000_000], dtype: .float32)
    ) {
      try Self.open(NpyBytes.file(header: Self.header(shape: "(1000000000000, 1000000000000)")))
    }
  }

  @Test func refusesTruncatedDataNamingBothSizes() {
    let bytes = NpyBytes.file(header: Self.header(), data: Array(Self.sixFloats.prefix(20)))
    let error = NpyError.truncatedData(
      path: Self.path, shape: [2, 3], dtype: .float32, expectedBytes: 24, actualBytes: 20)
    #expect(throws: error) { try Self.open(bytes) }
    #expect(
      error.description == "bad.npy: the data is truncated: expected 24 bytes after the header "
        + "for 'shape' (2, 3) of '<f4', but the file has 20 — the file is incomplete or its "
        + "header is wrong")
  }

  @Test func refusesReadsOutsideTheArray() throws {
    let file = try Self.open(NpyBytes.file(header: Self.header(), data: Self.sixFloats))
    #expect(throws: NpyError.outOfBounds(path: Self.path, unit: "item", range: 1..<3, count: 2)) {
      try file.floats(items: 1..<3)
    }
    #expect(
      throws: NpyError.outOfBounds(path: Self.path, unit: "element", range: -1..<2, count: 6)
    ) {
      try file.floats(elements: -1..<2)
    }
    #expect(throws: NpyError.notAnInteger(path: Self.path, index: 0, value: 1.5)) {
      try Self.open(
        NpyBytes.file(header: Self.header(shape: "(1,)"), data: NpyBytes.littleEndian([1.5]))
      ).integers()
    }
  }

  @Test func refusesAnArrayOfTheWrongItemShape() throws {
    let file = try Self.open(NpyBytes.file(header: Self.header(), data: Self.sixFloats))
    let error = NpyError.itemShapeMismatch(
      path: Self.path, shape: [2, 3], expectedItemShape: [1, 11, 11], role: "the model input 'x'")
    #expect(throws: error) { try file.checkItemShape([1, 11, 11], role: "the model input 'x'") }
    #expect(
      error.description == "bad.npy: header field 'shape' is (2, 3); the model input 'x' needs "
        + "(N, 1, 11, 11) — reshape the array to N items of shape (1, 11, 11)")
  }

  @Test func refusesMissingFilesAndFolders() throws {
    #expect(
      throws: NpyError.cannotOpen(path: "/nonexistent/x.npy", reason: "No such file or directory")
    ) {
      try NpyFile(path: "/nonexistent/x.npy")
    }
    try TemporaryDirectory.with { folder in
      #expect(throws: NpyError.notARegularFile(path: folder.path)) {
        try NpyFile(path: folder.path)
      }
      let empty = folder.appendingPathComponent("empty.npy")
      try Data().write(to: empty)
      #expect(throws: NpyError.badMagic(path: empty.path, found: [])) {
        try NpyFile(path: empty.path)
      }
    }
  }

  @Test func neverTrapsOnATruncatedOrCorruptedFile() {
    let valid = NpyBytes.file(header: Self.header(), data: Self.sixFloats)
    for length in 0..<valid.count {
      #expect(throws: NpyError.self, "first \(length) bytes") {
        try Self.open(Array(valid.prefix(length)))
      }
    }
    // Flip bytes of the header with a fixed seed: every outcome is a file or an NpyError.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    for trial in 0..<5_000 {
      var bytes = valid
      for _ in 0...(next() % 3) {
        bytes[next() % 64] = UInt8(truncatingIfNeeded: next())
      }
      do {
        _ = try Self.open(bytes).floats()
      } catch {
        #expect(error.path == Self.path, "trial \(trial)")
      }
    }
  }

  @Test func everyMessageNamesTheFileAndTheField() {
    let errors: [NpyError] = [
      .cannotOpen(path: "f.npy", reason: "Permission denied"),
      .notARegularFile(path: "f.npy"),
      .badMagic(path: "f.npy", found: [1, 2]),
      .unsupportedVersion(path: "f.npy", major: 9, minor: 1),
      .truncatedHeader(path: "f.npy", expectedBytes: 128, actualBytes: 3),
      .headerTooLong(path: "f.npy", length: 99_999, limit: 10_000),
      .malformedHeader(path: "f.npy", reason: "x"),
      .missingField(path: "f.npy", field: "shape"),
      .unexpectedField(path: "f.npy", field: "strides"),
      .invalidField(path: "f.npy", field: "shape", found: "6", expected: "a tuple"),
      .bigEndian(path: "f.npy", descr: ">i4"),
      .unsupportedDType(path: "f.npy", descr: "'<c8'"),
      .fortranOrder(path: "f.npy", shape: [2, 2]),
      .shapeTooLarge(path: "f.npy", shape: [1 << 40, 1 << 40], dtype: .int8),
      .truncatedData(path: "f.npy", shape: [3], dtype: .uint8, expectedBytes: 3, actualBytes: 1),
      .tooLargeForMemory(path: "f.npy", shape: [1 << 40], bytes: 4 << 40, available: 1 << 33),
      .itemShapeMismatch(path: "f.npy", shape: [2], expectedItemShape: [3], role: "input 'x'"),
      .outOfBounds(path: "f.npy", unit: "item", range: 3..<4, count: 2),
      .notAnInteger(path: "f.npy", index: 2, value: 0.5),
      .elementCountMismatch(path: "f.npy", shape: [2], expected: 2, actual: 3),
      .writeFailed(path: "f.npy", reason: "No space left on device"),
    ]
    for error in errors {
      #expect(error.description.hasPrefix("f.npy: "), "\(error)")
      #expect(error.localizedDescription == error.description)
      #expect(error.message.contains(error.field), "\(error) should name '\(error.field)'")
      #expect(error.message.contains("expected") || error.message.contains(" — "), "\(error)")
      #expect(!error.description.contains("\n"), "\(error)")
    }
  }
}
