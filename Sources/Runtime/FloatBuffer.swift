import MatrixProduct

/// Constant floats (weights, biases) in 64-byte-aligned memory owned for the engine's life.
///
/// A class because the memory's lifetime is tied to an identity: engines and their copies
/// share one buffer, freed when the last reference goes. Written only in `init`, so sharing
/// it between threads is safe.
final class FloatBuffer: @unchecked Sendable {
  /// The first float; valid for `count` floats, then ``TileScalar/tileSlack`` zeros that a matrix
  /// product's last tile may read (`multiply`).
  let base: UnsafePointer<Float>
  /// The number of floats.
  let count: Int

  init(_ values: [Float]) {
    let capacity = values.count + Float.tileSlack
    let memory = UnsafeMutableRawPointer.allocate(
      byteCount: capacity * MemoryLayout<Float>.stride, alignment: 64)
    let floats = memory.bindMemory(to: Float.self, capacity: capacity)
    floats.initialize(repeating: 0, count: capacity)
    for (i, value) in values.enumerated() { floats[i] = value }
    base = UnsafePointer(floats)
    count = values.count
  }

  deinit { UnsafeMutableRawPointer(mutating: base).deallocate() }
}
