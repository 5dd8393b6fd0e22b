import Foundation
import ModelFormat

/// Where a stream's frames come from: read in order, a batch at a time, by one thread.
///
/// Sources convert to float32 into the pipeline's buffers, so reading allocates nothing.
public protocol FrameSource {
  /// Frames the source holds, or `nil` when it ends only when its data does (stdin).
  var frameCount: Int? { get }
  /// The shape of the frames' leading axes (`[Rx, Ry]` for a scan), for shaping outputs;
  /// `nil` when unknown.
  var leadingShape: [Int]? { get }
  /// Reads up to `frames` frames of `frameElements` floats into `buffer` and returns how
  /// many were read; 0 at the end.
  mutating func read(frames: Int, into buffer: UnsafeMutablePointer<Float>) throws(RuntimeError)
    -> Int
}

/// Frames of a `.npy` file, memory-mapped: a batch `[N, *input]`, or any leading shape such
/// as a 4D-STEM scan `[Rx, Ry, H, W]` for a model whose input is `[1, H, W]`.
///
/// The file's trailing axes, size-1 axes aside, must be the input shape's; every element of
/// the file belongs to some frame, and frames are read in C order.
public struct NpyFrameSource: FrameSource {
  /// The opened file.
  public let file: NpyFile
  /// Floats per frame.
  public let frameElements: Int
  /// Frames in the file: its elements over the frame's.
  public let frameCount: Int?
  /// The file's axes before the frame's (`[Rx, Ry]` for a scan).
  public let leadingShape: [Int]?
  private var next = 0

  /// Opens `path` for frames of `inputShape`.
  ///
  /// - Throws: `RuntimeError.npy` when the file cannot be read, `.frameShape` when its
  ///   trailing axes are not the input's.
  public init(path: String, inputShape: [Int]) throws(RuntimeError) {
    do {
      file = try NpyFile(path: path)
    } catch {
      throw .npy(error)
    }
    frameElements = inputShape.reduce(1, *)
    let core = inputShape.filter { $0 != 1 }
    let fileCore = file.shape.filter { $0 != 1 }
    guard fileCore.count >= core.count, Array(fileCore.suffix(core.count)) == core,
      frameElements > 0, file.elementCount % frameElements == 0
    else {
      throw .frameShape(path: path, shape: file.shape, expected: inputShape)
    }
    frameCount = file.elementCount / frameElements
    // The leading axes are those before the trailing ones that hold one frame.
    var product = 1
    var axis = file.shape.count
    while axis > 0 && product < frameElements {
      axis -= 1
      product *= file.shape[axis]
    }
    // Size-1 axes of the input shape (a channel axis) may sit just before: they are the frame's.
    var ones = inputShape.filter { $0 == 1 }.count
    while axis > 0 && ones > 0 && file.shape[axis - 1] == 1 {
      axis -= 1
      ones -= 1
    }
    leadingShape = product == frameElements ? Array(file.shape[..<axis]) : [frameCount ?? 0]
  }

  /// Reads up to `frames` frames into `buffer`; 0 at the end.
  public mutating func read(frames: Int, into buffer: UnsafeMutablePointer<Float>)
    throws(RuntimeError) -> Int
  {
    let count = min(frames, (frameCount ?? 0) - next)
    guard count > 0 else { return 0 }
    do {
      try file.readFloats(
        elements: next * frameElements..<(next + count) * frameElements,
        into: UnsafeMutableBufferPointer(start: buffer, count: count * frameElements))
    } catch {
      throw .npy(error)
    }
    next += count
    return count
  }
}

/// `frameCount` frames of uniform random values in [0, 1), the same for the same seed.
///
/// Until Etch generates synthetic 4D-STEM scans, this is the synthetic source: its values
/// are unpredictable to the optimiser and reproducible from the seed (SplitMix64).
public struct RandomFrameSource: FrameSource {
  /// Floats per frame.
  public let frameElements: Int
  /// Frames the source gives.
  public let frameCount: Int?
  /// `[frameCount]`.
  public var leadingShape: [Int]? { frameCount.map { [$0] } }
  private var state: UInt64
  private var next = 0

  /// A source of `frames` frames of `frameElements` values, from `seed`.
  public init(frames: Int, frameElements: Int, seed: UInt64) {
    self.frameElements = frameElements
    frameCount = frames
    state = seed
  }

  /// Reads up to `frames` frames into `buffer`; 0 at the end.
  public mutating func read(frames: Int, into buffer: UnsafeMutablePointer<Float>)
    throws(RuntimeError) -> Int
  {
    let count = min(frames, (frameCount ?? 0) - next)
    guard count > 0 else { return 0 }
    for i in 0..<(count * frameElements) {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      z ^= z >> 31
      buffer[i] = Float(z >> 40) * 0x1p-24
    }
    next += count
    return count
  }
}

/// Raw little-endian float32 frames on a file descriptor (standard input by default),
/// back to back, until the end of the data.
public struct RawFrameSource: FrameSource {
  /// Floats per frame.
  public let frameElements: Int
  /// The descriptor read.
  public let descriptor: Int32
  /// Unknown: the stream ends when the data does.
  public var frameCount: Int? { nil }
  /// Unknown until the end.
  public var leadingShape: [Int]? { nil }

  /// Reads frames of `frameElements` floats from `descriptor`.
  public init(frameElements: Int, descriptor: Int32 = 0) {
    self.frameElements = frameElements
    self.descriptor = descriptor
  }

  /// Reads up to `frames` frames into `buffer`; 0 at the end.
  public mutating func read(frames: Int, into buffer: UnsafeMutablePointer<Float>)
    throws(RuntimeError) -> Int
  {
    let frameBytes = frameElements * 4
    let wanted = frames * frameBytes
    let bytes = UnsafeMutableRawPointer(buffer)
    var got = 0
    while got < wanted {
      let n = Foundation.read(descriptor, bytes + got, wanted - got)
      if n <= 0 { break }
      got += n
    }
    guard got % frameBytes == 0 else {
      throw .partialFrame(bytes: got % frameBytes, frameBytes: frameBytes)
    }
    #if _endian(big)
      for i in 0..<(got / 4) {
        buffer[i] = Float(bitPattern: UInt32(littleEndian: buffer[i].bitPattern))
      }
    #endif
    return got / frameBytes
  }
}
