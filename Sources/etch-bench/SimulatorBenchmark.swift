import Compiler
import FixedPoint
import Foundation
import ModelFormat
import Reference
import Simulator

/// Frames per second of the Simulator on the jet MLP and BraggNN, at uniform
/// `ap_fixed<16,6>` and calibrated precision, against the float Reference engine on the same
/// frames in the same run.
///
/// Frames are random from the system generator, so the optimiser cannot predict them; each
/// measurement is the best of `trials` runs with `ContinuousClock`, and a checksum of the
/// outputs is printed so no run can be optimised away.
struct SimulatorBenchmark {
  /// One measured engine on one model.
  struct Result {
    /// `jet` or `braggnn`.
    var model: String
    /// `float32 reference` or the precision.
    var engine: String
    /// Frames per trial.
    var frames: Int
    /// The best trial's seconds.
    var seconds: Double
    /// Sum of the outputs' raws (or float bits), wrapping.
    var checksum: Int64
    /// Frames per second of the best trial.
    var framesPerSecond: Double { Double(frames) / seconds }
  }

  /// hls4ml's C simulation of the jet MLP on this kind of machine, one core (the issue).
  static let hls4mlJetFramesPerSecond = 16_000.0

  /// The options.
  var options: BenchOptions

  /// Runs every model and prints a table; returns the results.
  func run() throws -> [Result] {
    var results: [Result] = []
    print(
      "etch-bench simulator: \(options.trials) trials, best kept, Simulator threads "
        + "\(options.threads), reference threads 1")
    for name in options.models {
      let (model, frames) = try load(name)
      let batch = Self.randomFrames(model, frames: frames, braggnn: name == "braggnn")
      let reference = try ReferenceEngine(model: model, threads: 1)
      let baseline = try measure(name, "float32 reference", frames) {
        let outputs = try reference.run(batch)
        return outputs.reduce(Int64(0)) { sum, tensor in
          tensor.scalars.reduce(sum) { $0 &+ Int64($1.bitPattern) }
        }
      }
      results.append(baseline)
      report(baseline, baseline: baseline)
      for precision in ["ap_fixed<16,6>", "calibrated"] {
        var compileOptions = CompileOptions()
        compileOptions.precision = try Precision(parsing: precision)
        let program = try FixedCompiler.compile(
          model: model, options: compileOptions,
          calibration: .frames(
            model.inputs.map { batch[$0.name] ?? Tensor(shape: [0], scalars: []) })
        ).program
        let simulator = try Simulator(
          program: program, threads: options.threads, accumulation: .fastest)
        let inputs = model.inputs.map { batch[$0.name]?.scalars ?? [] }
        let result = try measure(name, precision, frames) {
          let run = try simulator.run(inputs, frames: frames)
          return run.outputs.reduce(Int64(0)) { sum, tensor in tensor.raw.reduce(sum, &+) }
        }
        results.append(result)
        report(result, baseline: baseline)
      }
    }
    return results
  }

  /// Loads a model and its default frame count.
  private func load(_ name: String) throws -> (Model, Int) {
    let path = name == "jet" ? options.jetPath : options.braggnnPath
    var url = URL(fileURLWithPath: path)
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      url = url.appendingPathComponent(url.lastPathComponent + ".json")
    }
    let model = try ModelLoader.load(contentsOf: url)
    return (model, options.frames ?? (name == "jet" ? 100_000 : 200))
  }

  /// Random frames for every input: patch-like intensities in [0, 1) for BraggNN, roughly
  /// standardised features in [−3, 3) otherwise.
  private static func randomFrames(_ model: Model, frames: Int, braggnn: Bool)
    -> [String: Tensor]
  {
    var generator = SystemRandomNumberGenerator()
    var batch: [String: Tensor] = [:]
    for input in model.inputs {
      let count = frames * input.shape.reduce(1, *)
      let scalars = (0..<count).map { _ in
        braggnn
          ? Float.random(in: 0..<1, using: &generator)
          : Float.random(in: -3..<3, using: &generator)
      }
      batch[input.name] = Tensor(shape: [frames] + input.shape, scalars: scalars)
    }
    return batch
  }

  /// The best of `trials` runs of `body`, which returns a checksum.
  private func measure(
    _ model: String, _ engine: String, _ frames: Int, _ body: () throws -> Int64
  ) throws -> Result {
    let clock = ContinuousClock()
    var best = Duration.seconds(Int64.max / 2)
    var checksum: Int64 = 0
    for _ in 0..<options.trials {
      var sum: Int64 = 0
      let time = try clock.measure { sum = try body() }
      best = min(best, time)
      checksum = sum
    }
    let seconds =
      Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    return Result(
      model: model, engine: engine, frames: frames, seconds: max(seconds, 1e-9),
      checksum: checksum)
  }

  /// Prints one result with its ratio to the baseline (and to hls4ml for the jet MLP).
  private func report(_ result: Result, baseline: Result) {
    var line = String(
      format: "%-8@ %-18@ %9d frames  %12.0f frames/s  %7.2fx reference",
      result.model as NSString, result.engine as NSString, result.frames,
      result.framesPerSecond, result.framesPerSecond / baseline.framesPerSecond)
    if result.model == "jet" {
      line += String(
        format: "  %7.1fx hls4ml csim", result.framesPerSecond / Self.hls4mlJetFramesPerSecond)
    }
    print(line + "  checksum \(result.checksum)")
  }
}
