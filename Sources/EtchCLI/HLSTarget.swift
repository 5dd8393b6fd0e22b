import Foundation
import Targets

/// The FPGA part and clock an emitted project's `build_prj.tcl` is written for: the part of
/// `--target`, else ``standard``.
///
/// A name is looked up in the target catalogue (docs/targets.md): `$ETCH_TARGETS`, else
/// `./targets` when it exists, else the `targets/` folder of the checkout `etch` was built
/// from, as models are. A path (containing `/` or ending in `.json`) reads that part file.
/// The clock period is the part's `clock_mhz` as nanoseconds.
///
/// ```swift
/// let target = try HLSTarget.resolve("xczu9eg")
/// target.part           // "xczu9eg-ffvb1156-2-e"
/// target.clockPeriodNs  // 5
/// ```
struct HLSTarget: Equatable {
  /// The catalogue name (`xcvu9p`).
  var name: String
  /// The part string Vitis HLS takes (`set_part`).
  var part: String
  /// The clock period in nanoseconds.
  var clockPeriodNs: Double

  /// Without `--target`: the catalogue's `xcvu9p` (VCU118, the FPGA of the Alveo U200) at
  /// 200 MHz, written here so that compiling needs no catalogue; a test checks it against
  /// `targets/parts/xcvu9p.json`.
  static let standard = HLSTarget(
    name: "xcvu9p", part: "xcvu9p-flga2104-2L-e", clockPeriodNs: 5)

  /// The `targets/` folder of the checkout this executable was built from.
  static let repositoryTargets = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // EtchCLI
    .deletingLastPathComponent()  // Sources
    .deletingLastPathComponent()
    .appendingPathComponent("targets", isDirectory: true)

  /// The target `--target` names, or ``standard`` when it is `nil`.
  ///
  /// - Throws: `TargetError` for an unknown name (listing the parts) or a malformed file.
  static func resolve(_ nameOrPath: String?) throws(TargetError) -> HLSTarget {
    guard let nameOrPath else { return standard }
    let part = try catalog().part(named: nameOrPath)
    return HLSTarget(
      name: part.name, part: part.partString, clockPeriodNs: 1000 / part.clockMHz)
  }

  /// The catalogue: `$ETCH_TARGETS`, else `./targets`, else the checkout's `targets/`.
  static func catalog() throws(TargetError) -> TargetCatalog {
    let environment = ProcessInfo.processInfo.environment["ETCH_TARGETS"] ?? ""
    if !environment.isEmpty {
      return try TargetCatalog(directory: URL(fileURLWithPath: environment))
    }
    let local = URL(
      fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true
    ).appendingPathComponent("targets", isDirectory: true)
    let families = local.appendingPathComponent("families.json").path
    let folder = FileManager.default.fileExists(atPath: families) ? local : repositoryTargets
    return try TargetCatalog(directory: folder)
  }
}
