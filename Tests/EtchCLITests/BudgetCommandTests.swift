import Foundation
import TestSupport
import Testing

/// `etch budget` through the built binary, on the bundled BraggNN at ap_fixed<16,6> (no
/// calibration, so each run takes well under a second).
@Suite struct BudgetCommandTests {
  static let model = CLIFixtures.braggNNName
  static let uniform = ["--precision", "ap_fixed<16,6>"]

  /// The 14 dense, convolution and matmul nodes of BraggNN (models/README.md's listing).
  static let layers = [
    "conv1", "conv2", "conv3", "fc1", "fc2", "fc3", "fc4", "nlb_affinity", "nlb_g", "nlb_out",
    "nlb_phi", "nlb_theta", "nlb_y", "peak",
  ]

  static func budget(_ arguments: [String]) throws -> ProcessOutput {
    try EtchBinary.run(["budget", model] + arguments)
  }

  /// BraggNN has an 81 × 81 attention tensor (6,561 elements > 4,096), so the emitter's
  /// default architecture, and the one priced, is stream; the 4D Camera's period is its
  /// file's 11.494 µs, 2,298.8 cycles at the VU9P's 200 MHz.
  @Test func summaryLabelsEveryNumberAsAnEstimate() throws {
    let output = try Self.budget(["-t", "xcvu9p", "-d", "4d-camera"] + Self.uniform)
    #expect(output.status == 0, "\(output.stderr)")
    #expect(output.stderr.isEmpty)
    let text = output.stdout
    #expect(text.contains("architecture stream (the default for this model)\n"))
    #expect(text.contains("Budget estimate (first-order cost model, not a synthesis result):\n"))
    #expect(text.contains("  frame period      11.494 µs = 2,298.8 cycles\n"))
    #expect(text.contains("  inferences/frame  1\n"))
    #expect(text.contains("\ntotal (estimate) "))
    #expect(text.contains("\nverdict (estimate): "))
  }

