import EtchCLI
import Foundation
import ModelFormat
import TestSupport
import Testing

/// `etch run` through the built binary, against PyTorch's outputs and hand-computed ones.
@Suite struct RunCommandTests {
  /// Runs `model` on `input` and returns the written output, checking the status and the
  /// summary's first line.
  static func run(_ model: String, input: String, frames: Int, in folder: URL) throws -> NpyFile {
    let path = folder.appendingPathComponent("out.npy").path
    let output = try EtchBinary.run(["run", model, "--input", input, "--output", path])
    #expect(output.status == 0, "\(model): \(output.stderr)")
    #expect(output.stderr.isEmpty, "\(model)")
    #expect(output.stdout.contains(": \(TextTable.grouped(frames)) frames in "), "\(model)")
    return try NpyFile(path: path)
  }

  /// Every golden case: `output.npy` for the 8 inputs of `input.npy`.
  @Test(arguments: SharedData.goldenCases)
  func reproducesEachGoldenCase(name: String) throws {
    try TemporaryDirectory.with { folder in
      let input = SharedData.golden(name).appendingPathComponent("input.npy").path
      let written = try Self.run(
        CLIFixtures.golden(name).path, input: input, frames: 8, in: folder)
      let expected = try NpyFile(
        path: SharedData.golden(name).appendingPathComponent("output.npy").path)
      #expect(written.dtype == .float32)
      #expect(written.shape == expected.shape, "golden \(name)")
      CLIFixtures.expectClose(try written.floats(), try expected.floats(), "golden \(name)")
    }
  }

  /// The published BraggNN on its 2,010 patches, against the authors' PyTorch module.
  @Test func reproducesTheRealBraggNN() throws {
    try TemporaryDirectory.with { folder in
      let input = SharedData.realBraggNN.appendingPathComponent("input.npy").path
      let written = try Self.run(
        CLIFixtures.realBraggNN.path, input: input, frames: 2010, in: folder)
      let expected = try NpyFile(
        path: SharedData.realBraggNN.appendingPathComponent("output.npy").path)
      #expect(written.shape == [2010, 2])
      CLIFixtures.expectClose(try written.floats(), try expected.floats(), "real BraggNN")
    }
  }

  /// The worked example against its definition computed in Double, one frame per row of a
  /// batch and one frame given without a batch axis.
  @Test func computesTheTinyTaggerFromItsDefinition() throws {
    try TemporaryDirectory.with { folder in
      let model = folder.appendingPathComponent("tiny_tagger.json")
      try ModelWriter.write(CLIFixtures.tinyTagger, to: model)
      let rows: [[Float]] = [[1, 2, 3, 4], [-1, 0.5, -2, 0], [0, 0, 0, 0], [3, -3, 0.25, 8]]
      let batch = folder.appendingPathComponent("x.npy").path
      try NpyWriter.write(rows.flatMap { $0 }, shape: [4, 4], to: batch)
      let written = try Self.run(model.path, input: batch, frames: 4, in: folder)
      #expect(written.shape == [4, 2])
      let expected = rows.flatMap { CLIFixtures.tinyTaggerOutput($0.map(Double.init)) }
      CLIFixtures.expectClose(try written.floats(), expected.map(Float.init), "tiny tagger")

      let one = folder.appendingPathComponent("one.npy").path
      try NpyWriter.write(rows[3], shape: [4], to: one)
      let out = folder.appendingPathComponent("one_out.npy").path
      let output = try EtchBinary.run(["run", model.path, "-i", one, "-o", out])
      #expect(output.status == 0, "\(output.stderr)")
      #expect(output.stdout.hasPrefix("model tiny_tagger: 1 frame (no batch axis) in "))
      let single = try NpyFile(path: out)
      #expect(single.shape == [2])
      CLIFixtures.expectClose(
        try single.floats(), CLIFixtures.tinyTaggerOutput(rows[3].map(Double.init)).map(Float.init),
        "tiny tagger, one frame")
    }
  }

