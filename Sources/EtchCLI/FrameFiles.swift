import ModelFormat

/// `.npy` files of frames for a model's inputs, one per input in order, each checked to hold
/// `[N, *input shape]` before anything is read, so that a wrong file is refused with its
/// path and the shape the input expects.
enum FrameFiles {
  /// Opens `paths` (as many as the model has inputs; the caller says so in its own words)
  /// and checks each file's shape against its input.
  ///
  /// - Throws: `RunError.inputShape` for a file whose frames do not fit its input, and the
  ///   `.npy` reader's errors.
  static func open(_ paths: [String], for model: Model) throws -> [NpyFile] {
    try zip(paths, model.inputs).map { path, input in
      let file = try NpyFile(path: path)
      guard file.shape.count == input.shape.count + 1, file.itemShape == input.shape else {
        throw RunError.inputShape(
          path: path, shape: file.shape, input: input.name, model: model.name,
          expected: input.shape)
      }
      return file
    }
  }
}
