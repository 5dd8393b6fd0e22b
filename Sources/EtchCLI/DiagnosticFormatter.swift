import Foundation

/// Formats any error as the one line `etch` prints on stderr.
///
/// A ``Diagnostic`` prints as `location: error: [pass] message`; any other error as
/// `etch: error: ` followed by its `LocalizedError` description or its `description`.
/// Newlines inside a message are folded, so each diagnostic is exactly one line that
/// `grep` and editors can match.
///
/// ```swift
/// DiagnosticFormatter.line(for: NpyError.fortranOrder(path: "x.npy", shape: [2, 3]))
/// // x.npy: error: header field 'fortran_order' is True for shape (2, 3); ...
/// ```
public enum DiagnosticFormatter {
  /// How serious a diagnostic is.
  public enum Severity: String, Sendable {
    /// The command failed.
    case error
    /// The command went on, but something deserves attention.
    case warning
  }

  /// The diagnostic line for `error`, without a trailing newline.
  public static func line(
    for error: any Error, severity: Severity = .error, toolName: String = EtchTool.name
  ) -> String {
    if let diagnostic = error as? any Diagnostic {
      return line(
        location: diagnostic.location, passName: diagnostic.passName, message: diagnostic.message,
        severity: severity, toolName: toolName)
    }
    let message =
      (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
    return line(
      location: nil, passName: nil, message: message, severity: severity, toolName: toolName)
  }

  /// The line for a message with an optional location and pass.
  public static func line(
    location: String?, passName: String?, message: String, severity: Severity = .error,
    toolName: String = EtchTool.name
  ) -> String {
    let pass = passName.map { "[\($0)] " } ?? ""
    let oneLine = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    return "\(location ?? toolName): \(severity.rawValue): \(pass)\(oneLine)"
  }
}