  /// The JSON report, with --compare against PyTorch's outputs.
  @Test func reportsAsJSONWithAComparison() throws {
    let golden = SharedData.golden("jet_tagger")
    let input = golden.appendingPathComponent("input.npy").path
    let reference = golden.appendingPathComponent("output.npy").path
    let output = try EtchBinary.run([
      "run", CLIFixtures.golden("jet_tagger").path, "--input", input, "--compare", reference,
      "--json",
    ])
    #expect(output.status == 0, "\(output.stderr)")
    let object = try CLIFixtures.object(output)
    #expect(object["model"] as? String == "jet_tagger")
    #expect(object["engine"] as? String == "float")
    #expect(object["frames"] as? Int == 8)
    #expect(object["batched"] as? Bool == true)
    #expect((object["seconds"] as? Double ?? -1) >= 0)
    let inputs = try #require(object["inputs"] as? [[String: Any]])
    #expect(inputs.first?["file"] as? String == input)
    #expect(inputs.first?["shape"] as? [Int] == [8, 16])
    let outputs = try #require(object["outputs"] as? [[String: Any]])
    #expect(outputs.count == 1)
    #expect(outputs.first?["name"] as? String == "softmax")
    #expect(outputs.first?["shape"] as? [Int] == [8, 5])
    #expect(outputs.first?["file"] is NSNull)
    let comparison = try #require(outputs.first?["comparison"] as? [String: Any])
    #expect(comparison["reference"] as? String == reference)
    #expect(comparison["elements"] as? Int == 40)
    #expect(comparison["non_finite"] as? Int == 0)
    #expect((comparison["max_abs_difference"] as? Double ?? 1) < 1e-6)
    #expect((comparison["max_relative_difference"] as? Double ?? 1) < 1e-5)
  }

