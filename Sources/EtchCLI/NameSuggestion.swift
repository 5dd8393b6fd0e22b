/// Finds the name a user probably meant, for "did you mean '--input'?".
///
/// Typos are mostly one or two slips: a wrong, missing or extra letter, or two letters
/// swapped. The edit distance counts each of those as one (optimal string alignment), and a
/// name is suggested only if it is close for its length, or if the input is the start of
/// exactly one name (`--out` for `--output`). A wild guess is worse than none.
///
/// ```swift
/// NameSuggestion.closest(to: "--inptu", among: ["--input", "--output"])  // "--input"
/// NameSuggestion.closest(to: "--zzz", among: ["--input", "--output"])    // nil
/// ```
public enum NameSuggestion {
  /// The candidate closest to `input`, or `nil` if none is plausibly what was meant.
  public static func closest(to input: String, among candidates: [String]) -> String? {
    let typed = Array(input.lowercased())
    var best: (name: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(typed, Array(candidate.lowercased()))
      let allowed = candidate.count <= 4 ? 1 : candidate.count <= 7 ? 2 : 3
      if distance <= allowed, distance < best?.distance ?? Int.max {
        best = (candidate, distance)
      }
    }
    if let best { return best.name }
    let extensions = candidates.filter { $0.lowercased().hasPrefix(input.lowercased()) }
    return input.count >= 3 && extensions.count == 1 ? extensions.first : nil
  }

  /// The number of single-letter insertions, deletions, substitutions and swaps of adjacent
  /// letters that turn `source` into `target`.
  public static func editDistance(_ source: [Character], _ target: [Character]) -> Int {
    if source.isEmpty { return target.count }
    if target.isEmpty { return source.count }
    // rows[i][j] is the distance between the first i letters of source and j of target.
    var rows = [[Int]](
      repeating: [Int](repeating: 0, count: target.count + 1),
      count: source.count + 1)
    for i in 0...source.count { rows[i][0] = i }
    for j in 0...target.count { rows[0][j] = j }
    for i in 1...source.count {
      for j in 1...target.count {
        let cost = source[i - 1] == target[j - 1] ? 0 : 1
        var distance = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
        if i > 1, j > 1, source[i - 1] == target[j - 2], source[i - 2] == target[j - 1] {
          distance = min(distance, rows[i - 2][j - 2] + 1)
        }
        rows[i][j] = distance
      }
    }
    return rows[source.count][target.count]
  }
}
