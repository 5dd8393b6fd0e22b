import Foundation
import ModelFormat
import TestSupport
import Testing

/// `etch bench` through the built binary: outputs against PyTorch's (float) and `etch run
/// --fixed` (fixed, bit for bit), the frame accounting, the plot, and usage errors.
@Suite struct BenchCommandTests {
  static let jetInput = SharedData.golden("jet_tagger").appendingPathComponent("input.npy").path

  @Test func floatOutputsMatchPyTorchInFrameOrder() throws {
    try TemporaryDirectory.with { folder in
      let out = folder.appendingPathComponent("y.npy").path
      let result = try EtchBinary.run([
        "bench", CLIFixtures.golden("jet_tagger").path, "--data", Self.jetInput, "-o", out,
        "--threads", "2", "--batch", "3", "--json",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      #expect(json["frames_in"] as? Int == 8)
      #expect(json["frames_out"] as? Int == 8)
      #expect(json["dropped"] as? Int == 0)
      #expect(json["mode"] as? String == "throughput")
      let written = try NpyFile(path: out)
      let expected = try NpyFile(
        path: SharedData.golden("jet_tagger").appendingPathComponent("output.npy").path)
      #expect(written.shape == expected.shape)
      for (index, (a, b)) in zip(try written.floats(), try expected.floats()).enumerated() {
        #expect(abs(a - b) <= 1e-6 + 1e-5 * abs(b), "element \(index): \(a) vs PyTorch \(b)")
      }
    }
  }

  @Test func fixedOutputsEqualEtchRunFixedBitForBit() throws {
    try TemporaryDirectory.with { folder in
      let bench = folder.appendingPathComponent("bench.npy").path
      let run = folder.appendingPathComponent("run.npy").path
      let model = CLIFixtures.golden("conv2d_basic").path
      let input = SharedData.golden("conv2d_basic").appendingPathComponent("input.npy").path
      let benched = try EtchBinary.run([
        "bench", model, "--data", input, "-o", bench, "--engine", "fixed", "--precision",
        "ap_fixed<16,6>", "--threads", "2",
      ])
      #expect(benched.status == 0, "\(benched.stderr)")
      #expect(benched.stdout.contains("fixed engine (precision ap_fixed<16,6>)"))
      let ran = try EtchBinary.run([
        "run", model, "-i", input, "-o", run, "--fixed", "--precision", "ap_fixed<16,6>",
      ])
      #expect(ran.status == 0, "\(ran.stderr)")
      let a = try NpyFile(path: bench).floats().map(\.bitPattern)
      let b = try NpyFile(path: run).floats().map(\.bitPattern)
      #expect(a == b)
    }
  }

  @Test func realTimeRunAccountsForEveryFrameAndPlotsTheBudget() throws {
    try TemporaryDirectory.with { folder in
      let plot = folder.appendingPathComponent("latency.svg").path
      let result = try EtchBinary.run([
        "bench", CLIFixtures.golden("jet_tagger").path, "--frames", "300", "--rate", "20000",
        "--plot", plot, "--json",
      ])
      #expect(result.status == 0, "\(result.stderr)")
      let json = try #require(
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
      let out = try #require(json["frames_out"] as? Int)
      let dropped = try #require(json["dropped"] as? Int)
      #expect(out + dropped == 300)
      #expect(json["budget_us"] as? Double == 50)
      #expect(["keeps up", "falls behind"].contains(json["verdict"] as? String ?? ""))
      let svg = try String(contentsOfFile: plot, encoding: .utf8)
      #expect(svg.contains("class=\"budget\""))
      let counts = svg.split(separator: "data-count=\"").dropFirst().compactMap {
        Int($0.prefix { $0.isNumber })
      }
      #expect(counts.count == 60)
      #expect(counts.reduce(0, +) == out)
    }
  }

  @Test func summaryNamesThroughputLatencyAndAccounting() throws {
    let result = try EtchBinary.run([
      "bench", CLIFixtures.golden("jet_tagger").path, "--frames", "100",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("float engine, 1 thread, batch 1, throughput"))
    #expect(result.stdout.contains("100 frames from random (seed 1)"))
    #expect(result.stdout.contains("latency p50"))
    #expect(result.stdout.contains("frames in 100 = out 100 + dropped 0"))
    #expect(result.stderr.isEmpty)
  }

  @Test(arguments: [
    (["--rate", "1000", "--detector", "4d-camera"], "not both"),
    (["--threads", "0"], "--threads"),
    (["--precision", "ap_fixed<8,3>"], "--engine fixed"),
  ])
  func refusesBadUsage(extra: [String], message: String) throws {
    let result = try EtchBinary.run(
      ["bench", CLIFixtures.golden("jet_tagger").path, "--frames", "10"] + extra)
    #expect(result.status == 64)
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }

  @Test func unknownDetectorIsAnErrorNamingIt() throws {
    let result = try EtchBinary.run([
      "bench", CLIFixtures.golden("jet_tagger").path, "--detector", "no-such-camera",
    ])
    #expect(result.status == 1)
    #expect(result.stderr.contains("detector 'no-such-camera'"), "\(result.stderr)")
  }
}
