import Foundation

/// The JSON of `etch-bench --json FILE`: the options and one object per measurement.
enum BenchReport {
  /// The results as a JSON document.
  static func json(_ results: [SimulatorBenchmark.Result], options: BenchOptions) throws
    -> String
  {
    let rows: [[String: Any]] = results.map { result in
      let baseline = results.first { $0.model == result.model && $0.engine.hasPrefix("float") }
      var row: [String: Any] = [
        "model": result.model, "engine": result.engine, "frames": result.frames,
        "seconds": result.seconds, "frames_per_second": result.framesPerSecond,
        "checksum": result.checksum,
        "ratio_to_reference": result.framesPerSecond / (baseline?.framesPerSecond ?? 1),
      ]
      if result.model == "jet" {
        row["ratio_to_hls4ml_csim"] =
          result.framesPerSecond / SimulatorBenchmark.hls4mlJetFramesPerSecond
      }
      return row
    }
    let document: [String: Any] = [
      "benchmark": "simulator", "threads": options.threads, "trials": options.trials,
      "hls4ml_csim_jet_frames_per_second": SimulatorBenchmark.hls4mlJetFramesPerSecond,
      "results": rows,
    ]
    let data = try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self)
  }
}
