import Foundation

/// The catalogue of FPGA parts, detectors and device families under a `targets/` folder.
///
/// Parts live in `parts/NAME.json`, detectors in `detectors/NAME.json`, and the families
/// (DSP rule and cost constants) in `families.json`; docs/targets.md describes every field.
/// Look-ups take a catalogue name (`xcvu9p`, `4d-camera`) or a path to a JSON file (anything
/// with a `/` or ending in `.json`). Every problem is a `TargetError` naming the file and
/// field; an unknown name lists the available ones.
///
///     let catalog = try TargetCatalog(directory: URL(fileURLWithPath: "targets"))
///     let part = try catalog.part(named: "xcvu9p")
///     let camera = try catalog.detector(named: "4d-camera")
public struct TargetCatalog: Sendable {
  /// The `targets/` folder.
  public let directory: URL
  /// The device families of `families.json`, by name.
  public let families: [String: DeviceFamily]

  /// Opens the catalogue at `directory`, reading its `families.json`.
  ///
  /// - Throws: `TargetError` when `families.json` is missing or malformed.
  public init(directory: URL) throws(TargetError) {
    self.directory = directory
    let file = directory.appendingPathComponent("families.json")
    let r = try FieldReader(document: try Self.read(file), file: file.path)
    try r.requireFormat("etch-families", version: 1)
    try r.rejectUnknownFields(accepting: ["format", "version", "families"])
    let all = try r.object("families")
    var families: [String: DeviceFamily] = [:]
    for name in all.members.keys.sorted() {
      families[name] = try DeviceFamily(name: name, reading: try all.object(name))
    }
    self.families = families
  }

  /// The catalogue in `$ETCH_TARGETS`, or else `targets/` in the current directory.
  public static func standard() throws(TargetError) -> TargetCatalog {
    let env = ProcessInfo.processInfo.environment["ETCH_TARGETS"] ?? ""
    let path = env.isEmpty ? "targets" : env
    return try TargetCatalog(directory: URL(fileURLWithPath: path))
  }

  /// Names of the parts in `parts/`, sorted.
  public var partNames: [String] { names(in: "parts") }

  /// Names of the detectors in `detectors/`, sorted.
  public var detectorNames: [String] { names(in: "detectors") }

  /// The part with this catalogue name, or the part file at this path.
  public func part(named nameOrPath: String) throws(TargetError) -> FPGAPart {
    let (file, name) = try locate(nameOrPath, kind: .part, folder: "parts")
    let r = try FieldReader(document: try Self.read(file), file: file.path)
    let part = try FPGAPart(reading: r, families: families)
    try Self.check(name: part.name, file: file.path, expected: name)
    return part
  }

  /// The detector with this catalogue name, or the detector file at this path.
  public func detector(named nameOrPath: String) throws(TargetError) -> Detector {
    let (file, name) = try locate(nameOrPath, kind: .detector, folder: "detectors")
    let r = try FieldReader(document: try Self.read(file), file: file.path)
    let detector = try Detector(reading: r)
    try Self.check(name: detector.name, file: file.path, expected: name)
    return detector
  }

  /// The family with this name.
  public func family(named name: String) throws(TargetError) -> DeviceFamily {
    guard let family = families[name] else {
      throw .unknownName(kind: .family, name: name, available: families.keys.sorted())
    }
    return family
  }

  private func locate(
    _ nameOrPath: String, kind: TargetKind, folder: String
  ) throws(TargetError) -> (URL, String) {
    if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") {
      let url = URL(fileURLWithPath: nameOrPath)
      return (url, url.deletingPathExtension().lastPathComponent)
    }
    let available = names(in: folder)
    guard available.contains(nameOrPath) else {
      throw .unknownName(kind: kind, name: nameOrPath, available: available)
    }
    let url = directory.appendingPathComponent(folder).appendingPathComponent(
      nameOrPath + ".json")
    return (url, nameOrPath)
  }

  private func names(in folder: String) -> [String] {
    let path = directory.appendingPathComponent(folder).path
    let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
  }

  private static func read(_ url: URL) throws(TargetError) -> JSONNode {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw .unreadableFile(file: url.path, reason: (error as NSError).localizedDescription)
    }
    return try JSONNode.parse(data, file: url.path)
  }

  private static func check(name: String, file: String, expected: String) throws(TargetError) {
    guard name == expected else {
      throw .nameMismatch(file: file, name: name, expected: expected)
    }
  }
}
