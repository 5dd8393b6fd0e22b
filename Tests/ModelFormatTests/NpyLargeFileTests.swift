import Foundation
import ModelFormat
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// A 4 GiB detector scan is read frame by frame through the mapping, never whole.
@Suite struct NpyLargeFileTests {
  /// Resident memory of this process in bytes, from /proc/self/statm.
  static func residentBytes() throws -> Int {
    let fields = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
      .split(separator: " ")
    return (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
  }

  /// Writes a header for `shape` and extends the file to full length without writing data,
  /// so the file claims its size but holds (almost) no blocks on disk.
  static func sparseFile(at url: URL, shape: [Int], length: Int? = nil) throws {
    let header = NpyHeader(dtype: .float32, shape: shape)
    try Data(header.encoded()).write(to: url)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    let dataBytes = shape.reduce(4, *)
    try handle.truncate(atOffset: UInt64(length ?? header.dataOffset + dataBytes))
  }

  @Test func readsFrameZeroOfA4GiBScanWithoutLoadingTheRest() throws {
    try TemporaryDirectory.with { folder in
      let url = folder.appendingPathComponent("scan.npy")
      // 256 × 256 probe positions, 128 × 128 float32 frames: 4 GiB of data.
      try Self.sparseFile(at: url, shape: [256, 256, 128, 128])
      var status = stat()
      #expect(stat(url.path, &status) == 0)
      #expect(Int(status.st_size) == 4 << 30 + 128)
      #expect(Int(status.st_blocks) * 512 < 1 << 20, "the file is sparse on this file system")

      let before = try Self.residentBytes()
      let scan = try NpyFile(path: url.path)
      #expect(scan.isMemoryMapped)
      #expect(scan.elementCount == 1 << 30)
      let frame = try scan.floats(elements: 0..<128 * 128)
      let lastFrame = try scan.floats(elements: (1 << 30) - 128 * 128..<1 << 30)
      let row = try scan.floats(items: 255..<256)
      let grown = try Self.residentBytes() - before
      #expect(frame.count == 16_384 && frame.allSatisfy { $0 == 0 })
      #expect(lastFrame.count == 16_384)
      #expect(row.count == 256 * 128 * 128)
      // One row of frames is 16 MiB; reading the scan whole would add 4 GiB.
      #expect(grown < 256 << 20, "resident memory grew by \(grown >> 20) MiB")
    }
  }

  @Test func refusesAnAbsurdDimensionOnDiskWithoutAllocating() throws {
    try TemporaryDirectory.with { folder in
      let url = folder.appendingPathComponent("absurd.npy")
      let header = NpyHeader(dtype: .float32, shape: [1_000_000_000_000])
      try Data(header.encoded()).write(to: url)
      let before = try Self.residentBytes()
      #expect(
        throws: NpyError.truncatedData(
          path: url.path, shape: [1_000_000_000_000], dtype: .float32,
          expectedBytes: 4_000_000_000_000, actualBytes: 0)
      ) {
        try NpyFile(path: url.path)
      }
      #expect(try Self.residentBytes() - before < 64 << 20)
    }
  }

  @Test func refusesToReadWholeAnArrayLargerThanMemory() throws {
    try TemporaryDirectory.with { folder in
      // A sparse 4 TiB file maps fine, but converting it whole cannot fit in memory.
      let url = folder.appendingPathComponent("huge.npy")
      let shape = [1 << 20, 1 << 20]
      try Self.sparseFile(at: url, shape: shape)
      let huge = try NpyFile(path: url.path)
      #expect {
        try huge.floats()
      } throws: { error in
        guard case .tooLargeForMemory(let path, let errorShape, let bytes, _) = error as? NpyError
        else { return false }
        return path == url.path && errorShape == shape && bytes == 1 << 42
      }
      #expect(try huge.floats(items: 7..<8).count == 1 << 20)
    }
  }
}
