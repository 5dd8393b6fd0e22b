import Compiler
import Foundation
import Targets

/// What `etch budget` prints: the readable summary and the `--json` object, built from the
/// compiled model, the part, the detector, the cost report and its verdict (and the fit).
///
/// Every number is labelled an estimate: the header says so, the totals say so, and the
/// verdict line starts with `verdict (estimate):`.
struct BudgetSummary {
  var model: String
  var file: String
  var compilation: FixedRunOptions.Compilation
  var part: FPGAPart
  var detector: Detector
  var io: String
  var ioIsDefault: Bool
  var report: CostReport
  var verdict: BudgetVerdict
  var perFrameIsDefault: Bool
  var fusedActivations: [String: String]
  /// The fit, when `--fit` was given: the design before it, the layers' factors, the file.
  var fit:
    (
      before: CostReport, layers: [String: Int], instances: Int, allowedII: Int,
      file: String?
    )?

  /// Replaces the priced design by the fitted one, keeping the one before for comparison.
  mutating func fitted(_ result: ReuseFit, layers: [String: Int], writtenTo file: String?) {
    fit = (report, layers, result.instances, result.allowedII, file)
    report = result.report
    verdict = result.report.verdict(
      for: detector, inferencesPerFrame: verdict.inferencesPerFrame)
  }

  /// The verdict as a word for scripts: `keeps-up`, `keeps-up-with-instances`,
  /// `does-not-fit`.
  var outcome: String {
    guard verdict.fits else { return "does-not-fit" }
    return verdict.keepsUp ? "keeps-up" : "keeps-up-with-instances"
  }

  /// The one-line verdict, after `verdict (estimate): `.
  var verdictSentence: String {
    let period = "\(number(verdict.framePeriodMicroseconds)) µs frame"
    let worst = Self.worst(verdict.utilisation)
    let share = "\(percent(worst.value)) of the device's \(worst.name)"
    if verdict.keepsUp {
      guard verdict.fits else {
        return "does not fit: one instance would keep up (busy "
          + "\(percent(verdict.busyPercent)) of each \(period)) but needs \(share)"
      }
      return "keeps up: one instance is busy \(percent(verdict.busyPercent)) of each "
        + "\(period), using at most \(share)"
    }
    let n = verdict.instances
    if verdict.fits {
      return "keeps up with \(n) parallel instances (one alone is busy "
        + "\(percent(verdict.busyPercent)) of each \(period)); together they use at most "
        + share
    }
    return "does not keep up: \(n) parallel instances would be needed (one alone is busy "
      + "\(percent(verdict.busyPercent)) of each \(period)) and they need \(share)"
  }

