/// A type an option's or argument's text converts to, such as `Int` for `--threads 4`.
///
/// A failed conversion becomes a ``UsageError/invalidValue(name:value:expected:suggestion:)``
/// that says what was expected (`an integer`), so a command never parses text by hand.
/// String-backed enums convert by raw value and suggest the nearest case on a typo.
///
/// ```swift
/// enum Engine: String, CaseIterable, ArgumentValue { case float, fixed }
/// let engine = try arguments.value("engine", as: Engine.self)  // --engine flaot → did you mean 'float'?
/// ```
public protocol ArgumentValue: Sendable {
  /// Converts the text as typed; `nil` if it is not a valid value.
  init?(argument: String)
  /// What a valid value looks like, completing "expected ...": `an integer`.
  static var expectedValue: String { get }
  /// The valid values a typo may be corrected to; empty if they cannot be listed.
  static var suggestions: [String] { get }
}

extension ArgumentValue {
  /// No suggestions by default.
  public static var suggestions: [String] { [] }
}

extension String: ArgumentValue {
  /// Any text is a string.
  public init?(argument: String) { self = argument }
  /// `text`.
  public static var expectedValue: String { "text" }
}

extension Int: ArgumentValue {
  /// A decimal integer such as `4` or `-3`.
  public init?(argument: String) { self.init(argument, radix: 10) }
  /// `an integer`.
  public static var expectedValue: String { "an integer" }
}

extension Double: ArgumentValue {
  /// A finite decimal number such as `0.5` or `1e-3`.
  public init?(argument: String) {
    guard let value = Double(argument), value.isFinite else { return nil }
    self = value
  }
  /// `a finite number`.
  public static var expectedValue: String { "a finite number" }
}

extension ArgumentValue where Self: CaseIterable & RawRepresentable, RawValue == String {
  /// The case whose raw value is the text.
  public init?(argument: String) { self.init(rawValue: argument) }
  /// `one of a, b, c`.
  public static var expectedValue: String {
    "one of " + allCases.map(\.rawValue).joined(separator: ", ")
  }
  /// The raw values of all cases.
  public static var suggestions: [String] { allCases.map(\.rawValue) }
}
