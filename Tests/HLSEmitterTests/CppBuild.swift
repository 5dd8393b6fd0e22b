import Foundation
import Synchronization
import TestSupport

/// Runs g++ and the programs it builds, counting the time spent in g++.
enum CppBuild {
  /// A command that failed.
  struct Failure: Error, CustomStringConvertible {
    let command: String
    let output: ProcessOutput
    var description: String {
      "\(command) exited with \(output.status)\n\(output.stderr.prefix(4000))"
        + "\(output.stdout.prefix(2000))"
    }
  }

  /// Seconds spent in g++ by this test process, for the summary the tests print.
  static let compileSeconds = Mutex(0.0)

  /// Runs `executable` with `arguments` in `directory`; throws unless it exits with 0.
  @discardableResult
  static func run(_ executable: String, _ arguments: [String], in directory: URL) throws
    -> ProcessOutput
  {
    let output = try TemporaryDirectory.with { folder in
      let outURL = folder.appendingPathComponent("stdout")
      let errURL = folder.appendingPathComponent("stderr")
      try Data().write(to: outURL)
      try Data().write(to: errURL)
      let out = try FileHandle(forWritingTo: outURL)
      let err = try FileHandle(forWritingTo: errURL)
      defer {
        try? out.close()
        try? err.close()
      }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = [executable] + arguments
      process.currentDirectoryURL = directory
      process.standardOutput = out
      process.standardError = err
      try process.run()
      process.waitUntilExit()
      return ProcessOutput(
        status: process.terminationStatus,
        stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
        stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
    guard output.status == 0 else {
      throw Failure(command: ([executable] + arguments).joined(separator: " "), output: output)
    }
    return output
  }

  /// Compiles `sources` into `binary` with `-std=c++14 -O1 -DNDEBUG` (as `csim.sh` does) and
  /// the `ap_types` headers.
  static func compile(
    _ sources: [String], to binary: String, includes: [String] = [], defines: [String] = [],
    in directory: URL
  ) throws {
    let headers = try APTypes.folder().path
    let start = ContinuousClock.now
    defer {
      let elapsed = ContinuousClock.now - start
      let seconds =
        Double(elapsed.components.seconds)
        + Double(elapsed.components.attoseconds) * 1e-18
      compileSeconds.withLock { $0 += seconds }
    }
    let arguments =
      ["-std=c++14", "-O1", "-DNDEBUG", "-I\(headers)"] + includes.map { "-I\($0)" }
      + defines.map { "-D\($0)" } + sources + ["-o", binary]
    try run("g++", arguments, in: directory)
  }
}
