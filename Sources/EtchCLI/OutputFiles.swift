import Foundation

/// The files of `--output` and `--compare`: the option's values resolved to one `.npy` path
/// per model output, in the model's output order.
///
/// A model may have several outputs, so the options accept either one file per output, in
/// order (`--output a.npy --output b.npy`), or a single folder that holds `NAME.npy` for each
/// output `NAME`. A value is a folder if it ends in `/` or is an existing folder; a missing
/// folder given with a trailing `/` is created for `--output`. In a file name, characters
/// other than letters, digits, `-`, `_` and `.` become `_` (and a leading `.` too), so an
/// output called `head/logits` is written to `head_logits.npy`.
///
/// ```swift
/// try OutputFiles.paths(["out/"], option: "--output", outputs: ["peak"], model: "braggnn",
///                       createsFolder: true)  // ["out/peak.npy"]
/// ```
enum OutputFiles {
  /// One path per output, or `[]` if the option was not given.
  ///
  /// - Throws: ``UsageError`` when the number of values fits neither form;
  ///   ``RunError`` when two outputs map to one file or a folder cannot be created.
  static func paths(
    _ values: [String], option: String, outputs: [String], model: String, createsFolder: Bool
  ) throws -> [String] {
    guard !values.isEmpty else { return [] }
    if values.count == 1, let value = values.first, isFolder(value) {
      return try paths(in: value, outputs: outputs, option: option, createsFolder: createsFolder)
    }
    guard values.count == outputs.count else {
      let names = outputs.map { "'\($0)'" }.joined(separator: ", ")
      let count = outputs.count == 1 ? "1 output" : "\(outputs.count) outputs"
      throw UsageError.invalid(
        "\(option) was given \(values.count) times but model '\(model)' has \(count) "
          + "(\(names)); give \(option) once per output, in that order, or once with a folder")
    }
    return values
  }

  /// The file an output called `name` gets in a folder: `NAME.npy`, made safe.
  static func fileName(for name: String) -> String {
    let safe = String(
      name.map { character -> Character in
        character.isASCII && (character.isLetter || character.isNumber || "-_.".contains(character))
          ? character : "_"
      })
    return (safe.hasPrefix(".") ? "_" + safe : safe) + ".npy"
  }

  private static func isFolder(_ value: String) -> Bool {
    var isFolder: ObjCBool = false
    return value.hasSuffix("/")
      || (FileManager.default.fileExists(atPath: value, isDirectory: &isFolder)
        && isFolder.boolValue)
  }

  private static func paths(
    in folder: String, outputs: [String], option: String, createsFolder: Bool
  ) throws -> [String] {
    if createsFolder, !FileManager.default.fileExists(atPath: folder) {
      do {
        try FileManager.default.createDirectory(
          atPath: folder, withIntermediateDirectories: true)
      } catch {
        throw RunError.cannotCreateFolder(path: folder, reason: error.localizedDescription)
      }
    }
    let base = folder.hasSuffix("/") ? folder : folder + "/"
    var owners: [String: String] = [:]
    return try outputs.map { output in
      let path = base + fileName(for: output)
      if let other = owners[path] {
        throw RunError.fileNameClash(path: path, outputs: [other, output], option: option)
      }
      owners[path] = output
      return path
    }
  }
}
