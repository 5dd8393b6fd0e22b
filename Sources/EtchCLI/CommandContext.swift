/// What a running command may use to talk to the user: its outputs, the `--json` switch,
/// warnings and progress.
///
/// The contract of every command is one result on stdout — a readable summary, or with
/// `--json` one JSON object — and diagnostics on stderr. ``report(summary:json:)`` enforces
/// the first half: a command hands over both forms and the context prints the right one.
///
/// ```swift
/// context.report(
///   summary: table.rendered(),
///   json: ["layers": .array(layers), "parameters": .int(total)])
/// ```
public struct CommandContext: Sendable {
  /// Where results go (the process's stdout outside tests).
  public let stdout: TextOutput
  /// Where diagnostics and progress go (the process's stderr outside tests).
  public let stderr: TextOutput
  /// Whether `--json` was given.
  public let isJSON: Bool

  /// Creates a context writing to `stdout` and `stderr`.
  public init(stdout: TextOutput, stderr: TextOutput, isJSON: Bool) {
    self.stdout = stdout
    self.stderr = stderr
    self.isJSON = isJSON
  }

  /// Prints the command's result: `json` rendered as one object with `--json`, else
  /// `summary` (a trailing newline is added if missing). Call it once, at the end.
  public func report(summary: @autoclosure () -> String, json: @autoclosure () -> JSONValue) {
    let text = isJSON ? json().rendered() : summary()
    stdout.write(text.hasSuffix("\n") ? text : text + "\n")
  }

  /// Prints a warning line on stderr: `location: warning: message` (or `etch: warning: ...`).
  public func warn(_ message: String, location: String? = nil) {
    stderr.write(
      DiagnosticFormatter.line(
        location: location, passName: nil, message: message, severity: .warning) + "\n")
  }

  /// A progress line on stderr for `total` steps, drawn only on a terminal outside `--json`.
  public func progress(_ label: String, total: Int) -> ProgressReporter {
    ProgressReporter(
      label: label, total: total, output: stderr, isEnabled: stderr.isTerminal && !isJSON)
  }
}
