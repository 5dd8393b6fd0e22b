import Foundation
import TestSupport

/// Xilinx's `ap_types` headers, which the emitted C++ is compiled against.
///
/// `scripts/fetch-ap-types.sh` (run by `scripts/test.sh`) caches them in `.build/ap_types`;
/// `ETCH_AP_TYPES` names another folder. Missing headers are a test failure, never a skip:
/// without them nothing about the emitted C++ is proven.
enum APTypes {
  /// Why the headers cannot be used.
  struct Missing: Error, CustomStringConvertible {
    let path: String
    var description: String {
      "\(path) has no ap_fixed.h: run scripts/fetch-ap-types.sh (scripts/test.sh does) or set "
        + "ETCH_AP_TYPES to a folder holding Xilinx's ap_types headers"
    }
  }

  /// The folder, or a `Missing` error saying how to fetch it.
  static func folder() throws -> URL {
    let environment = ProcessInfo.processInfo.environment["ETCH_AP_TYPES"] ?? ""
    let folder =
      environment.isEmpty
      ? SharedData.repositoryRoot.appendingPathComponent(".build/ap_types")
      : URL(fileURLWithPath: environment)
    let header = folder.appendingPathComponent("ap_fixed.h")
    guard FileManager.default.fileExists(atPath: header.path) else {
      throw Missing(path: folder.path)
    }
    return folder
  }
}