  /// --compare finds the largest difference and its frame: the reference is the output
  /// itself with frame 2 changed by 0.5 (relative 0.5 / 0.25 = 2) and a NaN in frame 3.
  @Test func comparesWithAReferenceFrameByFrame() throws {
    try TemporaryDirectory.with { folder in
      let model = folder.appendingPathComponent("pair.json")
      try CLIFixtures.write(CLIFixtures.pairModel, to: "pair.json", in: folder)
      let a = folder.appendingPathComponent("a.npy").path
      let b = folder.appendingPathComponent("b.npy").path
      try NpyWriter.write([Float](repeating: 0.5, count: 12), shape: [4, 3], to: a)
      try NpyWriter.write([Float](repeating: 0.5, count: 12), shape: [4, 3], to: b)
      var sums = [Float](repeating: 1, count: 12)
      var products = [Float](repeating: 0.25, count: 12)
      products[7] = 0.75
      sums[10] = .nan
      let sumsFile = folder.appendingPathComponent("sums.npy").path
      let productsFile = folder.appendingPathComponent("products.npy").path
      try NpyWriter.write(sums, shape: [4, 3], to: sumsFile)
      try NpyWriter.write(products, shape: [4, 3], to: productsFile)
      let output = try EtchBinary.run([
        "run", model.path, "-i", a, "-i", b, "--compare", sumsFile, "--compare", productsFile,
      ])
      #expect(output.status == 0, "\(output.stderr)")
      #expect(
        output.stdout.contains(
          "output sum vs \(sumsFile): max abs difference 0, max relative difference 0; "
            + "1 elements are NaN or infinite on one side only\n"))
      #expect(
        output.stdout.hasSuffix(
          "output ../prod vs \(productsFile): max abs difference 0.5 (frame 2), "
            + "max relative difference 0.667\n"))
    }
  }

  /// Two inputs and two outputs: --output per output, or a folder with NAME.npy (made safe).
  @Test func writesEveryOutputOfAModelWithSeveral() throws {
    try TemporaryDirectory.with { folder in
      let model = try CLIFixtures.write(CLIFixtures.pairModel, to: "pair.json", in: folder)
      let a: [Float] = [1, 2, 3, -4, 5.5, 6]
      let b: [Float] = [0.5, -2, 3, 4, 2, -1]
      let aFile = folder.appendingPathComponent("a.npy").path
      let bFile = folder.appendingPathComponent("b.npy").path
      try NpyWriter.write(a, shape: [2, 3], to: aFile)
      try NpyWriter.write(b, shape: [2, 3], to: bFile)
      let sums = zip(a, b).map(+)
      let products = zip(a, b).map(*)

      let out = folder.appendingPathComponent("out/").path + "/"
      let toFolder = try EtchBinary.run(["run", model.path, "-i", aFile, "-i", bFile, "-o", out])
      #expect(toFolder.status == 0, "\(toFolder.stderr)")
      #expect(try NpyFile(path: out + "sum.npy").floats() == sums)
      #expect(try NpyFile(path: out + "_.._prod.npy").floats() == products)
      #expect(toFolder.stdout.contains("output ../prod [2, 3] written to \(out)_.._prod.npy\n"))

      let first = folder.appendingPathComponent("first.npy").path
      let second = folder.appendingPathComponent("second.npy").path
      let toFiles = try EtchBinary.run([
        "run", model.path, "-i", aFile, "-i", bFile, "-o", first, "-o", second,
        "--compare", out,
      ])
      #expect(toFiles.status == 0, "\(toFiles.stderr)")
      #expect(try NpyFile(path: first).floats() == sums)
      #expect(try NpyFile(path: second).floats() == products)
      #expect(toFiles.stdout.contains("max abs difference 0, max relative difference 0\n"))
    }
  }

  /// Inputs of any numeric dtype are converted to float32: float64 and uint8 here.
  @Test func acceptsAnyNumericDType() throws {
    try TemporaryDirectory.with { folder in
      let model = try CLIFixtures.write(CLIFixtures.pairModel, to: "pair.json", in: folder)
      let a = folder.appendingPathComponent("a.npy").path
      let b = folder.appendingPathComponent("b.npy").path
      try NpyWriter.write([0.5, -1.25, 3] as [Double], shape: [1, 3], to: a)
      try NpyWriter.write([2, 0, 255] as [UInt8], shape: [1, 3], to: b)
      let out = folder.appendingPathComponent("out").path
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
      let output = try EtchBinary.run(["run", model.path, "-i", a, "-i", b, "-o", out])
      #expect(output.status == 0, "\(output.stderr)")
      #expect(try NpyFile(path: out + "/sum.npy").floats() == [2.5, -1.25, 258])
      #expect(try NpyFile(path: out + "/_.._prod.npy").floats() == [1, 0, 765])
    }
  }

  /// Inputs of one run hold the same frames, and all or none have a batch axis.
  @Test(arguments: [
    ([2, 3], [3, 3], "holds 3 frames but A holds 2 frames"),
    ([3], [1, 3], "holds 1 frame but A holds one frame without a batch axis"),
  ])
  func refusesInputsWithDifferentFrames(a: [Int], b: [Int], message: String) throws {
    try TemporaryDirectory.with { folder in
      let model = try CLIFixtures.write(CLIFixtures.pairModel, to: "pair.json", in: folder)
      let aFile = folder.appendingPathComponent("a.npy").path
      let bFile = folder.appendingPathComponent("b.npy").path
      try NpyWriter.write([Float](repeating: 1, count: a.reduce(1, *)), shape: a, to: aFile)
      try NpyWriter.write([Float](repeating: 1, count: b.reduce(1, *)), shape: b, to: bFile)
      let output = try EtchBinary.run(["run", model.path, "-i", aFile, "-i", bFile])
      #expect(output.status == 1)
      #expect(
        output.stderr
          == "\(bFile): error: \(message.replacingOccurrences(of: " A ", with: " \(aFile) "))"
          + "; expected every input to hold the same frames\n")
    }
  }

  @Test func writesAnEmptyBatch() throws {
    try TemporaryDirectory.with { folder in
      let input = folder.appendingPathComponent("none.npy").path
      try NpyWriter.write([Float](), shape: [0, 16], to: input)
      let out = folder.appendingPathComponent("out.npy").path
      let output = try EtchBinary.run([
        "run", CLIFixtures.golden("jet_tagger").path, "-i", input, "-o", out,
      ])
      #expect(output.status == 0, "\(output.stderr)")
      #expect(try NpyFile(path: out).shape == [0, 5])
    }
  }

  @Test func refusesAnInputOfTheWrongShape() throws {
    try TemporaryDirectory.with { folder in
      let input = folder.appendingPathComponent("x.npy").path
      try NpyWriter.write(
        [Float](repeating: 0, count: 8 * 3 * 121), shape: [8, 3, 11, 11], to: input)
      let out = folder.appendingPathComponent("out.npy").path
      let output = try EtchBinary.run([
        "run", CLIFixtures.realBraggNN.path, "--input", input, "--output", out,
      ])
      #expect(output.status == 1)
      #expect(output.stdout.isEmpty)
      #expect(
        output.stderr
          == "\(input): error: shape [8, 3, 11, 11] does not fit input 'patch' of model "
          + "'braggnn_fc16_8_4_2_sz11': expected [N, 1, 11, 11] (a batch of frames) or "
          + "[1, 11, 11] (one frame)\n")
      #expect(!FileManager.default.fileExists(atPath: out))
    }
  }

  @Test func refusesAReferenceOfAnotherShape() throws {
    let golden = SharedData.golden("jet_tagger")
    let reference = SharedData.golden("braggnn").appendingPathComponent("output.npy").path
    let output = try EtchBinary.run([
      "run", CLIFixtures.golden("jet_tagger").path, "--input",
      golden.appendingPathComponent("input.npy").path, "--compare", reference,
    ])
    #expect(output.status == 1)
    #expect(
      output.stderr
        == "\(reference): error: shape [8, 2] does not match output 'softmax', which is "
        + "[8, 5]; expected a reference of the same shape\n")
  }

  @Test func refusesAMissingInputFile() throws {
    let output = try EtchBinary.run([
      "run", CLIFixtures.golden("jet_tagger").path, "--input", "/nonexistent/x.npy",
    ])
    #expect(output.status == 1)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.hasPrefix("/nonexistent/x.npy: error: cannot open the file"))
  }

  /// Bad usage exits with 64, the message and the usage line.
  @Test(arguments: [
    ([String](), "etch: error: missing required option --input X.npy"),
    (
      ["--input", "x.npy", "--inptu", "y.npy"],
      "etch: error: unknown option '--inptu'; did you mean '--input'?"
    ),
    (["--input", "x.npy", "--device"], "etch: error: unknown option '--device'"),
  ])
  func refusesBadUsage(words: [String], message: String) throws {
    let output = try EtchBinary.run(["run", CLIFixtures.golden("jet_tagger").path] + words)
    #expect(output.status == 64)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.hasPrefix(message + "\nusage: etch run MODEL --input X.npy ... "))
  }

  /// Counts of --input and --output that fit neither the model nor the folder form.
  @Test func refusesTheWrongNumberOfFiles() throws {
    let golden = SharedData.golden("jet_tagger")
    let input = golden.appendingPathComponent("input.npy").path
    let model = CLIFixtures.golden("jet_tagger").path
    let twoInputs = try EtchBinary.run(["run", model, "-i", input, "-i", input])
    #expect(twoInputs.status == 64)
    #expect(
      twoInputs.stderr.hasPrefix(
        "etch: error: --input was given 2 times but model 'jet_tagger' has 1 input ('x'); "
          + "give --input once per input, in that order\n"))
    let twoOutputs = try EtchBinary.run(["run", model, "-i", input, "-o", "a.npy", "-o", "b.npy"])
    #expect(twoOutputs.status == 64)
    #expect(
      twoOutputs.stderr.hasPrefix(
        "etch: error: --output was given 2 times but model 'jet_tagger' has 1 output "
          + "('softmax'); give --output once per output, in that order, or once with a folder\n"))
  }

  @Test func showsItsHelp() throws {
    let output = try EtchBinary.run(["run", "--help"])
    #expect(output.status == 0)
    #expect(output.stderr.isEmpty)
    #expect(output.stdout.hasPrefix("OVERVIEW: Run a model in float32"))
    #expect(
      output.stdout.contains(
        "\nUSAGE: etch run MODEL --input X.npy ... [--output Y.npy ...] [--compare REF.npy ...] "
          + "[--fixed] [--precision P] [--config FILE.json] [--calibration C.npy ...] "
          + "[--json]\n"))
    for option in ["-i, --input X.npy", "-o, --output Y.npy", "--compare REF.npy"] {
      #expect(output.stdout.contains("\n  \(option) "), "\(option)")
    }
    #expect(output.stdout.contains("models/NAME/NAME.json or models/NAME.json"))
  }
}
