// etch-bench: release-mode benchmarks of Etch's engines, as ratios against a baseline
// measured in the same run (docs/benchmarks.md).
//
//   swift run -c release etch-bench simulator [--models jet,braggnn] [--frames N]
//     [--threads 1] [--trials 7] [--jet PATH.json] [--braggnn PATH] [--json FILE]
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
do {
  let options = try BenchOptions(arguments)
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
