import Compiler
import Foundation
import ModelFormat
import Reference
import Runtime
import Simulator

/// Frames per second of the runtime's engines without the pipeline: the fast float engine
/// and the Simulator's frame runner, at batch 1 (one call per frame) and batch 256, against
/// the Reference engine at batch 256 in the same run.
///
/// Models: the jet MLP, BraggNN and the 64×64 CNN of bench/models/cnn64. Frames are random
/// in [0, 1) from a fixed seed; each figure is the best of `trials`; a checksum of the
/// outputs is printed so nothing is optimised away.
struct RuntimeBenchmark {
  /// One measurement.
  struct Result {
    var model: String
    var engine: String
    var batch: Int
    var framesPerSecond: Double
    var checksum: Double
  }

  var options: BenchOptions

  /// Runs every model and prints one line per engine; returns the results.
  func run() throws -> [Result] {
    var results: [Result] = []
    print("etch-bench runtime: \(options.trials) trials, best kept, one thread")
    for name in options.models {
      let model = try load(name)
      let perFrame = model.inputs[0].shape.reduce(1, *)
      let frames = options.frames ?? (name == "jet" ? 50_000 : 1_024)
      var source = RandomFrameSource(frames: frames, frameElements: perFrame, seed: 11)
      var input = [Float](repeating: 0, count: frames * perFrame)
      _ = try input.withUnsafeMutableBufferPointer { buffer in
        try buffer.baseAddress.map { try source.read(frames: frames, into: $0) }
      }
      let reference = try ReferenceEngine(model: model, threads: 1)
      let batch = Tensor(shape: [frames] + model.inputs[0].shape, scalars: input)
      let baseline = try measure(name, "reference", 256, frames) {
        try reference.run(batch: batch).reduce(0) { $0 + Double($1.scalars.reduce(0, +)) }
      }
      results.append(baseline)
      report(baseline, baseline)
      var compile = CompileOptions()
      compile.precision = try Precision(parsing: "ap_fixed<16,6>")
      let program = try FixedCompiler.compile(model: model, options: compile).program
      let engines: [(String, InferenceEngine)] = [
        ("float", .float(try FloatEngine(model: model))),
        ("fixed <16,6>", .fixed(try Simulator(program: program, accumulation: .fastest))),
      ]
      for (label, engine) in engines {
        let worker = engine.makeWorker()
        var output = [Float](repeating: 0, count: frames * engine.outputCount)
        for size in [1, 256] {
          let result = try measure(name, label, size, frames) {
            input.withUnsafeBufferPointer { source in
              output.withUnsafeMutableBufferPointer { target in
                guard let source = source.baseAddress, let target = target.baseAddress else {
                  return
                }
                var done = 0
                while done < frames {
                  let count = min(size, frames - done)
                  worker.run(
                    frames: count, input: source + done * perFrame,
                    output: target + done * engine.outputCount)
                  done += count
                }
              }
            }
            return Double(output.reduce(0, +))
          }
          results.append(result)
          report(result, baseline)
        }
      }
    }
    return results
  }

  private func load(_ name: String) throws -> Model {
    let path: String
    switch name {
    case "jet": path = options.jetPath
    case "braggnn": path = options.braggnnPath
    default: path = options.cnnPath
    }
    var url = URL(fileURLWithPath: path)
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      url = url.appendingPathComponent(url.lastPathComponent + ".json")
    }
    return try ModelLoader.load(contentsOf: url)
  }

  private func measure(
    _ model: String, _ engine: String, _ batch: Int, _ frames: Int, _ body: () throws -> Double
  ) throws -> Result {
    let clock = ContinuousClock()
    var best = Duration.seconds(Int64.max / 2)
    var checksum = 0.0
    for _ in 0..<options.trials {
      var sum = 0.0
      let time = try clock.measure { sum = try body() }
      best = min(best, time)
      checksum = sum
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
    return Result(
      model: model, engine: engine, batch: batch, framesPerSecond: Double(frames) / seconds,
      checksum: checksum)
  }

  private func report(_ result: Result, _ baseline: Result) {
    print(
      String(
        format: "%-8@ %-14@ batch %3d %12.0f frames/s %7.2fx reference  checksum %.6g",
        result.model as NSString, result.engine as NSString, result.batch,
        result.framesPerSecond, result.framesPerSecond / baseline.framesPerSecond,
        result.checksum))
  }
}
