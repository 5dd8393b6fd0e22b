import Foundation
import ModelFormat
import TestSupport
import Testing

/// Little-endian bytes of fixed-width values.
private func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
  values.flatMap { value in withUnsafeBytes(of: value.littleEndian) { Array($0) } }
}

@Test func readsEveryDTypeAsFloat() throws {
  let f64 = littleEndianBytes([(-2.5).bitPattern, (1e300).bitPattern] as [UInt64])
  let f16 = littleEndianBytes([Float16(0.5).bitPattern, Float16(-3).bitPattern])
  let bf16 = littleEndianBytes([
    UInt16(Float(1.5).bitPattern >> 16), UInt16(Float(-2).bitPattern >> 16),
  ])
  let i64 = littleEndianBytes([Int64(-7), 1 << 40])
  let i32 = littleEndianBytes([Int32(-100_000), 3])
  let i16 = littleEndianBytes([Int16(-300), 300])
  let i8 = littleEndianBytes([Int8(-128), 127])
  let u8: [UInt8] = [0, 255]
  let parts: [(String, String, [UInt8])] = [
    ("a", "F64", f64), ("b", "F16", f16), ("c", "BF16", bf16), ("d", "I64", i64),
    ("e", "I32", i32), ("f", "I16", i16), ("g", "I8", i8), ("h", "U8", u8),
  ]
  var entries: [String] = []
  var data: [UInt8] = []
  for (name, dtype, bytes) in parts {
    entries.append(BaseModel.entry(name, dtype, [2], data.count, data.count + bytes.count))
    data += bytes
  }
  var file = BaseModel.safetensors(
    header: "{" + entries.joined(separator: ", ") + "}", dataBytes: 0)
  file.append(contentsOf: data)
  let tensors = try SafeTensors(data: file, file: "dtypes.safetensors").tensors
  #expect(tensors["a"]?.scalars == [-2.5, .infinity])
  #expect(tensors["b"]?.scalars == [0.5, -3])
  #expect(tensors["c"]?.scalars == [1.5, -2])
  #expect(tensors["d"]?.scalars == [-7, Float(1 << 40)])
  #expect(tensors["e"]?.scalars == [-100_000, 3])
  #expect(tensors["f"]?.scalars == [-300, 300])
  #expect(tensors["g"]?.scalars == [-128, 127])
  #expect(tensors["h"]?.scalars == [0, 255])
  #expect(tensors.values.allSatisfy { $0.shape == [2] })
}

@Test func encodingIsSortedAlignedAndRoundTrips() throws {
  let original = SafeTensors(
    tensors: [
      "z": Tensor(shape: [2, 2], scalars: [1, -2, 3.25, -0.0]),
      "a": Tensor(shape: [3], scalars: [.leastNonzeroMagnitude, .greatestFiniteMagnitude, 7]),
      "scalar": Tensor(shape: [], scalars: [42]),
      "empty": Tensor(shape: [0, 4], scalars: []),
    ],
    metadata: ["format": "pt", "author": "etch"])
  let bytes = original.encoded()
  let headerLength = bytes.prefix(8).enumerated().reduce(0) {
    $0 | Int($1.element) << (8 * $1.offset)
  }
  #expect((8 + headerLength) % 8 == 0)
  let header = String(decoding: bytes.dropFirst(8).prefix(headerLength), as: UTF8.self)
  #expect(
    header.hasPrefix(#"{"__metadata__": {"author": "etch", "format": "pt"}, "a": {"dtype": "F32""#))
  let order = ["\"a\"", "\"empty\"", "\"scalar\"", "\"z\""].compactMap {
    header.range(of: $0)?.lowerBound
  }
  #expect(order == order.sorted() && order.count == 4)
  #expect(header.hasSuffix("}") || header.hasSuffix(" "))
  let decoded = try SafeTensors(data: bytes, file: "x.safetensors")
  #expect(decoded == original)
  #expect(decoded.encoded() == bytes)
  #expect(decoded.tensors["z"]?.scalars[3].sign == .minus)
}

@Test func readsTheGoldenTraces() throws {
  let trace = try SafeTensors(
    contentsOf: SharedData.golden("jet_tagger").appendingPathComponent("trace0.safetensors"))
  #expect(trace.tensors["fc1"]?.shape.count == 1)
  #expect(trace.tensors["softmax"].map { abs($0.scalars.reduce(0, +) - 1) < 1e-5 } == true)
}

@Test func writeIsAtomicAndReplacesAnExistingFile() throws {
  let folder = try ModelFixtures.temporaryFolder()
  defer { try? FileManager.default.removeItem(at: folder) }
  let url = folder.appendingPathComponent("w.safetensors")
  try SafeTensors(tensors: ["a": Tensor(shape: [1], scalars: [1])]).write(to: url)
  try SafeTensors(tensors: ["b": Tensor(shape: [2], scalars: [2, 3])]).write(to: url)
  #expect(try SafeTensors(contentsOf: url).tensors.keys.sorted() == ["b"])
  #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["w.safetensors"])
}

@Test func writingIntoAMissingFolderIsAnError() {
  let url = URL(fileURLWithPath: "/nonexistent-etch-folder/w.safetensors")
  #expect(throws: ModelError.self) {
    try SafeTensors(tensors: [:]).write(to: url)
  }
  do {
    try SafeTensors(tensors: [:]).write(to: url)
  } catch {
    guard case .unwritableFile(let file, _) = error else {
      Issue.record("expected unwritableFile, got \(error)")
      return
    }
    #expect(file == url.path)
    #expect(
      error.description
        == "\(url.path): cannot write the file: the folder /nonexistent-etch-folder does not exist")
  }
}
