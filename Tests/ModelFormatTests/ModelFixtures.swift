import Foundation
import TestSupport

/// Files the model-format tests share: the models under ../shared and scratch folders.
enum ModelFixtures {
  /// Every model under ../shared: the golden cases and the real BraggNN.
  static let sharedModels: [String] = SharedData.goldenCases + ["real/braggnn"]

  /// The JSON document of a shared model, by case name or `real/braggnn`.
  static func sharedModelURL(_ name: String) -> URL {
    if name == "real/braggnn" {
      return SharedData.realBraggNN.appendingPathComponent("braggnn_fc16_8_4_2_sz11.json")
    }
    return SharedData.golden(name).appendingPathComponent("\(name).json")
  }

  /// A fresh, empty folder under the system's temporary directory.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("etch-model-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
