import Foundation

extension CostReport {
  /// The report as a table, every number labelled as an estimate:
  ///
  ///     Cost estimate (first-order model, not a synthesis result): xcvu9p at 200 MHz, …
  ///     op       kind     products  mult  DSP   LUT    FF     BRAM18  latency  II
  ///     relu1    dense    1022      1022  1022  17376  6475   0       6        1
  ///     …
  ///     total (estimate): latency 36 cycles = 0.18 µs, II 1 cycles = 0.005 µs
  ///     resources (estimate): DSP 4247 (62.091%), LUT 70120 (5.931%), …
  public var text: String {
    let header = ["op", "kind", "products", "mult", "DSP", "LUT", "FF", "BRAM18", "latency", "II"]
    var lines = [header]
    for r in rows {
      lines.append([
        r.name, r.op, "\(r.products)", "\(r.multipliers)", "\(r.resources.dsp)",
        "\(r.resources.lut)", "\(r.resources.ff)", "\(r.resources.bram18)",
        "\(r.latencyCycles)", "\(r.ii)",
      ])
    }
    let widths = header.indices.map { i in lines.map { $0[i].count }.max() ?? 0 }
    var out =
      "Cost estimate (first-order model, not a synthesis result): \(part) at "
      + "\(Self.format(clockMHz)) MHz, \(architecture.name)\n"
    for line in lines {
      out +=
        line.indices.map { i in
          line[i].padding(toLength: widths[i], withPad: " ", startingAt: 0)
        }.joined(separator: "  ") + "\n"
    }
    out +=
      "total (estimate): latency \(latencyCycles) cycles = "
      + "\(Self.format(latencyMicroseconds)) µs, II \(ii) cycles = "
      + "\(Self.format(iiMicroseconds)) µs\n"
    let share = utilisation
    out +=
      "resources (estimate): "
      + [
        ("DSP", resources.dsp, "dsp"), ("LUT", resources.lut, "lut"), ("FF", resources.ff, "ff"),
        ("BRAM18", resources.bram18, "bram18"), ("URAM", resources.uram, "uram"),
      ].map {
        "\($0.0) \($0.1) (\(Self.format(share[$0.2] ?? 0))%)"
      }.joined(separator: ", ") + "\n"
    return out
  }

  /// A number with up to three decimals, trailing zeros dropped.
  static func format(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    var s = String(format: "%.3f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
}
