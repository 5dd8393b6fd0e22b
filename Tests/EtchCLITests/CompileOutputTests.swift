import Foundation
import TestSupport
import Testing

/// `etch compile --out DIR` through the built binary: the project it writes, the options
/// that shape it, and their usage errors.
@Suite struct CompileOutputTests {
  /// Every regular file under `folder`, by path relative to it, with its bytes.
  static func tree(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let root = folder.resolvingSymlinksInPath().path
    guard let walker = FileManager.default.enumerator(atPath: root) else { return files }
    for case let path as String in walker {
      let url = URL(fileURLWithPath: root).appendingPathComponent(path)
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder),
        !isFolder.boolValue
      {
        files[path] = try Data(contentsOf: url)
      }
    }
    return files
  }

  /// The jet tagger (every tensor small): the default architecture is parallel, the default
  /// part xcvu9p at 5 ns; `--json` lists exactly the files on disk.
  @Test func writesTheProjectWithDefaults() throws {
    try TemporaryDirectory.with { folder in
      let out = folder.appendingPathComponent("jet")
      let output = try EtchBinary.run([
        "compile", CLIFixtures.golden("jet_tagger").path, "--precision", "ap_fixed<16,6>",
        "--out", out.path, "--json",
      ])
      #expect(output.status == 0, "\(output.stderr)")
      let hls = try #require(try CLIFixtures.object(output)["hls"] as? [String: Any])
      #expect(hls["io"] as? String == "parallel")
      #expect(hls["io_default"] as? Bool == true)
      #expect(hls["part"] as? String == "xcvu9p-flga2104-2L-e")
      #expect(hls["clock_period_ns"] as? Double == 5)
      #expect(hls["reuse"] as? Int == 1)
      let files = try Self.tree(out)
      #expect((hls["files"] as? [String]) == files.keys.sorted())
      let top = String(decoding: files["firmware/jet_tagger.cpp"] ?? Data(), as: UTF8.self)
      #expect(top.contains("#pragma HLS INTERFACE ap_vld"))
      let tcl = String(decoding: files["build_prj.tcl"] ?? Data(), as: UTF8.self)
      #expect(tcl.contains("set part {xcvu9p-flga2104-2L-e}\nset clock_period 5\n"))
      let readme = String(decoding: files["README.md"] ?? Data(), as: UTF8.self)
      #expect(readme.contains("Vitis HLS 2023.2"))
      #expect(readme.contains("Synthesis was not run"))
    }
  }

  /// A config's `reuse` section (what `etch budget --fit` writes) reaches the project: its
  /// default replaces `--reuse` and its per-layer factor wins for that layer, fused or not.
  @Test func takesReuseFactorsFromTheConfig() throws {
    try TemporaryDirectory.with { folder in
      let config = folder.appendingPathComponent("reuse.json")
      try Data(#"{"reuse": {"default": 2, "layers": {"fc2": 4}}}"#.utf8).write(to: config)
      let out = folder.appendingPathComponent("jet")
      let output = try EtchBinary.run([
        "compile", CLIFixtures.golden("jet_tagger").path, "--precision", "ap_fixed<16,6>",
        "--config", config.path, "--reuse", "8", "--out", out.path, "--json",
      ])
      #expect(output.status == 0, "\(output.stderr)")
      let hls = try #require(try CLIFixtures.object(output)["hls"] as? [String: Any])
      #expect(hls["reuse"] as? Int == 2)
      let top = String(
        decoding: try Data(contentsOf: out.appendingPathComponent("firmware/jet_tagger.cpp")),
        as: UTF8.self)
      // Four dense layers and the softmax: fc2 at 4, the others at the config's default.
      #expect(top.components(separatedBy: "reuse_factor = 4;").count - 1 == 1)
      #expect(top.components(separatedBy: "reuse_factor = 2;").count - 1 == 4)
      #expect(!top.contains("reuse_factor = 8;"))
    }
  }

  /// `--io stream --target xc7z020 --reuse 4`: axis ports, the PYNQ-Z2's part at 100 MHz
  /// (10 ns), reuse 4 in every multiply-accumulate layer; the summary says so.
  @Test func followsIOTargetAndReuse() throws {
    try TemporaryDirectory.with { folder in
      let out = folder.appendingPathComponent("jet")
      let output = try EtchBinary.run([
        "compile", CLIFixtures.golden("jet_tagger").path, "--precision", "ap_fixed<16,6>",
        "--out", out.path, "--io", "stream", "--target", "xc7z020", "--reuse", "4",
      ])
      #expect(output.status == 0, "\(output.stderr)")
      #expect(output.stdout.contains("HLS project jet_tagger written to \(out.path): "))
      #expect(
        output.stdout.contains("io stream (--io), part xc7z020clg400-1 (xc7z020) at 10 ns, reuse 4")
      )
      let files = try Self.tree(out)
      let top = String(decoding: files["firmware/jet_tagger.cpp"] ?? Data(), as: UTF8.self)
      #expect(top.contains("#pragma HLS INTERFACE axis"))
      #expect(top.contains("static const int reuse_factor = 4;"))
      #expect(!top.contains("static const int reuse_factor = 1;"))
      let tcl = String(decoding: files["build_prj.tcl"] ?? Data(), as: UTF8.self)
      #expect(tcl.contains("set part {xc7z020clg400-1}\nset clock_period 10\n"))
    }
  }

  /// Two runs (two processes, each with its own hash seed) write byte-identical projects, in
  /// both architectures, calibrated on the golden frames.
  @Test(arguments: ["parallel", "stream"])
  func emissionIsDeterministic(io: String) throws {
    try TemporaryDirectory.with { folder in
      let input = SharedData.golden("residual_mlp").appendingPathComponent("input.npy").path
      var trees: [[String: Data]] = []
      for run in 0..<2 {
        let out = folder.appendingPathComponent("run\(run)")
        let output = try EtchBinary.run([
          "compile", CLIFixtures.golden("residual_mlp").path, "--calibration", input,
          "--out", out.path, "--io", io,
        ])
        #expect(output.status == 0, "\(output.stderr)")
        trees.append(try Self.tree(out))
      }
      #expect(!trees[0].isEmpty)
      #expect(trees[0].keys.sorted() == trees[1].keys.sorted())
      let differing = trees[0].keys.sorted().first { trees[0][$0] != trees[1][$0] }
      #expect(differing == nil, "\(differing ?? "") differs between two runs")
    }
  }

  /// The default part is the catalogue's xcvu9p at its clock: read from the part file here.
  @Test func defaultPartIsTheCataloguesXCVU9P() throws {
    let file = SharedData.repositoryRoot.appendingPathComponent("targets/parts/xcvu9p.json")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    let clock = try #require(object["clock_mhz"] as? Double)
    let part = try #require(object["part"] as? String)
    try TemporaryDirectory.with { folder in
      let output = try EtchBinary.run([
        "compile", CLIFixtures.golden("jet_tagger").path, "--precision", "ap_fixed<16,6>",
        "--out", folder.path, "--json",
      ])
      let hls = try #require(try CLIFixtures.object(output)["hls"] as? [String: Any])
      #expect(hls["part"] as? String == part)
      #expect(hls["clock_period_ns"] as? Double == 1000 / clock)
    }
  }

  /// `--reuse 0`, `--io` without `--out`, and a typo in `--io` are bad usage (64); an
  /// unknown part is a failure (1) that lists the parts.
  @Test func rejectsBadOptions() throws {
    let model = CLIFixtures.golden("jet_tagger").path
    let uniform = ["--precision", "ap_fixed<16,6>"]
    let reuse = try EtchBinary.run(["compile", model] + uniform + ["--out", "x", "--reuse", "0"])
    #expect(reuse.status == 64)
    #expect(
      reuse.stderr.hasPrefix("etch: error: invalid value '0' for --reuse: expected at least 1"))
    let io = try EtchBinary.run(["compile", model] + uniform + ["--io", "stream"])
    #expect(io.status == 64)
    #expect(
      io.stderr.hasPrefix(
        "etch: error: --io chooses how the HLS project is written; give --out DIR too"))
    let typo = try EtchBinary.run(["compile", model] + uniform + ["--out", "x", "--io", "steam"])
    #expect(typo.status == 64)
    #expect(typo.stderr.contains("did you mean 'stream'?"))
    let part = try EtchBinary.run(
      ["compile", model] + uniform + ["--out", "x", "--target", "xcvu9"])
    #expect(part.status == 1)
    #expect(part.stderr.hasPrefix("etch: error: no part named 'xcvu9'; available: "))
    #expect(part.stderr.contains("'xcvu9p'"))
  }
}
