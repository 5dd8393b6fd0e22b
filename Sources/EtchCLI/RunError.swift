/// Why `etch run` cannot run a model on the files it was given.
///
/// Each case names the file at fault and renders, after it, one sentence saying what was
/// found and what fits:
///
/// ```
/// x.npy: error: shape [8, 3, 11, 11] does not fit input 'patch' of model 'braggnn':
/// expected [N, 1, 11, 11] (a batch of frames) or [1, 11, 11] (one frame)
/// ```
///
/// Mistakes in the command line itself (one `--input` for a model with two inputs) are
/// ``UsageError``s instead, so they exit with 64.
enum RunError: Error, Equatable, Diagnostic {
  /// An input file's shape is neither `[N, *input shape]` nor the input shape itself.
  case inputShape(path: String, shape: [Int], input: String, model: String, expected: [Int])
  /// Two input files hold different numbers of frames; `nil` is one frame without a batch
  /// axis.
  case frameCountMismatch(path: String, frames: Int?, otherPath: String, otherFrames: Int?)
  /// A reference file for `--compare` does not have the shape of the output it is compared
  /// with.
  case referenceShape(path: String, shape: [Int], output: String, expected: [Int])
  /// Two outputs would be written to (or compared from) the same file of a folder.
  case fileNameClash(path: String, outputs: [String], option: String)
  /// The folder given to `--output` could not be created.
  case cannotCreateFolder(path: String, reason: String)

  /// The file the error is about.
  var location: String? {
    switch self {
    case .inputShape(let path, _, _, _, _), .frameCountMismatch(let path, _, _, _),
      .referenceShape(let path, _, _, _), .fileNameClash(let path, _, _),
      .cannotCreateFolder(let path, _):
      path
    }
  }

  /// What was found and what fits.
  var message: String {
    switch self {
    case .inputShape(_, let shape, let input, let model, let expected):
      return "shape \(ShapeText.text(shape)) does not fit input '\(input)' of model "
        + "'\(model)': expected \(ShapeText.batched(expected)) (a batch of frames) or "
        + "\(ShapeText.text(expected)) (one frame)"
    case .frameCountMismatch(_, let frames, let otherPath, let otherFrames):
      return "holds \(Self.describe(frames)) but \(otherPath) holds "
        + "\(Self.describe(otherFrames)); expected every input to hold the same frames"
    case .referenceShape(_, let shape, let output, let expected):
      return "shape \(ShapeText.text(shape)) does not match output '\(output)', which is "
        + "\(ShapeText.text(expected)); expected a reference of the same shape"
    case .fileNameClash(_, let outputs, let option):
      let names = outputs.map { "'\($0)'" }.joined(separator: " and ")
      return "outputs \(names) would share this file; give \(option) once per output "
        + "instead of a folder"
    case .cannotCreateFolder(_, let reason):
      return "cannot create the folder (\(reason)); expected a writable location for --output"
    }
  }

  private static func describe(_ frames: Int?) -> String {
    guard let frames else { return "one frame without a batch axis" }
    return frames == 1 ? "1 frame" : "\(frames) frames"
  }
}
