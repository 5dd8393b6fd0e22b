import Foundation

/// A fresh, empty folder for one test, removed with everything in it when the test is done.
///
/// Tests that write files (`.npy` outputs, HLS projects) each get their own folder, so tests
/// running in parallel never see each other's files and nothing is left behind in `/tmp`.
///
/// ```swift
/// try TemporaryDirectory.with { folder in
///   let path = folder.appendingPathComponent("out.npy").path
///   try NpyWriter.write([1, 2, 3] as [Float], shape: [3], to: path)
/// }
/// ```
public enum TemporaryDirectory {
  /// Creates a folder under the system's temporary directory, passes it to `body` and
  /// removes it afterwards, whether `body` returns or throws.
  public static func with<Result>(_ body: (URL) throws -> Result) throws -> Result {
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("etch-test-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder)
  }
}
