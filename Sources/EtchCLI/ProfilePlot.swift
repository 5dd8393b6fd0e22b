import Foundation

/// The `--plot FILE.svg` of `etch validate`: per node, the float values' range against the
/// range its format can hold, on a log2 |x| axis, and the max abs error — hls4ml's profiling
/// plot, with the error added.
///
/// Each row draws, between 2^−24 and 2^+24: a grey bar from the format's resolution to its
/// largest magnitude, a blue bar from the smallest to the largest nonzero |x| seen (the
/// calibrated range as the validation frames show it), and a red tick at the max abs error.
/// A blue bar reaching past the grey one's right end overflows; an error tick near the blue
/// bar's left end loses the small values. The SVG is plain text, one `<g class="row">` per
/// node, so scripts can count and read it.
enum ProfilePlot {
  /// The lowest and highest exponents drawn.
  static let exponents = -24...24
  /// Pixel sizes: label column, plot width, row height.
  static let labelWidth = 220.0
  static let plotWidth = 600.0
  static let rowHeight = 18.0

  /// The SVG document for `nodes`, titled `title`.
  static func svg(title: String, nodes: [NodeComparison]) -> String {
    let height = 60 + Double(nodes.count) * rowHeight + 30
    let width = labelWidth + plotWidth + 20
    var lines = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" "
        + "height=\"\(Int(height))\" font-family=\"monospace\" font-size=\"11\">",
      "<title>\(escape(title))</title>",
      "<text x=\"10\" y=\"20\" font-size=\"13\">\(escape(title)): float |x| range (blue), "
        + "format range (grey), max abs error (red), log2 scale</text>",
    ]
    for exponent in stride(from: exponents.lowerBound, through: exponents.upperBound, by: 8) {
      let x = position(Double(exponent))
      lines.append(
        "<line x1=\"\(x)\" y1=\"40\" x2=\"\(x)\" y2=\"\(height - 30)\" stroke=\"#ddd\"/>"
          + "<text x=\"\(x)\" y=\"\(height - 15)\" text-anchor=\"middle\">2^\(exponent)</text>")
    }
    for (index, node) in nodes.enumerated() {
      lines.append(row(node, y: 45 + Double(index) * rowHeight))
    }
    lines.append("</svg>")
    return lines.joined(separator: "\n") + "\n"
  }

  /// One node's row.
  private static func row(_ node: NodeComparison, y: Double) -> String {
    var parts = [
      "<g class=\"row\" data-node=\"\(escape(node.name))\">",
      "<text x=\"10\" y=\"\(y + 12)\">\(escape(node.name))</text>",
    ]
    let formatLow = log2(node.format.resolution)
    let formatHigh = log2(max(node.format.maxValue, node.format.minValue.magnitude))
    parts.append(bar(from: formatLow, to: formatHigh, y: y + 2, height: 14, color: "#ccc"))
    let largest = max(node.floatMax.magnitude, node.floatMin.magnitude)
    if largest.isFinite, largest > 0 {
      let smallest =
        node.floatMin <= 0 && node.floatMax >= 0
        ? node.format.resolution
        : min(
          node.floatMin.magnitude, node.floatMax.magnitude)
      parts.append(
        bar(
          from: log2(max(smallest, 0x1p-24)), to: log2(largest), y: y + 5, height: 8,
          color: "#3a6fc4"))
    }
    if node.maxAbsError > 0 {
      let x = position(log2(node.maxAbsError))
      parts.append(
        "<line x1=\"\(x)\" y1=\"\(y + 1)\" x2=\"\(x)\" y2=\"\(y + 17)\" stroke=\"#d22\" "
          + "stroke-width=\"2\"/>")
    }
    parts.append("</g>")
    return parts.joined()
  }

  /// A horizontal bar between two exponents.
  private static func bar(
    from low: Double, to high: Double, y: Double, height: Double,
    color: String
  ) -> String {
    let x1 = position(low)
    let x2 = position(high)
    return "<rect x=\"\(x1)\" y=\"\(y)\" width=\"\(max(x2 - x1, 1))\" height=\"\(height)\" "
      + "fill=\"\(color)\"/>"
  }

  /// The x coordinate of exponent `e`, clamped to the plot.
  private static func position(_ e: Double) -> Double {
    let low = Double(exponents.lowerBound)
    let high = Double(exponents.upperBound)
    let clamped = min(max(e, low), high)
    return (labelWidth + (clamped - low) / (high - low) * plotWidth).rounded()
  }

  /// Text with XML's special characters escaped, for every SVG plot `etch` writes.
  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}
