import ModelFormat

/// Writes a generator's first `count` items to `.npy` files in a folder, streamed in
/// chunks so that data sets larger than memory can be written, each file atomically.
///
/// - Bragg peaks: `patches.npy` float32 `[N, 1, S, S]`; `centres.npy` float32 `[N, 2]`
///   (row, column in pixels).
/// - 4D-STEM: `frames.npy` float32 `[N, 1, S, S]`; `labels.npy` float32 `[N, 4]` (εxx, εyy,
///   εxy, θ in radians); `positions.npy` int32 `[N, 3]` (scan, row, column).
/// - Lattice: `frames.npy` float32 `[N, 1, S, S]`; `labels.npy` int64 `[N]` (class index).
///
/// ```swift
/// let files = try DataSetWriter.write(generator, count: 1000, to: "out")
/// files.map(\.name)  // ["patches.npy", "centres.npy"]
/// ```
public enum DataSetWriter {
  /// A file that was written.
  public struct File: Sendable, Equatable {
    /// The file's name in the folder.
    public var name: String
    /// The path it was written to.
    public var path: String
    /// The array's shape.
    public var shape: [Int]
    /// The NumPy element type.
    public var dtype: NpyDType
  }

  /// Items generated and written at once.
  static let chunk = 256

  /// Writes Bragg-peak patches and their centres.
  public static func write(
    _ generator: BraggPeakGenerator, count: Int, to folder: String
  ) throws(NpyError) -> [File] {
    let size = generator.size
    let patches = try Output<Float>(folder, "patches.npy", [count, 1, size, size])
    let centres = try Output<Float>(folder, "centres.npy", [count, 2])
    for start in stride(from: 0, to: count, by: chunk) {
      let samples = (start..<min(start + chunk, count)).map(generator.sample)
      try patches.writer.append(samples.flatMap(\.patch))
      try centres.writer.append(samples.flatMap { [Float($0.peak.row), Float($0.peak.column)] })
    }
    return [try patches.finish(), try centres.finish()]
  }

  /// Writes 4D-STEM frames, their strain labels and their scan positions.
  public static func write(
    _ generator: StemScanGenerator, count: Int, to folder: String
  ) throws(NpyError) -> [File] {
    let size = generator.size
    let frames = try Output<Float>(folder, "frames.npy", [count, 1, size, size])
    let labels = try Output<Float>(folder, "labels.npy", [count, 4])
    let positions = try Output<Int32>(folder, "positions.npy", [count, 3])
    var field: (scan: Int, field: StrainField)?
    let perScan = generator.scanWidth * generator.scanWidth
    for start in stride(from: 0, to: count, by: chunk) {
      var samples: [StemScanGenerator.Sample] = []
      for index in start..<min(start + chunk, count) {
        let scan = index / perScan
        if field?.scan != scan { field = (scan, generator.field(scan: scan)) }
        samples.append(generator.sample(index, field: field?.field ?? generator.field(scan: scan)))
      }
      try frames.writer.append(samples.flatMap(\.image))
      try labels.writer.append(samples.flatMap { $0.deformation.labels.map(Float.init) })
      try positions.writer.append(
        samples.flatMap { [Int32($0.scan), Int32($0.row), Int32($0.column)] })
    }
    return [try frames.finish(), try labels.finish(), try positions.finish()]
  }

  /// Writes lattice-symmetry frames and their class indices.
  public static func write(
    _ generator: LatticeGenerator, count: Int, to folder: String
  ) throws(NpyError) -> [File] {
    let size = generator.size
    let frames = try Output<Float>(folder, "frames.npy", [count, 1, size, size])
    let labels = try Output<Int64>(folder, "labels.npy", [count])
    for start in stride(from: 0, to: count, by: chunk) {
      let samples = (start..<min(start + chunk, count)).map(generator.sample)
      try frames.writer.append(samples.flatMap(\.image))
      try labels.writer.append(samples.map { Int64($0.lattice.index) })
    }
    return [try frames.finish(), try labels.finish()]
  }

  /// One file being streamed.
  private struct Output<Element: NpyElement> {
    let writer: NpyWriter<Element>
    let file: File

    init(_ folder: String, _ name: String, _ shape: [Int]) throws(NpyError) {
      let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
      writer = try NpyWriter<Element>(path: path, shape: shape)
      file = File(name: name, path: path, shape: shape, dtype: Element.npyDType)
    }

    func finish() throws(NpyError) -> File {
      try writer.finish()
      return file
    }
  }
}
