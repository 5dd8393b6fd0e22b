/// Why `etch synth` could not write its data set.
enum SynthCommandError: Error, Equatable, Diagnostic {
  /// The output folder could not be created.
  case cannotCreateFolder(path: String, reason: String)

  /// The folder at fault.
  var location: String? {
    switch self {
    case .cannotCreateFolder(let path, _): path
    }
  }

  /// What failed and what is needed.
  var message: String {
    switch self {
    case .cannotCreateFolder(_, let reason):
      "cannot create the folder (\(reason)); expected a writable location for --out"
    }
  }
}
