/// Why `etch bench` cannot run, apart from usage and the runtime's own errors.
enum BenchError: Error, Diagnostic {
  /// The detector catalogue or file could not be read (the catalogue's sentence).
  case detector(name: String, reason: String)
  /// The latency histogram could not be written.
  case cannotWritePlot(path: String, reason: String)

  var location: String? {
    switch self {
    case .detector: nil
    case .cannotWritePlot(let path, _): path
    }
  }

  var message: String {
    switch self {
    case .detector(let name, let reason): "detector '\(name)': \(reason)"
    case .cannotWritePlot(_, let reason): "cannot write the latency plot: \(reason)"
    }
  }
}
