import Compiler
import Foundation

extension FixedRunOptions {
  /// The options for `--precision auto`: the precision search starts from the calibrated
  /// precision, so that is what compiling uses until the search's config replaces it.
  init(automatic arguments: ParsedArguments) throws {
    precision = .calibrated
    config = try arguments.value(Self.configOption.name).map { path in
      try PrecisionConfig(contentsOf: URL(fileURLWithPath: path))
    }
    calibrationPaths = arguments.values(Self.calibrationOption.name)
  }
}
