/// A plain-text table for readable summaries: aligned columns, numbers right-aligned,
/// an optional totals row under a rule.
///
/// Summaries like `etch inspect`'s layer list are read by eye and pasted into issues, so
/// they use spaces only (no box-drawing), two spaces between columns and no trailing spaces.
/// A column is right-aligned when every cell in it is numeric (`1,088`, `-0.25`, `42%`,
/// `3.1 ms`), unless its alignment is set.
///
/// ```swift
/// var table = TextTable(columns: ["layer", "op", "params"])
/// table.append(["fc1", "dense", TextTable.grouped(1088)])
/// table.append(["fc2", "dense", "136"])
/// table.totals = ["total", "", TextTable.grouped(1224)]
/// print(table.rendered())
/// // layer  op     params
/// // fc1    dense   1,088
/// // fc2    dense     136
/// // --------------------
/// // total          1,224
/// ```
public struct TextTable: Sendable {
  /// How a column's cells line up.
  public enum Alignment: Sendable {
    /// Right if every body cell is numeric, else left.
    case automatic
    /// Flush left.
    case left
    /// Flush right, so digits of equal weight line up.
    case right
  }

  /// The column titles, shown as the first line.
  public var columns: [String]
  /// Each column's alignment, `.automatic` unless set.
  public var alignments: [Alignment]
  /// The body rows; a short row is padded with empty cells.
  public private(set) var rows: [[String]] = []
  /// A final row under a rule, for sums; `nil` for none.
  public var totals: [String]?

  /// Creates an empty table with these column titles.
  public init(columns: [String]) {
    self.columns = columns
    self.alignments = Array(repeating: .automatic, count: columns.count)
  }

  /// Appends a body row, one cell per column.
  public mutating func append(_ row: [String]) {
    rows.append(row)
  }

  /// `1088` as `1,088`: digits grouped in threes, as the summaries print counts.
  public static func grouped(_ value: Int) -> String {
    let digits = Array(String(value.magnitude))
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return value < 0 ? "-" + text : text
  }

  /// The table as lines of text, each ending in a newline.
  public func rendered() -> String {
    let body = rows + (totals.map { [$0] } ?? [])
    let widths = columns.indices.map { column in
      ([columns] + body).map { cell($0, column).count }.max() ?? 0
    }
    let right = columns.indices.map { column in
      switch alignments[column] {
      case .left: false
      case .right: true
      case .automatic:
        rows.contains { !cell($0, column).isEmpty }
          && rows.allSatisfy { cell($0, column).isEmpty || Self.isNumeric(cell($0, column)) }
      }
    }
    func line(_ row: [String]) -> String {
      let cells = columns.indices.map { column in
        let text = cell(row, column)
        let padding = String(repeating: " ", count: widths[column] - text.count)
        return right[column] ? padding + text : text + padding
      }
      return String(cells.joined(separator: "  ").reversed().drop { $0 == " " }.reversed())
        + "\n"
    }
    var text = line(columns) + rows.map(line).joined()
    if let totals {
      let width = widths.reduce(0, +) + 2 * max(columns.count - 1, 0)
      text += String(repeating: "-", count: width) + "\n" + line(totals)
    }
    return text
  }

  private func cell(_ row: [String], _ column: Int) -> String {
    column < row.count ? row[column] : ""
  }

  /// A number, possibly grouped, signed, with a unit or percent sign after it.
  private static func isNumeric(_ text: String) -> Bool {
    let number = text.prefix { "+-0123456789.,eE".contains($0) }
    let unit = text.dropFirst(number.count).trimmingPrefix(" ")
    return number.contains(where: \.isNumber) && unit.count <= 3
      && unit.allSatisfy { $0.isLetter || $0 == "%" || $0 == "×" }
  }
}