  /// The --json fields agree with their definitions, recomputed here from the per-op rows,
  /// the ZCU102's data sheet (2,520 DSPs) and EMPAD-G2's 100 µs period; with --reuse 4 a
  /// parallel conv1 (9 × 9 output pixels) has II 81 · 4 = 324, a dense layer II 4.
  @Test func jsonFieldsAgreeWithTheirDefinitions() throws {
    let output = try Self.budget(
      ["-t", "xczu9eg", "-d", "empad-g2", "--io", "parallel", "--reuse", "4", "--json"]
        + Self.uniform)
    #expect(output.status == 0, "\(output.stderr)")
    let o = try CLIFixtures.object(output)
    #expect(o["estimate"] as? Bool == true && o["architecture"] as? String == "parallel")
    #expect(o["frame_period_us"] as? Double == 100 && o["frame_period_cycles"] as? Double == 20000)
    let ops = try #require(o["ops"] as? [[String: Any]])
    let op = { (name: String) in ops.first { $0["name"] as? String == name } }
    #expect(op("conv1")?["ii_cycles"] as? Int == 324 && op("conv1")?["reuse"] as? Int == 4)
    #expect(op("fc2_act")?["ii_cycles"] as? Int == 4)
    #expect(op("nlb_attention")?["reuse"] is NSNull)
    let ii = try #require(o["ii_cycles"] as? Int)
    #expect(ii == ops.compactMap { $0["ii_cycles"] as? Int }.max())
    #expect(o["ii_us"] as? Double == Double(ii) / 200)
    #expect(o["inferences_per_frame"] as? Int == 1 && o["busy_cycles_per_frame"] as? Int == ii)
    #expect(o["keeps_up"] as? Bool == (ii <= 20000))
    let dsp = ops.compactMap { ($0["resources"] as? [String: Any])?["dsp"] as? Int }.reduce(0, +)
    let resources = try #require(o["resources"] as? [String: Int])
    #expect(resources["dsp"] == dsp)
    let share = try #require((o["utilisation_percent"] as? [String: Double])?["dsp"])
    #expect(abs(share - 100 * Double(dsp) / 2520) < 1e-9)
    let instances = try #require(o["instances"] as? Int)
    #expect((o["total_resources"] as? [String: Int])?["dsp"] == instances * dsp)
    let fits = try #require(o["fits"] as? Bool)
    #expect(
      fits
        == (instances * dsp <= 2520
          && (o["total_utilisation_percent"] as? [String: Double])?.values.allSatisfy { $0 <= 100 }
            == true)
    )
    #expect(o["verdict"] as? String == (fits ? "keeps-up" : "does-not-fit"))
    let target = try #require(o["target"] as? [String: Any])
    #expect((target["resources"] as? [String: Int])?["dsp"] == 2520)
    let reuse = try #require(o["reuse"] as? [String: Any])
    #expect(reuse["default"] as? Int == 4)
  }

  /// hedm-ff asks 50 inferences per frame (one per Bragg peak) unless --per-frame says
  /// otherwise; the busy time is II × that count.
  @Test func perFrameDefaultsToTheDetectorsCount() throws {
    for (extra, count) in [([String](), 50), (["--per-frame", "3"], 3)] {
      let output = try Self.budget(
        ["-t", "xcvu9p", "-d", "hedm-ff", "--json"] + Self.uniform + extra)
      #expect(output.status == 0, "\(output.stderr)")
      let o = try CLIFixtures.object(output)
      let ii = try #require(o["ii_cycles"] as? Int)
      #expect(o["inferences_per_frame"] as? Int == count)
      #expect(o["busy_cycles_per_frame"] as? Int == ii * count)
    }
  }

  /// --fit keeps every instance's II within floor(2,298.8) = 2,298 cycles, names each of the
  /// 14 multiply-accumulate layers, and writes a config that `etch compile` reads and that
  /// `etch budget --config` prices to the same design.
  @Test func fitWritesAConfigThatCompileAndBudgetRead() throws {
    try TemporaryDirectory.with { dir in
      let path = dir.appendingPathComponent("fit.json").path
      let common = ["-t", "xcvu9p", "-d", "4d-camera", "--io", "parallel", "--json"]
      let output = try Self.budget(common + Self.uniform + ["--fit", "--out-config", path])
      #expect(output.status == 0, "\(output.stderr)")
      let o = try CLIFixtures.object(output)
      let fit = try #require(o["fit"] as? [String: Any])
      #expect(fit["allowed_ii_cycles"] as? Int == 2298 && fit["instances"] as? Int == 1)
      #expect(fit["config"] as? String == path)
      let layers = try #require(fit["layers"] as? [String: Int])
      #expect(layers.keys.sorted() == Self.layers)
      let ii = try #require(o["ii_cycles"] as? Int)
      #expect(ii <= 2298 && o["keeps_up"] as? Bool == true)
      let before = try #require((fit["before"] as? [String: Any])?["resources"] as? [String: Int])
      let after = try #require(o["resources"] as? [String: Int])
      #expect((after["dsp"] ?? .max) < (before["dsp"] ?? 0))

      let compiled = try EtchBinary.run(["compile", Self.model, "--config", path])
      #expect(compiled.status == 0, "\(compiled.stderr)")
      #expect(compiled.stdout.contains("precision ap_fixed<16,6>\n"))
      let again = try Self.budget(common + ["--config", path])
      #expect(again.status == 0, "\(again.stderr)")
      let priced = try CLIFixtures.object(again)
      #expect(priced["ii_cycles"] as? Int == ii)
      #expect(priced["resources"] as? [String: Int] == after)
      #expect((priced["reuse"] as? [String: Any])?["layers"] as? [String: Int] == layers)
    }
  }

  /// In the default (stream) architecture the fit also brings the II within the frame:
  /// BraggNN's matmuls, unrolled, would need 209,952 multipliers each.
  @Test func fitsTheDefaultStreamArchitecture() throws {
    let output = try Self.budget(
      ["-t", "xcvu9p", "-d", "4d-camera", "--fit", "--json"] + Self.uniform)
    #expect(output.status == 0, "\(output.stderr)")
    let o = try CLIFixtures.object(output)
    #expect(o["architecture"] as? String == "stream")
    #expect(try #require(o["ii_cycles"] as? Int) <= 2298)
    let layers = try #require((o["fit"] as? [String: Any])?["layers"] as? [String: Int])
    #expect(layers.keys.sorted() == Self.layers)
    let matmul = try #require(
      (o["ops"] as? [[String: Any]])?.first { $0["name"] as? String == "nlb_affinity" })
    #expect(try #require(matmul["multipliers"] as? Int) < 209_952)
  }

  /// A bad part file is reported at its path and field; a detector that is not JSON at its
  /// line and column.
  @Test func badTargetAndDetectorFilesAreLocated() throws {
    try TemporaryDirectory.with { dir in
      let part = dir.appendingPathComponent("bad.json")
      try """
      {"format": "etch-part", "version": 1, "name": "bad", "part": "bad-1",
       "family": "ultrascale-plus", "board": "b", "clock_mhz": 200,
       "resources": {"lut": 10, "ff": 20, "dsp": "many", "bram36": 1, "uram": 0}, "source": "s"}
      """.write(to: part, atomically: true, encoding: .utf8)
      let output = try Self.budget(["-t", part.path, "-d", "4d-camera"] + Self.uniform)
      #expect(output.status == 1)
      #expect(
        output.stderr
          == "\(part.path): error: field 'resources.dsp' must be a positive integer, found \"many\"\n"
      )
      let detector = dir.appendingPathComponent("cam.json")
      try "{\"format\": \"etch-detector\",\n \"frame\": [4, 4,}\n".write(
        to: detector, atomically: true, encoding: .utf8)
      let bad = try Self.budget(["-t", "xcvu9p", "-d", detector.path] + Self.uniform)
      #expect(bad.status == 1)
      #expect(bad.stderr.hasPrefix("\(detector.path): error: not valid JSON: line 2, column "))
    }
  }

  /// Unknown catalogue names fail (status 1) listing what exists.
  @Test func unknownNamesListTheCatalogue() throws {
    let part = try Self.budget(["-t", "xcvu9", "-d", "4d-camera"] + Self.uniform)
    #expect(part.status == 1)
    #expect(
      part.stderr
        == "etch: error: no part named 'xcvu9'; available: 'xc7z020', 'xcku115', 'xcu250', "
        + "'xcu280', 'xcvc1902', 'xcvu9p', 'xczu9eg'\n")
    let detector = try Self.budget(["-t", "xcvu9p", "-d", "4dcamera"] + Self.uniform)
    #expect(detector.status == 1)
    #expect(detector.stderr.hasPrefix("etch: error: no detector named '4dcamera'; available: "))
  }

  /// Bad usage exits 64 with a sentence saying what to change.
  @Test(arguments: [
    (["-t", "xcvu9p"], "etch: error: missing required option --detector D\n"),
    (
      ["-t", "xcvu9p", "-d", "4d-camera", "--per-frame", "0"],
      "etch: error: invalid value '0' for --per-frame; expected a positive integer\n"
    ),
    (
      ["-t", "xcvu9p", "-d", "4d-camera", "--reuse", "0"],
      "etch: error: invalid value '0' for --reuse; expected an integer from 1 to 16777216\n"
    ),
    (
      ["-t", "xcvu9p", "-d", "4d-camera", "--out-config", "x.json"],
      "etch: error: --out-config writes the reuse factors --fit finds; add --fit\n"
    ),
    (
      ["-t", "xcvu9p", "-d", "4d-camera", "--io", "serial"],
      "etch: error: invalid value 'serial' for --io; expected one of parallel, stream"
    ),
  ])
  func badUsageExits64(arguments: [String], message: String) throws {
    let output = try Self.budget(arguments + Self.uniform)
    #expect(output.status == 64)
    #expect(output.stderr.hasPrefix(message), "\(output.stderr)")
    #expect(output.stdout.isEmpty)
  }

  /// A config that cannot be written fails (status 1) naming the path.
  @Test func unwritableConfigFails() throws {
    let path = "/nonexistent-etch-folder/fit.json"
    let output = try Self.budget(
      ["-t", "xcvu9p", "-d", "4d-camera", "--fit", "--out-config", path] + Self.uniform)
    #expect(output.status == 1)
    #expect(output.stderr.hasPrefix("\(path): error: cannot write the config ("))
    #expect(output.stdout.isEmpty)
  }

  /// A config's reuse entry on a layer without multipliers names the config and the key.
  @Test func badReuseInAConfigIsLocated() throws {
    try TemporaryDirectory.with { dir in
      let config = dir.appendingPathComponent("cfg.json")
      try #"{"reuse": {"layers": {"act1": 2}}}"#.write(
        to: config, atomically: true, encoding: .utf8)
      let output = try Self.budget(
        ["-t", "xcvu9p", "-d", "4d-camera", "--config", config.path] + Self.uniform)
      #expect(output.status == 1)
      #expect(
        output.stderr.contains(
          "[quantize] \(config.path): key 'reuse.layers.act1' names a leaky_relu node, which has "
            + "no multipliers to reuse"))
    }
  }
}
