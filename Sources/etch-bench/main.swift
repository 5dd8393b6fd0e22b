// etch-bench: release-mode benchmarks of Etch's engines, as ratios against a baseline
// measured in the same run (docs/benchmarks.md).
//
//   swift run -c release etch-bench simulator|runtime [--models jet,braggnn] [--frames N]
//     [--threads 1] [--trials 7] [--jet PATH.json] [--braggnn PATH] [--json FILE]
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
do {
  let options = try BenchOptions(arguments)
  if options.benchmark == "runtime" {
    let results = try RuntimeBenchmark(options: options).run()
    if let path = options.jsonPath {
      let rows: [[String: Any]] = results.map {
        [
          "model": $0.model, "engine": $0.engine, "batch": $0.batch,
          "frames_per_second": $0.framesPerSecond, "checksum": $0.checksum,
        ]
      }
      let data = try JSONSerialization.data(
        withJSONObject: ["benchmark": "runtime", "results": rows], options: [.sortedKeys])
      try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
    exit(0)
  }
  let results = try SimulatorBenchmark(options: options).run()
  if let path = options.jsonPath {
    try Data((try BenchReport.json(results, options: options) + "\n").utf8).write(
      to: URL(fileURLWithPath: path), options: .atomic)
  }
} catch let error as BenchOptions.Failure {
  FileHandle.standardError.write(Data("etch-bench: error: \(error)\n".utf8))
  exit(64)
} catch {
  FileHandle.standardError.write(Data("etch-bench: error: \(error)\n".utf8))
  exit(1)
}
