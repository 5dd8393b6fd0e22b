/// The status `etch` exits with, which scripts and CI read to decide what happened.
///
/// Etch uses the BSD `sysexits` convention for bad usage so that a script can tell "you
/// called it wrong" (64) from "the model or data is wrong" (1).
///
/// | status | meaning |
/// |---|---|
/// | 0 | success |
/// | 1 | failure: a bad model or data file, a failed check, an I/O error |
/// | 64 | bad usage: unknown command or option, missing or invalid argument |
///
/// ```swift
/// return ExitCode.success
/// ```
public struct ExitCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
  /// The process exit status.
  public var rawValue: Int32

  /// Creates a status from a raw exit status.
  public init(rawValue: Int32) {
    self.rawValue = rawValue
  }

  /// 0: the command did what was asked.
  public static let success = ExitCode(rawValue: 0)
  /// 1: the command ran but failed (bad input file, failed validation, I/O error).
  public static let failure = ExitCode(rawValue: 1)
  /// 64 (`EX_USAGE`): the command line itself was wrong.
  public static let usage = ExitCode(rawValue: 64)

  /// The status as a number, e.g. `64`.
  public var description: String { String(rawValue) }
}
