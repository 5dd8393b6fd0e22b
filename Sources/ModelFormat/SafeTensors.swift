import Foundation

/// The contents of a safetensors file: named tensors (converted to float32) and metadata.
///
/// Safetensors is the weights half of model format v1 and the format of the golden traces.
/// The layout is an 8-byte little-endian header length `N`, `N` bytes of JSON header
/// (`{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]}, ...,
/// "__metadata__": {"key": "value"}}`), then the raw little-endian data, every byte owned by
/// exactly one tensor. Reading validates everything (header bounds, dtypes, offsets, sizes,
/// limits) before allocating a tensor; writing is deterministic F32 and atomic.
///
///     let weights = try SafeTensors(contentsOf: url).tensors
///     try SafeTensors(tensors: ["w": Tensor(shape: [2], scalars: [1, 2])]).write(to: out)
public struct SafeTensors: Sendable, Equatable {
  /// The element types this reader converts to `Float`; writing always uses `F32`.
  public enum DType: String, Sendable, CaseIterable {
    /// IEEE binary64, rounded to the nearest float32.
    case f64 = "F64"
    /// IEEE binary32.
    case f32 = "F32"
    /// IEEE binary16.
    case f16 = "F16"
    /// bfloat16 (the upper half of a binary32).
    case bf16 = "BF16"
    /// Signed 64-bit integer, rounded to the nearest float32.
    case i64 = "I64"
    /// Signed 32-bit integer, rounded to the nearest float32.
    case i32 = "I32"
    /// Signed 16-bit integer.
    case i16 = "I16"
    /// Signed 8-bit integer.
    case i8 = "I8"
    /// Unsigned 8-bit integer.
    case u8 = "U8"

    /// Bytes per element.
    public var byteSize: Int {
      switch self {
      case .f64, .i64: 8
      case .f32, .i32: 4
      case .f16, .bf16, .i16: 2
      case .i8, .u8: 1
      }
    }
  }

  /// The tensors by name.
  public var tensors: [String: Tensor]
  /// The free-form `__metadata__` map (string to string).
  public var metadata: [String: String]

  /// Wraps tensors and metadata, for writing.
  public init(tensors: [String: Tensor], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  /// Reads and validates the safetensors file at `url`.
  public init(contentsOf url: URL) throws(ModelError) {
    let data = try FileAccess.read(url)
    try self.init(data: data, file: url.path)
  }

  /// Decodes and validates safetensors bytes; `file` names them in errors.
  public init(data: Data, file: String) throws(ModelError) {
    let size = data.count
    guard size >= 8 else { throw .truncated(file: file, size: size, needed: 8) }
    let headerLength = data.withUnsafeBytes { raw in
      UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
    }
    let available = min(size - 8, ModelLimits.maximumHeaderBytes)
    guard headerLength <= UInt64(available) else {
      throw .headerLengthOutOfRange(file: file, headerLength: headerLength, available: available)
    }
    let length = Int(headerLength)
    let headerBytes: [UInt8] = data.withUnsafeBytes { Array($0[8..<(8 + length)]) }
    let dataSize = size - 8 - length
    let header = try SafeTensorsHeader(bytes: headerBytes, dataSize: dataSize, file: file)
    try header.checkLayout(dataSize: dataSize, fileSize: size, file: file)
    let start = 8 + length
    var tensors: [String: Tensor] = [:]
    data.withUnsafeBytes { raw in
      for entry in header.entries {
        let bytes = UnsafeRawBufferPointer(
          rebasing: raw[(start + entry.begin)..<(start + entry.end)])
        tensors[entry.name] = Tensor(shape: entry.shape, scalars: entry.dtype.decode(bytes))
      }
    }
    self.tensors = tensors
    self.metadata = header.metadata
  }

  /// The file's bytes: tensors sorted by name, all `F32`, header padded with spaces to a
  /// multiple of 8 bytes so that the data is aligned. Equal values give equal bytes.
  public func encoded() -> Data {
    let names = tensors.keys.sorted()
    var members: [JSONValue.Member] = []
    if !metadata.isEmpty {
      let entries = metadata.keys.sorted().map { key in
        JSONValue.Member(key: key, value: .string(metadata[key] ?? ""))
      }
      members.append(.init(key: "__metadata__", value: .object(entries)))
    }
    var offset = 0
    for name in names {
      let count = tensors[name]?.count ?? 0
      let entry: [JSONValue.Member] = [
        .init(key: "dtype", value: .string(DType.f32.rawValue)),
        .init(key: "shape", value: .array((tensors[name]?.shape ?? []).map { .integer($0) })),
        .init(
          key: "data_offsets", value: .array([.integer(offset), .integer(offset + 4 * count)])),
      ]
      members.append(.init(key: name, value: .object(entry)))
      offset += 4 * count
    }
    var header = Array(JSONValue.object(members).rendered.utf8)
    header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
    var data = Data(capacity: 8 + header.count + offset)
    withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(contentsOf: header)
    for name in names {
      for scalar in tensors[name]?.scalars ?? [] {
        withUnsafeBytes(of: scalar.bitPattern.littleEndian) { data.append(contentsOf: $0) }
      }
    }
    return data
  }

  /// Writes `encoded()` to `url` atomically (a temporary file renamed into place).
  public func write(to url: URL) throws(ModelError) {
    try FileAccess.write(encoded(), to: url)
  }
}

extension SafeTensors.DType {
  /// Converts little-endian elements of this type to `Float`.
  func decode(_ bytes: UnsafeRawBufferPointer) -> [Float] {
    let size = byteSize
    func load<T: FixedWidthInteger>(_: T.Type, _ index: Int) -> T {
      T(littleEndian: bytes.loadUnaligned(fromByteOffset: index * size, as: T.self))
    }
    let indices = 0..<(bytes.count / size)
    switch self {
    case .f64: return indices.map { Float(Double(bitPattern: load(UInt64.self, $0))) }
    case .f32: return indices.map { Float(bitPattern: load(UInt32.self, $0)) }
    case .f16: return indices.map { Float(Float16(bitPattern: load(UInt16.self, $0))) }
    case .bf16: return indices.map { Float(bitPattern: UInt32(load(UInt16.self, $0)) << 16) }
    case .i64: return indices.map { Float(load(Int64.self, $0)) }
    case .i32: return indices.map { Float(load(Int32.self, $0)) }
    case .i16: return indices.map { Float(load(Int16.self, $0)) }
    case .i8: return indices.map { Float(load(Int8.self, $0)) }
    case .u8: return indices.map { Float(load(UInt8.self, $0)) }
    }
  }
}
