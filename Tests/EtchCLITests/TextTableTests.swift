import EtchCLI
import Testing

/// Summaries line up: text left, numbers right, totals under a rule.
@Suite struct TextTableTests {
  @Test func alignsTextLeftAndNumbersRightWithATotalsRow() {
    var table = TextTable(columns: ["layer", "op", "shape", "params", "share"])
    table.append(["fc1", "dense", "[64]", TextTable.grouped(1_088), "82.4%"])
    table.append(["fc1_relu", "relu", "[64]", "0", "0%"])
    table.append(["fc2", "dense", "[4]", "260", "17.6%"])
    table.totals = ["total", "", "", TextTable.grouped(1_348), "100%"]
    #expect(
      table.rendered() == """
        layer     op     shape  params  share
        fc1       dense  [64]    1,088  82.4%
        fc1_relu  relu   [64]        0     0%
        fc2       dense  [4]       260  17.6%
        -------------------------------------
        total                    1,348   100%

        """)
  }

  @Test func honoursExplicitAlignmentAndShortRows() {
    var table = TextTable(columns: ["id", "note"])
    table.alignments = [.left, .right]
    table.append(["7"])
    table.append(["12", "ok"])
    #expect(table.rendered() == "id  note\n7\n12    ok\n")
  }

  @Test func groupsDigitsInThrees() {
    #expect(
      [0, 7, 999, 1_000, 12_345, 1_234_567, -1_000, Int.min].map(TextTable.grouped) == [
        "0", "7", "999", "1,000", "12,345", "1,234,567", "-1,000", "-9,223,372,036,854,775,808",
      ])
  }
}
