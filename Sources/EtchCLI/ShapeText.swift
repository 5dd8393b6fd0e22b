/// How shapes read in summaries and error messages: `[64, 9, 9]`, and `[N, 1, 11, 11]` for a
/// batch of frames.
///
/// One spelling everywhere, the one Python prints for a list, so a shape in an error can be
/// compared at a glance with `array.shape` in the user's notebook.
enum ShapeText {
  /// `[64, 9, 9]`; `[]` for a scalar.
  static func text(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }

  /// `[N, 1, 11, 11]`: a batch of any number of frames of `shape`.
  static func batched(_ shape: [Int]) -> String {
    "[" + (["N"] + shape.map(String.init)).joined(separator: ", ") + "]"
  }
}
