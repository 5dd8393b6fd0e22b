/// JSON text for writers outside this module, so that model files and precision configs
/// quote strings alike.
public enum JSONText {
  /// `s` as a JSON string literal, escaping quotes, backslashes and control characters.
  ///
  /// ```swift
  /// JSONText.quoted("fc1 \"a\"")  // "\"fc1 \\\"a\\\"\""
  /// ```
  public static func quoted(_ s: String) -> String { JSONValue.quoted(s) }
}
