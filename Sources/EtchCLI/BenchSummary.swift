import Foundation
import Runtime
import Targets

/// What `etch bench` reports: the run's settings, frames/s, latency percentiles, CPU per
/// frame, frame accounting, and the verdict against the rate or detector.
///
/// ```
/// model jet_tagger (jet_tagger.json): float engine, 1 thread, batch 1, throughput
/// 10,000 frames from random (seed 1) in 0.061 s: 163,120 frames/s, 5.9 µs CPU per frame
/// latency p50 2.1 µs, p99 4.3 µs, p99.9 11.0 µs, max 40.2 µs
/// frames in 10,000 = out 10,000 + dropped 0
/// ```
struct BenchSummary {
  var model: String
  var file: String
  /// `float` or `fixed`.
  var engine: String
  /// The fixed engine's precision and calibration.
  var engineNote: String?
  var options: PipelineOptions
  var detector: Detector?
  var report: PipelineReport
  var output: String?
  /// Where frames came from: a path, `-`, or `random (seed S)`.
  var source: String

  /// `float engine` or `fixed engine (precision ap_fixed<16,6>)`.
  var engineTitle: String {
    "\(engine) engine" + (engineNote.map { " (\($0))" } ?? "")
  }

  /// The time one inference may take, in µs: the detector's, else `1e6 / rate`; nil in
  /// throughput mode.
  var budgetMicroseconds: Double? {
    if let detector { return detector.budgetPerInferenceMicroseconds }
    if case .realTime(let rate) = options.mode { return 1e6 / rate }
    return nil
  }

  /// `keeps up`, `falls behind` or nil (throughput mode has no verdict).
  var verdict: String? {
    guard case .realTime = options.mode else { return nil }
    return report.dropped == 0 && report.missedDeadline == 0 ? "keeps up" : "falls behind"
  }

  private var modeText: String {
    switch options.mode {
    case .throughput: "throughput"
    case .realTime(let rate):
      "real time at \(TextTable.grouped(Int(rate.rounded()))) Hz"
        + (detector.map { " (detector \($0.name))" } ?? "")
    }
  }

  var text: String {
    let us = { (seconds: Double) in Self.micro(seconds * 1e6) }
    let threads = options.threads == 1 ? "1 thread" : "\(options.threads) threads"
    var lines = [
      "model \(model) (\(file)): \(engineTitle), \(threads), batch \(options.batch), "
        + modeText,
      "\(TextTable.grouped(report.framesIn)) frames from \(source) in "
        + "\(String(format: "%.3f", report.seconds)) s: "
        + "\(TextTable.grouped(Int(report.framesPerSecond.rounded()))) frames/s, "
        + "\(Self.micro(report.cpuMicrosecondsPerFrame)) CPU per frame",
      "latency p50 \(us(report.latency.p50)), p99 \(us(report.latency.p99)), "
        + "p99.9 \(us(report.latency.p999)), max \(us(report.latency.max))",
      "frames in \(TextTable.grouped(report.framesIn)) = out \(TextTable.grouped(report.framesOut))"
        + " + dropped \(TextTable.grouped(report.dropped))"
        + (report.isBalanced ? "" : " (MISMATCH)"),
    ]
    if let budget = budgetMicroseconds, let verdict {
      let late = report.missedDeadline
      lines.append(
        "budget \(Self.micro(budget)) per inference: \(verdict) ("
          + "\(TextTable.grouped(report.dropped)) dropped, \(TextTable.grouped(late)) late "
          + "of deadline \(us(report.deadline ?? 0)))")
    }
    if let output { lines.append("outputs written to \(output)") }
    return lines.joined(separator: "\n")
  }

  var json: JSONValue {
    var object: [String: JSONValue] = [
      "model": .string(model), "file": .string(file), "engine": .string(engine),
      "threads": .int(options.threads), "batch": .int(options.batch),
      "source": .string(source), "frames_in": .int(report.framesIn),
      "frames_out": .int(report.framesOut), "dropped": .int(report.dropped),
      "missed_deadline": .int(report.missedDeadline), "balanced": .bool(report.isBalanced),
      "seconds": .double(report.seconds), "frames_per_second": .double(report.framesPerSecond),
      "cpu_us_per_frame": .double(report.cpuMicrosecondsPerFrame),
      "latency_us": .object([
        "p50": .double(report.latency.p50 * 1e6), "p99": .double(report.latency.p99 * 1e6),
        "p99_9": .double(report.latency.p999 * 1e6), "max": .double(report.latency.max * 1e6),
        "mean": .double(report.latency.mean * 1e6),
      ]),
    ]
    switch options.mode {
    case .throughput: object["mode"] = .string("throughput")
    case .realTime(let rate):
      object["mode"] = .string("real-time")
      object["rate_hz"] = .double(rate)
    }
    if let engineNote { object["engine_note"] = .string(engineNote) }
    if let detector { object["detector"] = .string(detector.name) }
    if let budget = budgetMicroseconds { object["budget_us"] = .double(budget) }
    if let deadline = report.deadline { object["deadline_us"] = .double(deadline * 1e6) }
    if let verdict { object["verdict"] = .string(verdict) }
    if let output { object["output"] = .string(output) }
    return .object(object)
  }

  /// `3.1 µs`, `12.4 ms`.
  static func micro(_ microseconds: Double) -> String {
    microseconds >= 10_000
      ? String(format: "%.1f ms", microseconds / 1000) : String(format: "%.1f µs", microseconds)
  }
}
