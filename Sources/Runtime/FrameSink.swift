import ModelFormat

/// Where a stream's outputs go, in frame order, from one thread at a time.
public protocol FrameSink: SendableMetatype {
  /// Takes the outputs of `frames` consecutive frames, `frames × outputCount` floats.
  mutating func write(frames: Int, outputs: UnsafePointer<Float>) throws(RuntimeError)
  /// Takes the place of `frames` consecutive frames that real-time mode dropped.
  mutating func skip(frames: Int) throws(RuntimeError)
  /// Completes the output once every frame is in.
  mutating func finish() throws(RuntimeError)
}

/// The outputs as one float32 `.npy`, `[*leading shape, *output shape]`, written
/// atomically; frames that real-time mode dropped hold NaN so rows stay aligned with frames.
///
/// With a known frame count the rows stream to disk as they come; from a source of unknown
/// length (stdin) they are kept in memory and written at the end.
public struct NpyFrameSink: FrameSink {
  /// The destination.
  public let path: String
  private let outputShape: [Int]
  private let outputCount: Int
  private var writer: NpyWriter<Float>?
  private var pending: [Float] = []
  private var frames = 0

  /// A sink for `path`; `leadingShape` is the frames' (nil when unknown until the end).
  public init(path: String, leadingShape: [Int]?, outputShape: [Int]) throws(RuntimeError) {
    self.path = path
    self.outputShape = outputShape
    outputCount = outputShape.reduce(1, *)
    if let leadingShape {
      do {
        writer = try NpyWriter<Float>(path: path, shape: leadingShape + outputShape)
      } catch {
        throw .sink(path: path, reason: "\(error)")
      }
    }
  }

  /// Appends the outputs of `frames` frames.
  public mutating func write(frames: Int, outputs: UnsafePointer<Float>) throws(RuntimeError) {
    let values = UnsafeBufferPointer(start: outputs, count: frames * outputCount)
    self.frames += frames
    guard let writer else {
      pending.append(contentsOf: values)
      return
    }
    do {
      try writer.append(values)
    } catch {
      throw .sink(path: path, reason: "\(error)")
    }
  }

  /// Appends NaN rows for `frames` dropped frames.
  public mutating func skip(frames: Int) throws(RuntimeError) {
    let nan = [Float](repeating: .nan, count: frames * outputCount)
    try nan.withUnsafeBufferPointer { (buffer) throws(RuntimeError) in
      if let base = buffer.baseAddress { try write(frames: frames, outputs: base) }
    }
  }

  /// Writes the file, or renames the streamed one into place.
  public mutating func finish() throws(RuntimeError) {
    do {
      if let writer {
        try writer.finish()
      } else {
        try NpyWriter.write(pending, shape: [frames] + outputShape, to: path)
      }
    } catch {
      throw .sink(path: path, reason: "\(error)")
    }
  }
}

/// A sink that keeps nothing: for benchmarks without `--output`.
public struct DiscardSink: FrameSink {
  /// A sink that discards every output.
  public init() {}
  /// Discards the outputs.
  public mutating func write(frames: Int, outputs: UnsafePointer<Float>) throws(RuntimeError) {}
  /// Nothing to skip.
  public mutating func skip(frames: Int) throws(RuntimeError) {}
  /// Nothing to finish.
  public mutating func finish() throws(RuntimeError) {}
}
