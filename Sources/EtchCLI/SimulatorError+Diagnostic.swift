import Simulator

/// Simulator errors have no file: they print as `etch: error: input 'x' holds ...`.
extension SimulatorError: Diagnostic {
  /// No file is at fault.
  public var location: String? { nil }
  /// The simulator's sentence.
  public var message: String { description }
}
