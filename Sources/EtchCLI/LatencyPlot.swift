import Foundation

/// The `--plot FILE.svg` of `etch bench`: a histogram of per-frame latency with the
/// detector's budget as a red vertical line.
///
/// 60 bins from 0 to the larger of the 99.9th percentile and the budget, times 1.1; slower
/// frames are counted in the last bin, labelled `≥`. Each bar is a `<rect class="bin">` with
/// `data-count`, so scripts can read the plot back.
enum LatencyPlot {
  static let bins = 60
  static let width = 720.0
  static let height = 360.0
  static let left = 60.0
  static let bottom = 40.0

  /// The SVG for latencies `sorted` (seconds, ascending) and an optional budget (seconds).
  static func svg(title: String, sorted: [Double], p999: Double, budget: Double?) -> String {
    let top = max(p999, budget ?? 0, sorted.first ?? 0, 1e-9) * 1.1
    var counts = [Int](repeating: 0, count: bins)
    for latency in sorted {
      counts[min(bins - 1, Int(latency / top * Double(bins)))] += 1
    }
    let highest = Double(max(counts.max() ?? 1, 1))
    let plotWidth = width - left - 20
    let plotHeight = height - bottom - 50
    let binWidth = plotWidth / Double(bins)
    var lines = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" "
        + "height=\"\(Int(height))\" font-family=\"monospace\" font-size=\"11\">",
      "<title>\(ProfilePlot.escape(title))</title>",
      "<text x=\"10\" y=\"20\" font-size=\"13\">\(ProfilePlot.escape(title))</text>",
    ]
    for (index, count) in counts.enumerated() {
      let barHeight = Double(count) / highest * plotHeight
      let x = left + Double(index) * binWidth
      lines.append(
        "<rect class=\"bin\" data-count=\"\(count)\" x=\"\(fmt(x))\" "
          + "y=\"\(fmt(height - bottom - barHeight))\" width=\"\(fmt(binWidth - 1))\" "
          + "height=\"\(fmt(barHeight))\" fill=\"#4a7fb5\"/>")
    }
    for tick in 0...4 {
      let value = top * Double(tick) / 4
      let x = left + plotWidth * Double(tick) / 4
      lines.append(
        "<text x=\"\(fmt(x))\" y=\"\(fmt(height - bottom + 16))\" text-anchor=\"middle\">"
          + "\(tick == 4 ? "≥ " : "")\(fmt(value * 1e6)) µs</text>")
    }
    lines.append(
      "<line x1=\"\(left)\" y1=\"\(fmt(height - bottom))\" x2=\"\(fmt(left + plotWidth))\" "
        + "y2=\"\(fmt(height - bottom))\" stroke=\"#333\"/>")
    lines.append(
      "<text x=\"10\" y=\"\(fmt(height - bottom - plotHeight))\">\(Int(highest))</text>")
    if let budget {
      let x = left + plotWidth * budget / top
      lines.append(
        "<line class=\"budget\" x1=\"\(fmt(x))\" y1=\"\(fmt(height - bottom - plotHeight))\" "
          + "x2=\"\(fmt(x))\" y2=\"\(fmt(height - bottom))\" stroke=\"#c00\" "
          + "stroke-width=\"2\"/>")
      lines.append(
        "<text x=\"\(fmt(x + 4))\" y=\"\(fmt(height - bottom - plotHeight + 12))\" "
          + "fill=\"#c00\">budget \(fmt(budget * 1e6)) µs</text>")
    }
    lines.append("</svg>")
    return lines.joined(separator: "\n") + "\n"
  }

  private static func fmt(_ value: Double) -> String { String(format: "%.2f", value) }

}
