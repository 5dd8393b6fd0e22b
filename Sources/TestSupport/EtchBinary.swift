import Foundation

/// The built `etch` executable, run as a user would run it, for end-to-end tests.
///
/// SwiftPM puts the test runner (`EtchPackageTests.xctest`) and the `etch` executable in the
/// same build folder (`.build/<triple>/<debug|release>/`), for `swift test` and
/// `swift test -c release` alike, so the executable is found beside the running test
/// process. `ETCH_BINARY` overrides the location, to test an installed copy.
///
/// ```swift
/// let output = try EtchBinary.run(["help", "nosuch"])
/// #expect(output.status == 64)
/// ```
public enum EtchBinary {
  /// Why the executable could not be run.
  public enum Failure: Error, CustomStringConvertible {
    /// No executable exists at the expected path.
    case notBuilt(path: String)

    /// One sentence saying what to do.
    public var description: String {
      switch self {
      case .notBuilt(let path):
        "\(path): the etch executable is not built; run 'swift build' (or set ETCH_BINARY)"
      }
    }
  }

  /// The executable's location: `$ETCH_BINARY`, or `etch` beside the running test process.
  public static var url: URL {
    if let custom = ProcessInfo.processInfo.environment["ETCH_BINARY"], !custom.isEmpty {
      return URL(fileURLWithPath: custom)
    }
    let runner =
      Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    return runner.resolvingSymlinksInPath().deletingLastPathComponent()
      .appendingPathComponent("etch")
  }

  /// Runs `etch` with `arguments`, feeding it `stdin` (empty if `nil`), in `directory` (the
  /// current one if `nil`), and waits for it to exit.
  public static func run(
    _ arguments: [String], stdin: String? = nil, in directory: URL? = nil
  ) throws -> ProcessOutput {
    let executable = url
    guard FileManager.default.isExecutableFile(atPath: executable.path) else {
      throw Failure.notBuilt(path: executable.path)
    }
    // Files rather than pipes: a child that fills a pipe nobody is reading would block.
    return try TemporaryDirectory.with { folder in
      let inputURL = folder.appendingPathComponent("stdin")
      let outputURL = folder.appendingPathComponent("stdout")
      let errorURL = folder.appendingPathComponent("stderr")
      try Data((stdin ?? "").utf8).write(to: inputURL)
      try Data().write(to: outputURL)
      try Data().write(to: errorURL)
      let input = try FileHandle(forReadingFrom: inputURL)
      let output = try FileHandle(forWritingTo: outputURL)
      let error = try FileHandle(forWritingTo: errorURL)
      defer {
        try? input.close()
        try? output.close()
        try? error.close()
      }
      let process = Process()
      process.executableURL = executable
      process.arguments = arguments
      process.standardInput = input
      process.standardOutput = output
      process.standardError = error
      if let directory { process.currentDirectoryURL = directory }
      try process.run()
      process.waitUntilExit()
      let status =
        process.terminationReason == .uncaughtSignal
        ? 128 + process.terminationStatus : process.terminationStatus
      return ProcessOutput(
        status: status,
        stdout: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
  }
}
