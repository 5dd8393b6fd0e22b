/// What a finished child process left behind: its exit status and everything it printed.
///
/// End-to-end tests assert on all three, as users and scripts see them: the status decides
/// success, stdout is what a pipe receives, stderr is where diagnostics go.
///
/// ```swift
/// let output = try EtchBinary.run(["--version"])
/// #expect(output.status == 0 && output.stdout == "etch 0.1.0\n" && output.stderr.isEmpty)
/// ```
public struct ProcessOutput: Sendable, Equatable {
  /// The exit status (or 128 + the signal number if a signal ended the process).
  public var status: Int32
  /// Everything written to standard output, decoded as UTF-8.
  public var stdout: String
  /// Everything written to standard error, decoded as UTF-8.
  public var stderr: String

  /// Creates a result from its parts.
  public init(status: Int32, stdout: String, stderr: String) {
    self.status = status
    self.stdout = stdout
    self.stderr = stderr
  }
}
