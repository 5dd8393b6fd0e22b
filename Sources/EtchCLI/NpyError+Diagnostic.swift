import ModelFormat

/// `.npy` errors print as `x.npy: error: header field 'descr' is '>f4' (big-endian); ...`.
extension NpyError: Diagnostic {
  /// The file's path.
  public var location: String? { path }
}
