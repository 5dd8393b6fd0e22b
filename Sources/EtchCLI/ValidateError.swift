/// Why `etch validate` cannot use the files it was given, naming the file.
enum ValidateError: Error, Equatable, Diagnostic {
  /// A labels file whose frames have another shape than the first labels file, or than
  /// the output it is compared with.
  case labelShape(path: String, shape: [Int], expected: [Int])
  /// The labels files hold another number of frames than the data.
  case labelCount(paths: [String], count: Int, frames: Int)
  /// The plot file could not be written.
  case cannotWritePlot(path: String, reason: String)

  /// The file at fault.
  var location: String? {
    switch self {
    case .labelShape(let path, _, _), .cannotWritePlot(let path, _): path
    case .labelCount(let paths, _, _): paths.first
    }
  }

  /// What was found and what fits.
  var message: String {
    switch self {
    case .labelShape(_, let shape, let expected):
      "labels of shape \(ShapeText.text(shape)) do not fit; expected frames of shape "
        + "\(ShapeText.text(expected)) (class indices [N], or [N, *output shape])"
    case .labelCount(let paths, let count, let frames):
      "the labels (\(paths.joined(separator: ", "))) hold \(count) frames but --data holds "
        + "\(frames); expected one label per frame, files concatenated in frame order"
    case .cannotWritePlot(_, let reason):
      "cannot write the plot (\(reason)); expected a writable path for --plot"
    }
  }
}
