/// Why `etch budget` failed after its inputs were read.
enum BudgetError: Error, Equatable, Diagnostic {
  /// The `--out-config` file could not be written.
  case unwritable(path: String, reason: String)

  /// The file.
  var location: String? {
    switch self {
    case .unwritable(let path, _): path
    }
  }

  /// What went wrong.
  var message: String {
    switch self {
    case .unwritable(_, let reason):
      "cannot write the config (\(reason)); check the path given to --out-config"
    }
  }
}
