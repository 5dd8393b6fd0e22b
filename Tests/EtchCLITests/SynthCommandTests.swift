import Foundation
import ModelFormat
import TestSupport
import Testing

/// `etch synth` through the built binary: deterministic files, their shapes and labels, and
/// bad usage.
@Suite struct SynthCommandTests {
  /// The bytes of every file `etch synth` wrote into `folder`, by name.
  static func files(in folder: URL) throws -> [String: Data] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    return try Dictionary(
      uniqueKeysWithValues: names.map {
        ($0, try Data(contentsOf: folder.appendingPathComponent($0)))
      })
  }

  @Test(arguments: [
    ["bragg", "--count", "40"], ["stem", "--count", "20", "--scan", "4"],
    ["lattice", "--count", "20", "--size", "32"],
  ])
  func writesTheSameBytesForTheSameSeed(arguments: [String]) throws {
    try TemporaryDirectory.with { folder in
      var written: [[String: Data]] = []
      for (name, seed) in [("a", "5"), ("b", "5"), ("c", "6")] {
        let out = folder.appendingPathComponent(name)
        let output = try EtchBinary.run(
          ["synth"] + arguments + ["--seed", seed, "--out", out.path])
        #expect(output.status == 0, "\(output.stderr)")
        written.append(try Self.files(in: out))
      }
      #expect(written[0] == written[1])
      #expect(!written[0].isEmpty && written[0].keys == written[2].keys)
      let frames = written[0].keys.first { $0 == "patches.npy" || $0 == "frames.npy" } ?? ""
      #expect(written[0][frames] != written[2][frames])
    }
  }

  /// Item i depends on the seed and i only: the first 8 of 16 patches are the 8 patches of
  /// a shorter run.
  @Test func makesItemsIndependentOfTheCount() throws {
    try TemporaryDirectory.with { folder in
      for count in ["8", "16"] {
        let out = folder.appendingPathComponent(count).path
        let output = try EtchBinary.run(["synth", "bragg", "--count", count, "--out", out])
        #expect(output.status == 0)
      }
      let short = try NpyFile(path: folder.appendingPathComponent("8/patches.npy").path).floats()
      let long = try NpyFile(path: folder.appendingPathComponent("16/patches.npy").path).floats()
      #expect(short.count == 8 * 121 && Array(long.prefix(short.count)) == short)
    }
  }

  @Test func writesStemFramesLabelsAndPositionsAsJSON() throws {
    try TemporaryDirectory.with { folder in
      let out = folder.appendingPathComponent("stem").path
      let output = try EtchBinary.run([
        "synth", "stem", "--size", "128", "--scan", "3", "--count", "10", "--dose", "100:1000",
        "--max-strain", "0.01", "--beam-stop", "--out", out, "--json",
      ])
      #expect(output.status == 0 && output.stderr.isEmpty)
      let object = try CLIFixtures.object(output)
      #expect(object["kind"] as? String == "stem" && object["count"] as? Int == 10)
      #expect(object["dose"] as? String == "100:1000" && object["beam_stop"] as? Bool == true)
      let files = try #require(object["files"] as? [[String: Any]])
      #expect(files.map { $0["name"] as? String } == ["frames.npy", "labels.npy", "positions.npy"])
      #expect(files.map { $0["shape"] as? [Int] } == [[10, 1, 128, 128], [10, 4], [10, 3]])
      let labels = try NpyFile(path: out + "/labels.npy").floats()
      #expect(labels.enumerated().allSatisfy { $0.offset % 4 == 3 || abs($0.element) <= 0.01 })
      let positions = try NpyFile(path: out + "/positions.npy").floats()
      // Scans of 3×3: frame 9 is the first of scan 1.
      #expect(Array(positions[27..<30]) == [1, 0, 0] && Array(positions[15..<18]) == [0, 1, 2])
    }
  }

  @Test func labelsLatticeFramesWithClassIndices() throws {
    try TemporaryDirectory.with { folder in
      let out = folder.path
      let output = try EtchBinary.run(["synth", "lattice", "--count", "50", "--out", out])
      #expect(output.status == 0)
      #expect(output.stdout.contains("wrote \(out)/labels.npy [50] int64"))
      let labels = try NpyFile(path: out + "/labels.npy")
      #expect(labels.header.dtype == .int64)
      #expect(try labels.floats().allSatisfy { (0...4).contains($0) && $0 == $0.rounded() })
    }
  }

  @Test(arguments: [
    (["synth", "--out", "x"], "missing argument KIND"),
    (["synth", "crystal", "--out", "x"], "invalid value 'crystal' for KIND"),
    (["synth", "bragg"], "missing required option --out DIR"),
    (["synth", "bragg", "--count", "0", "--out", "x"], "--count 0 is out of range"),
    (["synth", "bragg", "--seed", "-1", "--out", "x"], "--seed -1 is negative"),
    (["synth", "stem", "--dose", "0", "--out", "x"], "invalid value '0' for --dose"),
    (["synth", "stem", "--dose", "9", "--no-noise", "--out", "x"], "exclude each other"),
    (["synth", "bragg", "--scan", "4", "--out", "x"], "--scan applies to stem only"),
    (["synth", "bragg", "--beam-stop", "--out", "x"], "applies to lattice and stem only"),
    (["synth", "stem", "--size", "8", "--out", "x"], "size 8 is out of range"),
    (["synth", "lattice", "--max-strain", "0.1", "--out", "x"], "maximum strain 0.1"),
  ])
  func refusesBadUsageWithStatus64(arguments: [String], message: String) throws {
    try TemporaryDirectory.with { folder in
      let output = try EtchBinary.run(arguments, in: folder)
      #expect(output.status == 64, "\(arguments)")
      #expect(output.stderr.contains(message), "\(arguments): \(output.stderr)")
      #expect(output.stdout.isEmpty)
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
  }

  @Test func failsWhenTheFolderCannotBeCreated() throws {
    try TemporaryDirectory.with { folder in
      let file = folder.appendingPathComponent("file")
      try Data().write(to: file)
      let output = try EtchBinary.run(["synth", "bragg", "--out", file.path + "/sub"])
      #expect(output.status == 1)
      #expect(output.stderr.hasPrefix("\(file.path)/sub: error: cannot create the folder"))
    }
  }
}
