import Foundation
import ModelFormat
import TestSupport
import Testing

/// Writing is atomic: a file appears whole or not at all.
@Suite struct NpyWriterTests {
  static func contents(of folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test func streamsBatchesIntoTheSameBytesAsOneWrite() throws {
    try TemporaryDirectory.with { folder in
      let values = (0..<60).map { Int16($0 * 997 % 65_536 - 32_768) }
      let whole = folder.appendingPathComponent("whole.npy").path
      let streamed = folder.appendingPathComponent("streamed.npy").path
      try NpyWriter.write(values, shape: [3, 4, 5], to: whole)
      let writer = try NpyWriter<Int16>(path: streamed, shape: [3, 4, 5])
      for start in stride(from: 0, to: 60, by: 20) {
        try writer.append(Array(values[start..<start + 20]))
      }
      #expect(!FileManager.default.fileExists(atPath: streamed), "not there before finish")
      try writer.finish()
      #expect(
        FileManager.default.contents(atPath: whole)
          == FileManager.default.contents(
            atPath: streamed))
      #expect(try Self.contents(of: folder) == ["streamed.npy", "whole.npy"])
    }
  }

  @Test func keepsTheOldFileWhenTooFewElementsArrive() throws {
    try TemporaryDirectory.with { folder in
      let path = folder.appendingPathComponent("out.npy").path
      try NpyWriter.write([1, 2] as [Float], shape: [2], to: path)
      let before = FileManager.default.contents(atPath: path)
      #expect(
        throws: NpyError.elementCountMismatch(path: path, shape: [2, 2], expected: 4, actual: 3)
      ) {
        try NpyWriter.write([1, 2, 3] as [Float], shape: [2, 2], to: path)
      }
      #expect(FileManager.default.contents(atPath: path) == before)
      #expect(try Self.contents(of: folder) == ["out.npy"], "no temporary file left behind")
    }
  }

  @Test func refusesMoreElementsThanTheShapeHolds() throws {
    try TemporaryDirectory.with { folder in
      let path = folder.appendingPathComponent("out.npy").path
      let writer = try NpyWriter<UInt8>(path: path, shape: [3])
      try writer.append([1, 2])
      #expect(throws: NpyError.elementCountMismatch(path: path, shape: [3], expected: 3, actual: 4))
      {
        try writer.append([3, 4])
      }
      #expect(throws: NpyError.self) { try writer.finish() }
      #expect(try Self.contents(of: folder).isEmpty)
    }
  }

  @Test func removesTheTemporaryFileWhenAbandoned() throws {
    try TemporaryDirectory.with { folder in
      do {
        let writer = try NpyWriter<Float>(
          path: folder.appendingPathComponent("x.npy").path,
          shape: [4])
        try writer.append([1])
        #expect(try Self.contents(of: folder).count == 1)
      }
      #expect(try Self.contents(of: folder).isEmpty)
    }
  }

  @Test func namesThePathWhenTheFolderIsMissing() {
    #expect(
      throws: NpyError.writeFailed(
        path: "/nonexistent/out.npy", reason: "No such file or directory")
    ) {
      try NpyWriter.write([1] as [Float], shape: [1], to: "/nonexistent/out.npy")
    }
  }

  @Test func refusesShapesNumpyCannotHold() {
    let deep = Array(repeating: 1, count: 65)
    #expect(
      throws: NpyError.invalidField(
        path: "x.npy", field: "shape", found: "65 dimensions",
        expected: "at most 64, as NumPy allows")
    ) {
      try NpyWriter.write([1] as [Float], shape: deep, to: "x.npy")
    }
    #expect(throws: NpyError.shapeTooLarge(path: "x.npy", shape: [1 << 62, 4], dtype: .float32)) {
      try NpyWriter<Float>(path: "x.npy", shape: [1 << 62, 4])
    }
  }
}
