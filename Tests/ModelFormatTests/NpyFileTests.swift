import Foundation
import ModelFormat
import TestSupport
import Testing

/// Reading real files and round trips of every element type and shape.
@Suite struct NpyFileTests {
  static let shapes: [[Int]] = [[], [0], [3], [2, 3], [2, 0, 3], [4, 1, 2, 2]]

  /// Writes `count` values of `type` (cycling through its extremes), reads them back.
  static func roundTrip<T: NpyElement>(
    _ type: T.Type, shape: [Int], in folder: URL, values make: (Int) -> T
  ) throws -> (written: [T], file: NpyFile) {
    let count = shape.reduce(1, *)
    let values = (0..<count).map(make)
    let path = folder.appendingPathComponent("\(T.npyDType)-\(shape.count).npy").path
    try NpyWriter.write(values, shape: shape, to: path)
    return (values, try NpyFile(path: path))
  }

  @Test(arguments: NpyDType.allCases, shapes)
  func roundTripsEveryTypeAndShape(dtype: NpyDType, shape: [Int]) throws {
    try TemporaryDirectory.with { folder in
      func check<T: NpyElement>(
        _ type: T.Type, _ make: (Int) -> T, _ float: (T) -> Float,
        _ int: (T) -> Int?
      ) throws {
        let (written, file) = try Self.roundTrip(type, shape: shape, in: folder, values: make)
        #expect(file.dtype == dtype)
        #expect(file.shape == shape)
        #expect(file.isMemoryMapped)
        #expect(file.elementCount == written.count)
        #expect(try file.floats() == written.map(float), "\(dtype) \(shape)")
        if written.allSatisfy({ int($0) != nil }) {
          #expect(try file.integers() == written.compactMap(int), "\(dtype) \(shape)")
        }
      }
      switch dtype {
      case .float32:
        let samples: [Float] = [-0.0, 1.5, -3.25e-8, .greatestFiniteMagnitude, .infinity, 7]
        try check(Float.self, { samples[$0 % samples.count] }, { $0 }, { Int(exactly: $0) })
      case .float64:
        let samples: [Double] = [0.1, -2, 1e300, 4]
        try check(Double.self, { samples[$0 % samples.count] }, { Float($0) }, { Int(exactly: $0) })
      case .int8:
        try check(Int8.self, { Int8(truncatingIfNeeded: $0 * 77 - 128) }, Float.init, Int.init)
      case .uint8:
        try check(UInt8.self, { UInt8(truncatingIfNeeded: $0 * 91) }, Float.init, Int.init)
      case .int16:
        try check(
          Int16.self, { Int16(truncatingIfNeeded: $0 * 20_011 - 32_768) }, Float.init, Int.init)
      case .uint16:
        try check(UInt16.self, { UInt16(truncatingIfNeeded: $0 * 40_009) }, Float.init, Int.init)
      case .int32:
        try check(
          Int32.self, { Int32(truncatingIfNeeded: $0 * 1_000_000_007) }, Float.init, Int.init)
      case .int64:
        try check(Int64.self, { Int64($0) * -3_000_000_000_000 }, Float.init, Int.init)
      }
    }
  }

  @Test func writesFilesIdenticalToNumpySave() throws {
    let original = SharedData.golden("jet_tagger").appendingPathComponent("input.npy")
    let file = try NpyFile(path: original.path)
    try TemporaryDirectory.with { folder in
      let copy = folder.appendingPathComponent("copy.npy")
      try NpyWriter.write(try file.floats(), shape: file.shape, to: copy.path)
      #expect(try Data(contentsOf: copy) == Data(contentsOf: original))
    }
  }

  @Test func readsTheGoldenInputs() throws {
    for name in SharedData.goldenCases {
      let file = try NpyFile(path: SharedData.golden(name).appendingPathComponent("input.npy").path)
      #expect(file.dtype == .float32, "\(name)")
      #expect(file.itemCount == 8, "\(name)")
      #expect(try file.floats().count == 8 * file.elementsPerItem, "\(name)")
    }
    // Values printed by NumPy: input[0, :3] and input[7, 15] of jet_tagger.
    let jets = try NpyFile(
      path: SharedData.golden("jet_tagger").appendingPathComponent("input.npy").path)
    #expect(try jets.floats(items: 0..<1).prefix(3) == [1.3897431, 0.6855673, -0.45810673])
    #expect(try jets.floats(items: 7..<8).last == -1.8866476)
  }