  /// The readable summary.
  var text: String {
    var lines = [
      "model \(model) (\(file)), precision \(compilation.precision)"
    ]
    if let note = compilation.calibrationNote { lines.append(note) }
    lines.append(
      "target \(part.name) (\(part.partString), \(part.board)) at \(number(report.clockMHz)) "
        + "MHz, \(part.family.dspName)")
    lines.append(
      "detector \(detector.name) (\(detector.title)): \(detector.frameHeight)×"
        + "\(detector.frameWidth) at \(TextTable.grouped(Int(detector.frameRateHz.rounded()))) "
        + "frames/s" + (detector.vendorClaims.isEmpty ? "" : " (vendor claim)"))
    lines.append(
      "architecture \(report.architecture.name)"
        + (ioIsDefault ? " (the default for this model)" : ""))
    lines.append("")
    lines.append("Budget estimate (first-order cost model, not a synthesis result):")
    let perFrameNote = perFrameIsDefault ? "" : " (--per-frame)"
    let rows: [(String, String)] = [
      (
        "frame period",
        "\(number(verdict.framePeriodMicroseconds)) µs = "
          + "\(number(verdict.framePeriodCycles)) cycles"
      ),
      ("latency", "\(cycles(verdict.latencyCycles)) = \(number(verdict.latencyMicroseconds)) µs"),
      ("II", "\(cycles(verdict.ii)) = \(number(verdict.iiMicroseconds)) µs"),
      ("inferences/frame", "\(verdict.inferencesPerFrame)\(perFrameNote)"),
      (
        "busy per frame",
        "\(cycles(verdict.busyCyclesPerFrame)) = \(number(verdict.requiredMicroseconds)) µs, "
          + "\(percent(verdict.busyPercent)) of the frame period"
      ),
      (
        "one instance",
        verdict.keepsUp
          ? "keeps up" : "too slow: \(verdict.instances) parallel instances are needed"
      ),
      ("resources", resourceText(report.resources, report.utilisation)),
    ]
    let width = rows.map(\.0.count).max() ?? 0
    for (label, value) in rows {
      lines.append(
        "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
    }
    if verdict.instances > 1 {
      lines.append(
        "  " + "× \(verdict.instances)".padding(toLength: width, withPad: " ", startingAt: 0)
          + "  " + resourceText(verdict.totalResources, verdict.utilisation))
    }
    if let fit {
      lines.append("")
      lines.append(
        "fit (estimate): reuse factors for the fewest DSPs, then LUTs, with each instance's II "
          + "at most \(cycles(fit.allowedII))"
          + (fit.instances > 1 ? " (\(fit.instances) instances)" : ""))
      lines.append(
        "  before: DSP \(TextTable.grouped(fit.before.resources.dsp)), LUT "
          + "\(TextTable.grouped(fit.before.resources.lut)), II \(cycles(fit.before.ii)); "
          + "after: DSP \(TextTable.grouped(report.resources.dsp)), LUT "
          + "\(TextTable.grouped(report.resources.lut)), II \(cycles(report.ii))")
      lines.append(
        "  reuse: "
          + fit.layers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
          .joined(separator: ", "))
      if let file = fit.file { lines.append("  config written to \(file)") }
    }
    lines.append("")
    lines.append(opTable().rendered())
    lines.append("verdict (estimate): \(verdictSentence)")
    return lines.joined(separator: "\n")
  }

  /// The per-op table: kind, reuse factor, resources, latency, II.
  private func opTable() -> TextTable {
    var table = TextTable(
      columns: ["op", "kind", "R", "mult", "DSP", "LUT", "FF", "BRAM18", "latency", "II"])
    for row in report.rows {
      let reuse = reuseFactor(of: row)
      table.append([
        row.name, row.op, reuse.map(String.init) ?? "", TextTable.grouped(row.multipliers),
        TextTable.grouped(row.resources.dsp), TextTable.grouped(row.resources.lut),
        TextTable.grouped(row.resources.ff), TextTable.grouped(row.resources.bram18),
        TextTable.grouped(row.latencyCycles), TextTable.grouped(row.ii),
      ])
    }
    table.totals = [
      "total (estimate)", "", "", TextTable.grouped(report.rows.reduce(0) { $0 + $1.multipliers }),
      TextTable.grouped(report.resources.dsp), TextTable.grouped(report.resources.lut),
      TextTable.grouped(report.resources.ff), TextTable.grouped(report.resources.bram18),
      TextTable.grouped(report.latencyCycles), TextTable.grouped(report.ii),
    ]
    return table
  }

  /// The reuse factor of a multiply-accumulate row, nil for other ops.
  private func reuseFactor(of row: CostRow) -> Int? {
    let mac = ["dense", "conv1d", "conv2d", "matmul"]
    guard mac.contains(where: { row.op.hasPrefix($0) }) else { return nil }
    switch report.architecture {
    case .parallel(let reuse, let overrides), .stream(let reuse, let overrides):
      return overrides[row.name] ?? reuse
    }
  }

  /// The `--json` object.
  var json: JSONValue {
    var object: [String: JSONValue] = [
      "estimate": .bool(true),
      "model": .string(model), "file": .string(file),
      "precision": .string(compilation.precision.description),
      "calibration": compilation.calibrationNote.map(JSONValue.string) ?? nil,
      "target": [
        "name": .string(part.name), "part": .string(part.partString),
        "family": .string(part.family.name), "board": .string(part.board),
        "clock_mhz": .double(report.clockMHz), "resources": Self.json(part.resources),
      ],
      "detector": [
        "name": .string(detector.name), "title": .string(detector.title),
        "frame": .array([.int(detector.frameHeight), .int(detector.frameWidth)]),
        "frame_rate_hz": .double(detector.frameRateHz),
        "vendor_claims": .array(detector.vendorClaims.map(JSONValue.string)),
      ],
      "architecture": .string(io),
      "frame_period_us": .double(verdict.framePeriodMicroseconds),
      "frame_period_cycles": .double(verdict.framePeriodCycles),
      "latency_cycles": .int(verdict.latencyCycles),
      "latency_us": .double(verdict.latencyMicroseconds),
      "ii_cycles": .int(verdict.ii), "ii_us": .double(verdict.iiMicroseconds),
      "inferences_per_frame": .int(verdict.inferencesPerFrame),
      "busy_cycles_per_frame": .int(verdict.busyCyclesPerFrame),
      "busy_us_per_frame": .double(verdict.requiredMicroseconds),
      "busy_percent": .double(verdict.busyPercent),
      "keeps_up": .bool(verdict.keepsUp), "instances": .int(verdict.instances),
      "fits": .bool(verdict.fits), "verdict": .string(outcome),
      "verdict_text": .string(verdictSentence),
      "resources": Self.json(report.resources),
      "utilisation_percent": Self.json(report.utilisation),
      "total_resources": Self.json(verdict.totalResources),
      "total_utilisation_percent": Self.json(verdict.utilisation),
      "ops": .array(
        report.rows.map { row in
          [
            "name": .string(row.name), "kind": .string(row.op),
            "reuse": reuseFactor(of: row).map(JSONValue.int) ?? nil,
            "products": .int(row.products), "multipliers": .int(row.multipliers),
            "resources": Self.json(row.resources), "latency_cycles": .int(row.latencyCycles),
            "ii_cycles": .int(row.ii),
          ]
        }),
    ]
    switch report.architecture {
    case .parallel(let reuse, let overrides), .stream(let reuse, let overrides):
      object["reuse"] = [
        "default": .int(reuse),
        "layers": .object(
          ReuseConfig.layers(fromOpFactors: overrides, fusedActivations: fusedActivations)
            .mapValues(JSONValue.int)),
      ]
    }
    if let fit {
      object["fit"] = [
        "layers": .object(fit.layers.mapValues(JSONValue.int)),
        "instances": .int(fit.instances), "allowed_ii_cycles": .int(fit.allowedII),
        "config": fit.file.map(JSONValue.string) ?? nil,
        "before": [
          "resources": Self.json(fit.before.resources), "ii_cycles": .int(fit.before.ii),
          "latency_cycles": .int(fit.before.latencyCycles),
        ],
      ]
    }
    return .object(object)
  }

  private static func json(_ r: ResourceUsage) -> JSONValue {
    [
      "dsp": .int(r.dsp), "lut": .int(r.lut), "ff": .int(r.ff), "bram18": .int(r.bram18),
      "uram": .int(r.uram),
    ]
  }

  private static func json(_ shares: [String: Double]) -> JSONValue {
    .object(shares.mapValues(JSONValue.double))
  }

  /// The resource with the largest share.
  private static func worst(_ shares: [String: Double]) -> (name: String, value: Double) {
    let names = ["dsp": "DSPs", "lut": "LUTs", "ff": "FFs", "bram18": "BRAMs", "uram": "URAMs"]
    let top = shares.max { ($0.value, $1.key) < ($1.value, $0.key) }
    return (names[top?.key ?? "dsp"] ?? "DSPs", top?.value ?? 0)
  }

  private func resourceText(_ r: ResourceUsage, _ shares: [String: Double]) -> String {
    [
      ("DSP", r.dsp, "dsp"), ("LUT", r.lut, "lut"), ("FF", r.ff, "ff"),
      ("BRAM18", r.bram18, "bram18"), ("URAM", r.uram, "uram"),
    ].map { "\($0.0) \(TextTable.grouped($0.1)) (\(percent(shares[$0.2] ?? 0)))" }
      .joined(separator: ", ")
  }

  private func cycles(_ n: Int) -> String {
    n == 1 ? "1 cycle" : "\(TextTable.grouped(n)) cycles"
  }

  /// Up to three decimals, trailing zeros dropped, thousands grouped: `2,298.8`.
  private func number(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    var s = String(format: "%.3f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    let parts = s.split(separator: ".", maxSplits: 1)
    let whole = Int(parts[0]).map(TextTable.grouped) ?? String(parts[0])
    return parts.count == 2 ? "\(whole).\(parts[1])" : whole
  }

  /// A percentage with one decimal; two below 1 % and near 100 %, so that a design just
  /// over the device never reads `100.0%`.
  private func percent(_ x: Double) -> String {
    guard x.isFinite else { return "∞%" }
    return String(format: x < 1 || (x > 99 && x < 101) ? "%.2f%%" : "%.1f%%", x)
  }
}
