import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a command's text goes: the process's stdout or stderr, or a buffer in memory.
///
/// Commands never call `print`; they write to the outputs in their ``CommandContext``, so a
/// test can run a command in-process and read exactly what it wrote to each stream. Writes
/// are unbuffered and serialised, so lines from several threads never interleave.
///
/// ```swift
/// let output = TextOutput.capturing()
/// output.write("hello\n")
/// output.text  // "hello\n"
/// ```
public final class TextOutput: Sendable {
  /// The process's standard output.
  public static let standardOutput = TextOutput(descriptor: STDOUT_FILENO)
  /// The process's standard error.
  public static let standardError = TextOutput(descriptor: STDERR_FILENO)

  /// Whether the output is an interactive terminal, where a progress line makes sense.
  public let isTerminal: Bool
  private let descriptor: Int32?
  private let captured = Mutex("")

  private init(descriptor: Int32?, isTerminal: Bool) {
    self.descriptor = descriptor
    self.isTerminal = isTerminal
  }

  private convenience init(descriptor: Int32) {
    self.init(descriptor: descriptor, isTerminal: isatty(descriptor) == 1)
  }

  /// An output that keeps what is written, for tests; `isTerminal` pretends to be a tty.
  public static func capturing(isTerminal: Bool = false) -> TextOutput {
    TextOutput(descriptor: nil, isTerminal: isTerminal)
  }

  /// Everything written so far to a capturing output (empty for stdout and stderr).
  public var text: String {
    captured.withLock { $0 }
  }

  /// Writes `text` as is; add the newline yourself.
  public func write(_ text: String) {
    captured.withLock { buffer in
      guard let descriptor else {
        buffer += text
        return
      }
      var bytes = Array(text.utf8)[...]
      while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { raw in
          raw.baseAddress.map { systemWrite(descriptor, $0, raw.count) } ?? 0
        }
        if written < 0, errno == EINTR { continue }
        // A closed pipe or full disk: nothing more can be said on this stream.
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
      }
    }
  }
}

/// The C library's `write(2)`, which `TextOutput.write(_:)` hides inside the class.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  write(descriptor, bytes, count)
}
