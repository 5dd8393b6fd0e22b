/// One example invocation shown at the end of a command's help.
///
/// Examples are the part of help users copy; each is a complete command line with one
/// sentence on what it does.
///
/// ```swift
/// CommandExample("etch inspect models/braggnn.json", "Lists the layers of BraggNN.")
/// ```
public struct CommandExample: Sendable, Equatable {
  /// The complete command line, starting with `etch`.
  public var command: String
  /// One sentence saying what the command line does.
  public var explanation: String

  /// Declares an example.
  public init(_ command: String, _ explanation: String) {
    self.command = command
    self.explanation = explanation
  }
}
