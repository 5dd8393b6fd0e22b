/// Builds `.npy` files byte by byte, including broken ones, for tests of the reader.
///
/// Malformed files are easier to state and review as a header text plus data bytes than as
/// checked-in binaries, and each test shows exactly which byte is wrong.
///
/// ```swift
/// let bytes = NpyBytes.file(
///   header: "{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }",
///   data: NpyBytes.littleEndian([1, 2] as [Float]))
/// ```
public enum NpyBytes {
  /// The magic string, version, header length and `header` padded as NumPy pads it, then
  /// `data`. `headerLength` overrides the length field, to state a lie.
  public static func file(
    header: String, version: (major: UInt8, minor: UInt8) = (1, 0), data: [UInt8] = [],
    headerLength: Int? = nil
  ) -> [UInt8] {
    let lengthFieldSize = version.major == 1 ? 2 : 4
    var text = Array(header.utf8)
    while (8 + lengthFieldSize + text.count + 1) % 64 != 0 { text.append(UInt8(ascii: " ")) }
    text.append(UInt8(ascii: "\n"))
    let length = headerLength ?? text.count
    var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version.major, version.minor]
    for index in 0..<lengthFieldSize {
      bytes.append(UInt8(truncatingIfNeeded: length >> (8 * index)))
    }
    return bytes + text + data
  }

  /// The little-endian bytes of `values`, as they follow a `'<f4'` header.
  public static func littleEndian(_ values: [Float]) -> [UInt8] {
    values.flatMap { value in
      (0..<4).map { UInt8(truncatingIfNeeded: value.bitPattern >> (8 * $0)) }
    }
  }
}
