import Foundation

/// Locates the project's files and the read-only reference data in `../shared`.
///
/// Tests read the golden vectors, the `ap_fixed` vectors and the real BraggNN straight from
/// `../shared` (beside the repository), so that no copy can drift from the source of truth.
/// `ETCH_SHARED` overrides the location, for checkouts that keep it elsewhere.
public enum SharedData {
  /// The repository's root folder, derived from this source file's location.
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Sources
    .deletingLastPathComponent()

  /// The `shared` folder: `$ETCH_SHARED`, or `../shared` beside the repository.
  public static let root: URL = {
    if let custom = ProcessInfo.processInfo.environment["ETCH_SHARED"], !custom.isEmpty {
      return URL(fileURLWithPath: custom)
    }
    return repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared")
  }()

  /// The golden PyTorch cases, one folder each (`golden/NAME/NAME.json`, `input.npy`, ...).
  public static var goldenCases: [String] {
    let folder = root.appendingPathComponent("golden")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { name in
      FileManager.default.fileExists(
        atPath: folder.appendingPathComponent(name).appendingPathComponent("\(name).json").path)
    }.sorted()
  }

  /// The folder of one golden case.
  public static func golden(_ name: String) -> URL {
    root.appendingPathComponent("golden").appendingPathComponent(name)
  }

  /// The folder of the real, published BraggNN and its patches.
  public static var realBraggNN: URL {
    root.appendingPathComponent("real").appendingPathComponent("braggnn")
  }

  /// The `ap_fixed` reference vectors and their documentation.
  public static var apfixed: URL {
    root.appendingPathComponent("apfixed")
  }
}
