/// An error that knows where it happened, so `etch` prints it as
/// `path: error: [pass-name] message` like a compiler, and editors and CI can link to it.
///
/// Errors of the lower targets (ModelFormat, Compiler, ...) cannot see this protocol, which
/// lives in EtchCLI; they conform in EtchCLI with a one-line extension
/// (`NpyError+Diagnostic.swift`). Any other error still prints, as `etch: error: ...`.
///
/// ```swift
/// extension NpyError: Diagnostic {
///   public var location: String? { path }
/// }
/// ```
public protocol Diagnostic: Error {
  /// The file (optionally with `:node` or `:line`) the error is about, or `nil`.
  var location: String? { get }
  /// The kebab-case name of the compiler pass that raised it, or `nil`.
  var passName: String? { get }
  /// One sentence without the location: what is wrong and what was expected.
  var message: String { get }
}

extension Diagnostic {
  /// No pass by default.
  public var passName: String? { nil }
}
