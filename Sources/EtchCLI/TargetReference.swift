import Foundation
import Targets

/// Where `etch budget` finds the target catalogue (`parts/`, `detectors/`, `families.json`).
///
/// The same rule as for models, so `etch budget MODEL --target xcvu9p` works from any
/// folder: `$ETCH_TARGETS` if set; else `./targets` if it holds a `families.json`; else the
/// `targets/` folder of the Etch checkout the executable was built from. `--target` and
/// `--detector` also take a path to a JSON file (anything with a `/` or ending in `.json`),
/// read with the chosen catalogue's families.
enum TargetReference {
  /// The `targets/` folder of the checkout this executable was built from.
  static let repositoryTargets = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // EtchCLI
    .deletingLastPathComponent()  // Sources
    .deletingLastPathComponent()
    .appendingPathComponent("targets", isDirectory: true)

  /// The catalogue folder by the rule above.
  static var directory: URL {
    if let custom = ProcessInfo.processInfo.environment["ETCH_TARGETS"], !custom.isEmpty {
      return URL(fileURLWithPath: custom, isDirectory: true)
    }
    let local = URL(
      fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true
    ).appendingPathComponent("targets", isDirectory: true)
    let hasFamilies = FileManager.default.fileExists(
      atPath: local.appendingPathComponent("families.json").path)
    return hasFamilies ? local : repositoryTargets
  }

  /// Opens the catalogue.
  ///
  /// - Throws: `TargetError` for a missing or malformed `families.json`.
  static func catalog() throws(TargetError) -> TargetCatalog {
    try TargetCatalog(directory: directory)
  }
}
