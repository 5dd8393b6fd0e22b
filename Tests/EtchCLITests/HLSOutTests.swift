import Foundation
import TestSupport
import Testing

/// The committed `hls-out/` is what `scripts/emit-hls.sh` writes today, byte for byte, so the
/// generated projects stay current and a change to the emitter shows up in review.
@Suite struct HLSOutTests {
  /// Files the projects' own scripts create when a user runs them in `hls-out/` (ignored by
  /// git, see .gitignore); not emitted, so not compared.
  static func isLocalOutput(_ path: String) -> Bool {
    let first = path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
    return first == "build" || first.hasSuffix("_prj")
      || path.contains("/tb_data/out_") || path.hasSuffix(".log")
  }

  /// Runs `scripts/emit-hls.sh OUT` with the built `etch`; throws with its stderr on failure.
  static func emit(into out: URL) throws {
    let script = SharedData.repositoryRoot.appendingPathComponent("scripts/emit-hls.sh")
    let output = try TemporaryDirectory.with { folder in
      let log = folder.appendingPathComponent("stderr")
      try Data().write(to: log)
      let handle = try FileHandle(forWritingTo: log)
      defer { try? handle.close() }
      let process = Process()
      process.executableURL = URL(fileURLWithPath: "/bin/bash")
      process.arguments = [script.path, out.path]
      var environment = ProcessInfo.processInfo.environment
      environment["ETCH"] = EtchBinary.url.path
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = handle
      try process.run()
      process.waitUntilExit()
      return (process.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }
    try #require(output.0 == 0, "scripts/emit-hls.sh failed: \(output.1)")
  }

  @Test("hls-out/ holds exactly what scripts/emit-hls.sh writes now")
  func hlsOutIsCurrent() throws {
    try TemporaryDirectory.with { folder in
      try Self.emit(into: folder)
      let emitted = try CompileOutputTests.tree(folder)
      let committed = try CompileOutputTests.tree(
        SharedData.repositoryRoot.appendingPathComponent("hls-out")
      ).filter { !Self.isLocalOutput($0.key) }
      #expect(!emitted.isEmpty, "scripts/emit-hls.sh wrote nothing")
      let paths = Set(emitted.keys).union(committed.keys).sorted()
      let first = paths.first { emitted[$0] != committed[$0] }
      if let first {
        let state: String
        if let old = committed[first], let new = emitted[first] {
          let (a, b) = ([UInt8](old), [UInt8](new))
          let byte =
            zip(a.indices, zip(a, b)).first { $0.1.0 != $0.1.1 }?.0 ?? min(a.count, b.count)
          state = "differs from what is emitted now (first at byte \(byte))"
        } else {
          state = committed[first] == nil ? "is missing" : "is no longer emitted"
        }
        let count = paths.filter { emitted[$0] != committed[$0] }.count
        let message =
          "hls-out/\(first) \(state); \(count) files differ: run scripts/emit-hls.sh "
          + "and commit hls-out/"
        Issue.record(Comment(rawValue: message))
      }
    }
  }
}
