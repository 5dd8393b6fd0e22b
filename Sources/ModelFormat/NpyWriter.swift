#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if _endian(big)
  #error("NpyWriter writes the host's bytes as little-endian data; add a byte swap first")
#endif

/// Writes a NumPy `.npy` file atomically, all at once or streamed in parts.
///
/// The data goes to a temporary file beside the destination, which is synced and renamed
/// over it only when every element promised by the shape has been written. A failure (a full
/// disk, a wrong element count, a crash) leaves any earlier file at the path untouched and
/// removes the temporary file. Streaming lets `etch run` write the outputs of a scan larger
/// than memory batch by batch. The header is exactly the one `numpy.save` writes.
///
/// ```swift
/// try NpyWriter.write(outputs, shape: [8, 2], to: "out.npy")   // [Float] → '<f4'
///
/// let writer = try NpyWriter<Float>(path: "big.npy", shape: [65536, 2])
/// for batch in batches { try writer.append(batch) }
/// try writer.finish()
/// ```
public final class NpyWriter<Element: NpyElement> {
  /// The destination path.
  public let path: String
  /// The shape written in the header; the element count must match it exactly.
  public let shape: [Int]
  private let temporaryPath: String
  private let expectedCount: Int
  private var writtenCount = 0
  /// The open temporary file, or -1 once the writer has finished or failed.
  private var descriptor: Int32

  /// Creates the temporary file and writes the header for an array of `shape`.
  public init(path: String, shape: [Int]) throws(NpyError) {
    guard shape.count <= NpyHeader.maximumRank else {
      throw .invalidField(
        path: path, field: "shape", found: "\(shape.count) dimensions",
        expected: "at most \(NpyHeader.maximumRank), as NumPy allows")
    }
    guard NpyHeader.byteCount(of: shape, dtype: Element.npyDType) != nil else {
      throw .shapeTooLarge(path: path, shape: shape, dtype: Element.npyDType)
    }
    self.path = path
    self.shape = shape
    self.expectedCount = NpyHeader.elementCount(of: shape)
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    self.temporaryPath =
      "\(folder).\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    self.descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw .writeFailed(path: path, reason: NpyStorage.systemError()) }
    let header = NpyHeader(dtype: Element.npyDType, shape: shape).encoded()
    try header.withUnsafeBytes { bytes in Result { () throws(NpyError) in try writeBytes(bytes) } }
      .get()
  }

  deinit {
    discard()
  }

  /// Writes `values` and then an atomic rename into place, in one call.
  public static func write(_ values: [Element], shape: [Int], to path: String) throws(NpyError) {
    let writer = try NpyWriter(path: path, shape: shape)
    try writer.append(values)
    try writer.finish()
  }

  /// Appends the next elements in C order.
  public func append(_ values: [Element]) throws(NpyError) {
    try values.withUnsafeBufferPointer { buffer in
      Result { () throws(NpyError) in try append(buffer) }
    }.get()
  }

  /// Appends the next elements in C order from a buffer, without copying them first.
  public func append(_ values: UnsafeBufferPointer<Element>) throws(NpyError) {
    guard writtenCount + values.count <= expectedCount else {
      let actual = writtenCount + values.count
      discard()
      throw .elementCountMismatch(path: path, shape: shape, expected: expectedCount, actual: actual)
    }
    try writeBytes(UnsafeRawBufferPointer(values))
    writtenCount += values.count
  }

  /// Checks the element count, syncs the data to disk and renames the file into place.
  public func finish() throws(NpyError) {
    guard writtenCount == expectedCount else {
      discard()
      throw .elementCountMismatch(
        path: path, shape: shape, expected: expectedCount, actual: writtenCount)
    }
    guard descriptor >= 0, fsync(descriptor) == 0, close(descriptor) == 0 else {
      let reason = descriptor >= 0 ? NpyStorage.systemError() : "the writer already finished"
      discard()
      throw .writeFailed(path: path, reason: reason)
    }
    descriptor = -1
    guard rename(temporaryPath, path) == 0 else {
      let reason = NpyStorage.systemError()
      unlink(temporaryPath)
      throw .writeFailed(path: path, reason: reason)
    }
  }

  private func writeBytes(_ bytes: UnsafeRawBufferPointer) throws(NpyError) {
    guard descriptor >= 0 else {
      throw .writeFailed(path: path, reason: "the writer already finished or failed")
    }
    var offset = 0
    while offset < bytes.count, let base = bytes.baseAddress {
      let written = systemWrite(descriptor, base + offset, bytes.count - offset)
      if written < 0, errno == EINTR { continue }
      guard written > 0 else {
        let reason = NpyStorage.systemError()
        discard()
        throw .writeFailed(path: path, reason: reason)
      }
      offset += written
    }
  }

  /// Closes and removes the temporary file, leaving the destination as it was.
  private func discard() {
    guard descriptor >= 0 else { return }
    close(descriptor)
    unlink(temporaryPath)
    descriptor = -1
  }
}

/// The C library's `write(2)`, which `NpyWriter.write(_:shape:to:)` hides inside the class.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
