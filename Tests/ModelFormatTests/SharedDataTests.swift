import Foundation
import TestSupport
import Testing

/// The tests of every target read `../shared`; if it is missing, say so once, plainly.
@Test func sharedReferenceDataIsPresent() {
  #expect(SharedData.goldenCases.count >= 7, "golden cases under \(SharedData.root.path)")
  #expect(
    FileManager.default.fileExists(
      atPath: SharedData.realBraggNN.appendingPathComponent("input.npy").path))
}
