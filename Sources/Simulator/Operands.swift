import MatrixProduct

/// Weights (or any constant right operands) packed once, at planning, in an op's lane.
///
/// A class because it owns its memory: the packed operands are allocated with 64-byte
/// alignment, written once in `init`, and only read afterwards (by any number of threads),
/// which is why the unchecked `Sendable` is sound.
final class PackedOperands: @unchecked Sendable {
  /// The first operand, of the lane's type.
  let pointer: UnsafeRawPointer
  private let storage: UnsafeMutableRawPointer

  /// Packs raws that fit `lane` (the plan chose the lane from their range).
  init(_ raws: [Int64], lane: OperandLane) {
    let storage = UnsafeMutableRawPointer.allocate(
      byteCount: max(raws.count, 1) * lane.byteCount, alignment: 64)
    raws.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { lane.copy(base, count: raws.count, to: storage) }
    }
    self.storage = storage
    pointer = UnsafeRawPointer(storage)
  }

  /// Packs raws times `scale` as binary64 (``AccumulationPath/exactFloat64``), followed by
  /// zeros for the last tile of a matrix product that reads them as B
  /// (``TileScalar/tileSlack``).
  init(float64 raws: [Int64], scale: Double) {
    let count = raws.count + Double.tileSlack
    let doubles = UnsafeMutablePointer<Double>.allocate(capacity: count)
    doubles.initialize(repeating: 0, count: count)
    raws.withUnsafeBufferPointer { source in
      if let base = source.baseAddress {
        Float64Product.convert(base, count: raws.count, scale: scale, to: doubles)
      }
    }
    storage = UnsafeMutableRawPointer(doubles)
    pointer = UnsafeRawPointer(doubles)
  }

  deinit { storage.deallocate() }
}

extension OperandLane {
  /// Copies `count` raws (each fits the lane) to `destination`, binding it to the lane's type.
  func copy(_ source: UnsafePointer<Int64>, count: Int, to destination: UnsafeMutableRawPointer) {
    switch self {
    case .int16: Self.copy(source, count, destination.bindMemory(to: Int16.self, capacity: count))
    case .int32: Self.copy(source, count, destination.bindMemory(to: Int32.self, capacity: count))
    case .int64:
      destination.bindMemory(to: Int64.self, capacity: count).update(from: source, count: count)
    }
  }

  private static func copy<T: FixedWidthInteger>(
    _ source: UnsafePointer<Int64>, _ count: Int, _ destination: UnsafeMutablePointer<T>
  ) {
    for i in 0..<count { destination[i] = T(truncatingIfNeeded: source[i]) }
  }
}
