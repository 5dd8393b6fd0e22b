import Foundation
import ModelFormat
import TestSupport
import Testing

/// The header is read from and written as NumPy's own bytes.
@Suite struct NpyHeaderTests {
  /// Headers as `numpy.save` (NumPy 2.4) wrote them for these arrays, text after the length.
  static let numpyHeaders: [(NpyDType, [Int], String)] = [
    (.float32, [2, 3], "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }"),
    (.float64, [], "{'descr': '<f8', 'fortran_order': False, 'shape': (), }"),
    (.int8, [0], "{'descr': '|i1', 'fortran_order': False, 'shape': (0,), }"),
    (.uint16, [5], "{'descr': '<u2', 'fortran_order': False, 'shape': (5,), }"),
  ]

  @Test func encodesTheBytesNumpySaveWrites() {
    for (dtype, shape, text) in Self.numpyHeaders {
      let encoded = NpyHeader(dtype: dtype, shape: shape).encoded()
      // numpy.save pads every one of these headers to 128 bytes, ending in a newline.
      let expected =
        [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0, 118, 0] + Array(text.utf8)
        + Array(repeating: UInt8(ascii: " "), count: 117 - text.utf8.count) + [0x0A]
      #expect(encoded == expected, "\(dtype) \(shape)")
    }
  }

  @Test func reencodesEveryGoldenFileHeaderByteForByte() throws {
    let files = SharedData.goldenCases.flatMap { name in
      ["input.npy", "output.npy"].map { SharedData.golden(name).appendingPathComponent($0) }
    }
    #expect(files.count >= 14)
    for url in files {
      let bytes = [UInt8](try Data(contentsOf: url))
      let header = try bytes.withUnsafeBytes { raw in try NpyHeader.parse(raw, path: url.path) }
      #expect(Array(bytes[0..<header.dataOffset]) == header.encoded(), "\(url.path)")
    }
  }

  @Test(arguments: [
    // Spacing, quotes, key order and trailing commas vary between writers.
    "{'descr':'<f4','fortran_order':False,'shape':(2,3)}",
    "{ \"shape\" : ( 2 , 3 , ) , \"descr\" : \"<f4\" , \"fortran_order\" : False , }",
    "{'fortran_order': False,\n 'shape': (2, 3),\n 'descr': '<f4'}",
    // Python 2 wrote long integers with an L suffix.
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }",
    // Fortran order is harmless when only one dimension exceeds 1.
    "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 6), }",
  ])
  func acceptsEveryWayOfWritingTheSameHeader(text: String) throws {
    let bytes = NpyBytes.file(header: text, data: Array(repeating: 0, count: 24))
    let file = try NpyFile(bytes: bytes, path: "x.npy")
    #expect(file.dtype == .float32)
    #expect(file.elementCount == 6)
  }

  @Test(arguments: [(UInt8(1), UInt8(0)), (2, 0), (3, 0)])
  func readsVersions1Through3(major: UInt8, minor: UInt8) throws {
    let bytes = NpyBytes.file(
      header: "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), }",
      version: (major, minor), data: [1, 0, 0xFF, 0xFF])
    let file = try NpyFile(bytes: bytes, path: "v.npy")
    #expect(file.header.version == (major, minor))
    #expect(file.header.dataOffset == 128)
    #expect(try file.integers() == [1, -1])
  }

  @Test func writesPythonTuples() {
    #expect(NpyHeader.pythonTuple([Int]()) == "()")
    #expect(NpyHeader.pythonTuple([7]) == "(7,)")
    #expect(NpyHeader.pythonTuple([2010, 1, 11, 11]) == "(2010, 1, 11, 11)")
  }

  @Test func countsBytesWithoutOverflowing() {
    #expect(NpyHeader.byteCount(of: [2010, 1, 11, 11], dtype: .float32) == 972_840)
    #expect(NpyHeader.byteCount(of: [], dtype: .float64) == 8)
    #expect(NpyHeader.byteCount(of: [0, 5], dtype: .int16) == 0)
    #expect(NpyHeader.byteCount(of: [1 << 31, 1 << 31], dtype: .float32) == nil)
    // Empty dimensions do not hide an unaddressable item shape.
    #expect(NpyHeader.byteCount(of: [0, 1 << 40, 1 << 40], dtype: .uint8) == nil)
  }
}
