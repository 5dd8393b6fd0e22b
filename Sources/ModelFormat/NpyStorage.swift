#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a `.npy` file: a read-only memory mapping of the file, or a private copy.
///
/// Mapping lets a reader touch only the pages it converts, so frame 0 of a 4 GiB scan costs
/// one frame of memory and I/O, not 4 GiB; the kernel pages data in on demand and drops it
/// under memory pressure. The class exists for its identity: it owns the mapping and unmaps
/// it exactly once, when the last ``NpyFile`` sharing it goes away.
///
/// A mapping shares the file's fate: if another program truncates the file while it is open,
/// touching the lost pages raises `SIGBUS`. Etch's inputs are written once and then read,
/// and writers here replace files by rename (the old inode stays intact), so this is safe.
///
/// It is `@unchecked Sendable` because its bytes never change after `init` (the mapping is
/// `PROT_READ`, the copy is never written), so any number of threads may read them at once.
final class NpyStorage: @unchecked Sendable {
  /// The file's bytes, from the magic string to the end of the file.
  let bytes: UnsafeRawBufferPointer
  /// Whether `bytes` is a memory mapping of the file (rather than a copy in memory).
  let isMapped: Bool

  private init(bytes: UnsafeRawBufferPointer, isMapped: Bool) {
    self.bytes = bytes
    self.isMapped = isMapped
  }

  deinit {
    guard let base = bytes.baseAddress else { return }
    if isMapped {
      munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
    } else {
      base.deallocate()
    }
  }

  /// Maps the file at `path` read-only; nothing is read until the bytes are touched.
  static func map(path: String) throws(NpyError) -> NpyStorage {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: systemError()) }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw .cannotOpen(path: path, reason: systemError())
    }
    guard status.st_mode & S_IFMT == S_IFREG else { throw .notARegularFile(path: path) }
    let length = Int(status.st_size)
    // An empty file cannot be mapped; it is reported as a file without the magic string.
    guard length > 0 else { return NpyStorage(copying: []) }
    let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0)
    guard let address, address != MAP_FAILED else {
      throw .cannotOpen(path: path, reason: systemError())
    }
    return NpyStorage(bytes: UnsafeRawBufferPointer(start: address, count: length), isMapped: true)
  }

  /// Copies bytes that are already in memory, such as a file received over a network.
  convenience init(copying source: [UInt8]) {
    let buffer = UnsafeMutableRawBufferPointer.allocate(
      byteCount: max(source.count, 1), alignment: 16)
    source.withUnsafeBytes { buffer.copyMemory(from: $0) }
    self.init(bytes: UnsafeRawBufferPointer(rebasing: buffer[0..<source.count]), isMapped: false)
  }

  /// The description of the last system error, such as "No such file or directory".
  static func systemError() -> String {
    String(cString: strerror(errno))
  }
}
