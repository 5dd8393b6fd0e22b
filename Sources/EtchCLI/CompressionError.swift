/// Why `etch compile --precision auto` could not save what it found.
enum CompressionError: Error, Diagnostic {
  /// The config file could not be written.
  case cannotWriteConfig(path: String, reason: String)

  /// The file at fault.
  var location: String? {
    switch self {
    case .cannotWriteConfig(let path, _): path
    }
  }

  /// No pass is at fault.
  var passName: String? { nil }

  /// One sentence saying what to do.
  var message: String {
    switch self {
    case .cannotWriteConfig(_, let reason):
      "cannot write the precision config (\(reason)); give a writable path to --write-config"
    }
  }
}
