/// A generator parameter outside what the generator can honour, as one sentence naming the
/// parameter, the value given and what is allowed.
///
/// ```swift
/// SynthError.outOfRange(parameter: "size", value: "3", expected: "at least 5").description
/// // size 3 is out of range; expected at least 5
/// ```
public enum SynthError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A parameter's value is outside its allowed range.
  case outOfRange(parameter: String, value: String, expected: String)

  /// One sentence: the parameter, its value and what is allowed.
  public var description: String {
    switch self {
    case .outOfRange(let parameter, let value, let expected):
      "\(parameter) \(value) is out of range; expected \(expected)"
    }
  }
}