  @Test func readsTheRealBraggNNPatchesItemByItem() throws {
    let file = try NpyFile(path: SharedData.realBraggNN.appendingPathComponent("input.npy").path)
    #expect(file.shape == [2010, 1, 11, 11])
    #expect(file.itemShape == [1, 11, 11])
    #expect(file.elementsPerItem == 121)
    try file.checkItemShape([1, 11, 11], role: "the model input 'x'")
    let all = try file.floats()
    // Oracle: NumPy's float64 sum of the array, and single elements it printed.
    #expect(abs(all.reduce(0.0) { $0 + Double($1) } - 18101.205166900938) < 1e-6)
    let first = try file.floats(items: 0..<1)
    #expect(first.count == 121)
    #expect(first[6 * 11 + 4] == 0.748)
    #expect(first.firstIndex(of: first.max() ?? 0) == 71)
    #expect(try file.floats(items: 5..<6)[60] == 1)
    #expect(try file.floats(items: 2009..<2010)[60] == 0.14203894)
    #expect(try file.floats(items: 1000..<1010) == Array(all[121_000..<122_210]))
  }

  @Test func readsFramesFromManyThreadsAtOnce() async throws {
    let file = try NpyFile(path: SharedData.realBraggNN.appendingPathComponent("input.npy").path)
    let all = try file.floats()
    let frames = try await withThrowingTaskGroup(of: (Int, [Float]).self) { group in
      for item in stride(from: 0, to: 2010, by: 67) {
        group.addTask { (item, try file.floats(items: item..<item + 1)) }
      }
      return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
    }
    #expect(frames.count == 30)
    for (item, frame) in frames {
      #expect(frame == Array(all[item * 121..<(item + 1) * 121]), "item \(item)")
    }
  }

  @Test func reusesOneBufferForEveryBatch() throws {
    let file = try NpyFile(
      path: SharedData.golden("conv1d_signal").appendingPathComponent(
        "input.npy"
      ).path)
    let all = try file.floats()
    var buffer = [Float](repeating: .nan, count: 2 * file.elementsPerItem)
    for start in stride(from: 0, to: 8, by: 2) {
      try buffer.withUnsafeMutableBufferPointer { pointer in
        try file.readFloats(items: start..<start + 2, into: pointer)
      }
      #expect(buffer == Array(all[start * 64..<(start + 2) * 64]), "items \(start)..<\(start + 2)")
    }
    try buffer.withUnsafeMutableBufferPointer { pointer in
      try file.readFloats(elements: 3..<5, into: pointer)
    }
    #expect(buffer[0..<2] == all[3..<5])
  }

  @Test func readsWholeFloatLabelsAsIntegers() throws {
    let bytes = NpyBytes.file(
      header: "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
      data: NpyBytes.littleEndian([3, -1, 0, 9]))
    #expect(try NpyFile(bytes: bytes, path: "labels.npy").integers() == [3, -1, 0, 9])
    #expect(try NpyFile(bytes: bytes, path: "labels.npy").integers(items: 1..<3) == [-1, 0])
  }

  @Test func treatsAZeroDimensionalArrayAsOneItem() throws {
    let bytes = NpyBytes.file(
      header: "{'descr': '<f4', 'fortran_order': False, 'shape': (), }",
      data: NpyBytes.littleEndian([2.5]))
    let file = try NpyFile(bytes: bytes, path: "scalar.npy")
    #expect(file.itemCount == 1 && file.elementCount == 1 && file.itemShape.isEmpty)
    #expect(try file.floats(items: 0..<1) == [2.5])
    #expect(!file.isMemoryMapped)
  }

  @Test func ignoresBytesAfterTheDataAsNumpyDoes() throws {
    let bytes = NpyBytes.file(
      header: "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", data: [4, 5, 6, 7])
    #expect(try NpyFile(bytes: bytes, path: "x.npy").integers() == [4, 5])
  }
}
