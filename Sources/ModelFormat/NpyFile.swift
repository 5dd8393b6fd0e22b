#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A NumPy `.npy` file opened for reading, memory-mapped so that only what is read is loaded.
///
/// Opening parses and checks the header and compares the data length with the shape, so a
/// truncated file or an absurd shape is refused before anything is allocated. Reading then
/// converts any supported element type to `Float` (or to `Int`, for labels), either the whole
/// array or a range of items along the leading axis: frame 0 of a 4 GiB detector scan costs
/// one frame. The value is `Sendable`; several threads may read different frames at once.
///
/// ```swift
/// let frames = try NpyFile(path: "scan.npy")      // shape [65536, 128, 128], '<f4'
/// let first = try frames.floats(items: 0..<1)     // 16,384 floats; the rest stays on disk
/// let labels = try NpyFile(path: "labels.npy").integers()
/// ```
public struct NpyFile: Sendable {
  /// The path the file was opened from, as given; every error names it.
  public let path: String
  /// The parsed header: element type, shape and data offset.
  public let header: NpyHeader
  /// The number of elements, the product of `shape` (1 for a 0-d array).
  public let elementCount: Int
  private let storage: NpyStorage

  /// Opens and memory-maps the file at `path`, checking its header and length.
  public init(path: String) throws(NpyError) {
    try self.init(storage: NpyStorage.map(path: path), path: path)
  }

  /// Reads a `.npy` file that is already in memory; `path` names it in errors.
  public init(bytes: [UInt8], path: String) throws(NpyError) {
    try self.init(storage: NpyStorage(copying: bytes), path: path)
  }

  private init(storage: NpyStorage, path: String) throws(NpyError) {
    let header = try NpyHeader.parse(storage.bytes, path: path)
    guard let byteCount = NpyHeader.byteCount(of: header.shape, dtype: header.dtype) else {
      throw .shapeTooLarge(path: path, shape: header.shape, dtype: header.dtype)
    }
    let available = storage.bytes.count - header.dataOffset
    // Trailing bytes are ignored, as numpy.load ignores them.
    guard available >= byteCount else {
      throw .truncatedData(
        path: path, shape: header.shape, dtype: header.dtype, expectedBytes: byteCount,
        actualBytes: available)
    }
    self.path = path
    self.header = header
    self.elementCount = NpyHeader.elementCount(of: header.shape)
    self.storage = storage
  }

  /// The array's dimensions, outermost first; empty for a 0-d array.
  public var shape: [Int] { header.shape }

  /// The element type stored in the file.
  public var dtype: NpyDType { header.dtype }

  /// Whether the data is read through a memory mapping of the file rather than a copy.
  public var isMemoryMapped: Bool { storage.isMapped }

  /// The length of the leading axis: the number of frames or samples (1 for a 0-d array).
  public var itemCount: Int { shape.first ?? 1 }

  /// The shape of one item: `shape` without its leading axis.
  public var itemShape: [Int] { Array(shape.dropFirst()) }

  /// The number of elements in one item.
  public var elementsPerItem: Int { NpyHeader.elementCount(of: itemShape) }

  /// Checks that each item has the shape a model expects, e.g. `[1, 11, 11]` for BraggNN.
  ///
  /// `role` names what needs the shape in the error, such as `"the model input 'x'"`.
  public func checkItemShape(_ expected: [Int], role: String) throws(NpyError) {
    guard !shape.isEmpty, itemShape == expected else {
      throw .itemShapeMismatch(path: path, shape: shape, expectedItemShape: expected, role: role)
    }
  }

  /// Every element, converted to `Float`.
  ///
  /// Throws ``NpyError/tooLargeForMemory(path:shape:bytes:available:)`` rather than trap
  /// when the converted array cannot fit in this machine's memory; read it by items instead.
  public func floats() throws(NpyError) -> [Float] {
    try floats(elements: 0..<elementCount)
  }

  /// The elements of the items in `range` along the leading axis, converted to `Float`.
  public func floats(items range: Range<Int>) throws(NpyError) -> [Float] {
    try floats(elements: elementRange(items: range))
  }

  /// The elements in `range` of the flattened (C-order) array, converted to `Float`.
  public func floats(elements range: Range<Int>) throws(NpyError) -> [Float] {
    try checkBounds(range, unit: "element", count: elementCount)
    try checkMemory(for: range.count, bytesPerElement: MemoryLayout<Float>.stride)
    return [Float](unsafeUninitializedCapacity: range.count) { buffer, initialized in
      convertFloats(from: range, into: buffer)
      initialized = range.count
    }
  }

  /// Converts the items in `range` to `Float` into `buffer`, which holds at least as many
  /// elements; lets a streaming reader reuse one buffer for every batch of frames.
  public func readFloats(items range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>)
    throws(NpyError)
  {
    try readFloats(elements: elementRange(items: range), into: buffer)
  }

  /// Converts the elements in `range` to `Float` into `buffer`, which holds at least as many.
  public func readFloats(
    elements range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>
  ) throws(NpyError) {
    try checkBounds(range, unit: "element", count: elementCount)
    precondition(buffer.count >= range.count, "buffer holds fewer elements than requested")
    convertFloats(from: range, into: buffer)
  }

  /// Every element as an `Int`, for class labels and indices.
  ///
  /// Integer types convert exactly; floating-point elements must be whole numbers, or
  /// ``NpyError/notAnInteger(path:index:value:)`` names the first that is not.
  public func integers() throws(NpyError) -> [Int] {
    try integers(items: 0..<itemCount)
  }

