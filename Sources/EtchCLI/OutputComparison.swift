import Foundation

/// How far a model output is from a reference array of the same shape (`etch run
/// --compare`): the largest absolute and relative differences, and where the largest is.
///
/// Users check an export by running it and comparing with what PyTorch computed; these are
/// the two numbers they look at. Elements are compared as `Double`, so the differences are
/// exact. Per element, with `y` the output and `r` the reference:
///
/// | case | absolute | relative |
/// |---|---|---|
/// | `y == r` (also equal infinities) | 0 | 0 |
/// | both finite | `|y − r|` | `|y − r| / |r|`, left out where `r == 0` |
/// | otherwise (a NaN, or an infinity against another value) | counted in `nonFinite` | — |
///
/// Values arrive in slices of frames, so a comparison never holds a whole scan in memory.
///
/// ```swift
/// var comparison = OutputComparison(reference: "ref.npy", elementsPerFrame: 2)
/// comparison.add([1, 2, 3, 4], reference: [1, 2, 3, 4.5])
/// comparison.maxAbsolute  // 0.5, at frame 1
/// ```
struct OutputComparison: Sendable {
  /// The reference file, as given.
  let reference: String
  /// Elements in one frame of the output, to turn an element index into a frame.
  let elementsPerFrame: Int
  /// The largest absolute difference over the finite pairs.
  private(set) var maxAbsolute = 0.0
  /// The largest relative difference over the finite pairs with a non-zero reference.
  private(set) var maxRelative = 0.0
  /// The frame holding the largest absolute difference, if any pair differs.
  private(set) var worstFrame: Int?
  /// Pairs where exactly one side is NaN, or an infinity meets a different value.
  private(set) var nonFinite = 0
  /// Elements compared so far.
  private(set) var count = 0

  /// Adds the next elements of the output and the reference (equal counts, C order).
  mutating func add(_ values: [Float], reference: [Float]) {
    precondition(values.count == reference.count, "compared slices differ in length")
    for (offset, (value, expected)) in zip(values, reference).enumerated() {
      let y = Double(value)
      let r = Double(expected)
      guard y != r else { continue }
      guard y.isFinite, r.isFinite else {
        nonFinite += 1
        continue
      }
      let absolute = (y - r).magnitude
      if absolute > maxAbsolute {
        maxAbsolute = absolute
        worstFrame = (count + offset) / max(elementsPerFrame, 1)
      }
      if r != 0 { maxRelative = max(maxRelative, absolute / r.magnitude) }
    }
    count += values.count
  }

  /// `max abs difference 5.96e-08 (frame 17), max relative difference 2.1e-06`.
  var summary: String {
    var text =
      "max abs difference \(Self.number(maxAbsolute))"
      + (worstFrame.map { " (frame \($0))" } ?? "")
      + ", max relative difference \(Self.number(maxRelative))"
    if nonFinite > 0 {
      text += "; \(nonFinite) elements are NaN or infinite on one side only"
    }
    return text
  }

  /// The comparison as JSON.
  var json: JSONValue {
    [
      "reference": .string(reference), "max_abs_difference": .double(maxAbsolute),
      "max_relative_difference": .double(maxRelative),
      "worst_frame": worstFrame.map(JSONValue.int) ?? nil, "non_finite": .int(nonFinite),
      "elements": .int(count),
    ]
  }

  /// Three significant digits: `5.96e-08`, `0.25`, `0`.
  static func number(_ value: Double) -> String {
    String(format: "%.3g", value)
  }
}