  /// The elements of the items in `range` along the leading axis, as `Int`.
  public func integers(items range: Range<Int>) throws(NpyError) -> [Int] {
    let elements = try elementRange(items: range)
    try checkMemory(for: elements.count, bytesPerElement: MemoryLayout<Int>.stride)
    var failure: NpyError?
    let values = [Int](unsafeUninitializedCapacity: elements.count) { buffer, initialized in
      failure = convertIntegers(from: elements, into: buffer)
      initialized = failure == nil ? elements.count : 0
    }
    if let failure { throw failure }
    return values
  }

  private func elementRange(items range: Range<Int>) throws(NpyError) -> Range<Int> {
    try checkBounds(range, unit: "item", count: itemCount)
    let perItem = elementsPerItem
    return range.lowerBound * perItem..<range.upperBound * perItem
  }

  private func checkBounds(_ range: Range<Int>, unit: String, count: Int) throws(NpyError) {
    guard range.lowerBound >= 0, range.upperBound <= count else {
      throw .outOfBounds(path: path, unit: unit, range: range, count: count)
    }
  }

  private func checkMemory(for count: Int, bytesPerElement: Int) throws(NpyError) {
    let pages = sysconf(Int32(_SC_PHYS_PAGES))
    let pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return }
    let (memory, overflow) = pages.multipliedReportingOverflow(by: pageSize)
    guard !overflow, count > memory / bytesPerElement else { return }
    let bytes = count > Int.max / bytesPerElement ? Int.max : count * bytesPerElement
    throw .tooLargeForMemory(path: path, shape: shape, bytes: bytes, available: memory)
  }

  /// The raw bytes of the elements in `range`, which the caller has bounds-checked.
  private func rawBytes(_ range: Range<Int>) -> UnsafeRawPointer? {
    storage.bytes.baseAddress.map { $0 + header.dataOffset + range.lowerBound * dtype.byteWidth }
  }

  private func convertFloats(from range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Float>)
  {
    guard let source = rawBytes(range), let target = buffer.baseAddress, !range.isEmpty else {
      return
    }
    let count = range.count
    switch dtype {
    case .float32:
      #if _endian(little)
        UnsafeMutableRawPointer(target).copyMemory(from: source, byteCount: count * 4)
      #else
        Self.convert(source, count, target, UInt32.self) { Float(bitPattern: $0) }
      #endif
    case .float64:
      Self.convert(source, count, target, UInt64.self) { Float(Double(bitPattern: $0)) }
    case .int8: Self.convert(source, count, target, Int8.self) { Float($0) }
    case .uint8: Self.convert(source, count, target, UInt8.self) { Float($0) }
    case .int16: Self.convert(source, count, target, Int16.self) { Float($0) }
    case .uint16: Self.convert(source, count, target, UInt16.self) { Float($0) }
    case .int32: Self.convert(source, count, target, Int32.self) { Float($0) }
    case .int64: Self.convert(source, count, target, Int64.self) { Float($0) }
    }
  }

  /// Converts to `Int`; returns the error for the first non-integral float, if any.
  private func convertIntegers(from range: Range<Int>, into buffer: UnsafeMutableBufferPointer<Int>)
    -> NpyError?
  {
    guard let source = rawBytes(range), let target = buffer.baseAddress, !range.isEmpty else {
      return nil
    }
    let count = range.count
    switch dtype {
    case .float32:
      return wholeNumbers(range, target) {
        Double(Float(bitPattern: Self.load(source, $0, as: UInt32.self)))
      }
    case .float64:
      return wholeNumbers(range, target) {
        Double(bitPattern: Self.load(source, $0, as: UInt64.self))
      }
    case .int8: Self.convert(source, count, target, Int8.self) { Int($0) }
    case .uint8: Self.convert(source, count, target, UInt8.self) { Int($0) }
    case .int16: Self.convert(source, count, target, Int16.self) { Int($0) }
    case .uint16: Self.convert(source, count, target, UInt16.self) { Int($0) }
    case .int32: Self.convert(source, count, target, Int32.self) { Int($0) }
    case .int64: Self.convert(source, count, target, Int64.self) { Int($0) }
    }
    return nil
  }

  /// Stores `value(i)` as `Int` for each element; fails on the first non-whole number.
  private func wholeNumbers(
    _ range: Range<Int>, _ target: UnsafeMutablePointer<Int>, _ value: (Int) -> Double
  ) -> NpyError? {
    for offset in 0..<range.count {
      let element = value(offset)
      guard let integer = Int(exactly: element) else {
        return .notAnInteger(path: path, index: range.lowerBound + offset, value: element)
      }
      (target + offset).initialize(to: integer)
    }
    return nil
  }

  /// Loads `count` little-endian values of type `Raw` and stores `transform` of each.
  @inline(__always)
  private static func convert<Raw: FixedWidthInteger, Result>(
    _ source: UnsafeRawPointer, _ count: Int, _ target: UnsafeMutablePointer<Result>,
    _ raw: Raw.Type, _ transform: (Raw) -> Result
  ) {
    for index in 0..<count {
      let value = load(source, index, as: Raw.self)
      (target + index).initialize(to: transform(value))
    }
  }

  /// The little-endian value of type `Raw` at element `index` of `source`.
  @inline(__always)
  private static func load<Raw: FixedWidthInteger>(
    _ source: UnsafeRawPointer, _ index: Int, as raw: Raw.Type
  ) -> Raw {
    Raw(littleEndian: source.loadUnaligned(fromByteOffset: index * MemoryLayout<Raw>.size, as: raw))
  }
}
