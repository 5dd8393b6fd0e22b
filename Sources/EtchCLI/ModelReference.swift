import Foundation
import ModelFormat

/// The `MODEL` argument of a command: a path to `NAME.json`, or the name of a model under a
/// `models/` folder, resolved to the model document's file.
///
/// Users run `etch inspect braggnn_fc16_8_4_2_sz11` from anywhere in a checkout, and
/// `etch run ./exports/mynet.json` for their own files, so both spellings are accepted. The
/// rule, in order (the first that exists wins):
///
/// 1. `MODEL` as a path, relative to the current directory: a file is the document; a folder
///    `DIR` means `DIR/DIR.json` (its last component, as the bundled models are laid out).
/// 2. `MODEL` as a name (no `/`; a `.json` suffix is ignored), under `./models/`, then under
///    the `models/` folder of the Etch checkout this executable was built from:
///    `models/NAME/NAME.json`, then `models/NAME.json`.
///
/// Nothing found is an error listing the names that are available.
///
/// ```swift
/// let url = try ModelReference("braggnn_fc16_8_4_2_sz11").resolve()
/// // .../models/braggnn_fc16_8_4_2_sz11/braggnn_fc16_8_4_2_sz11.json
/// ```
struct ModelReference: Sendable {
  /// The `MODEL` argument as every model-reading command declares it.
  static let argument = ArgumentSpec(
    "MODEL",
    help: "The model: a path to NAME.json (or to a folder DIR holding DIR/DIR.json), or the "
      + "name of a model under models/ (models/NAME/NAME.json or models/NAME.json), looked "
      + "up in ./models, then in the models/ folder of the Etch checkout etch was built from.")

  /// The `models/` folder of the checkout this executable was built from.
  static let repositoryModels = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // EtchCLI
    .deletingLastPathComponent()  // Sources
    .deletingLastPathComponent()
    .appendingPathComponent("models", isDirectory: true)

  /// The argument as typed.
  let text: String
  /// The folder relative paths start from.
  let currentDirectory: URL
  /// The folders names are looked up in, in order.
  let modelFolders: [URL]

  /// A reference to `text`, resolved from the process's current directory.
  init(_ text: String) {
    let current = URL(
      fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    let local = current.appendingPathComponent("models", isDirectory: true)
    let folders = [local, Self.repositoryModels]
    self.text = text
    self.currentDirectory = current
    self.modelFolders = folders.enumerated().filter { index, folder in
      !folders[..<index].contains { $0.standardizedFileURL == folder.standardizedFileURL }
    }.map(\.element)
  }

  /// The model document `text` names, by the rule above.
  func resolve() throws(ModelReferenceError) -> URL {
    let path =
      text.hasPrefix("/")
      ? URL(fileURLWithPath: text) : currentDirectory.appendingPathComponent(text)
    switch Self.kind(of: path) {
    case .file: return path
    case .folder:
      let document = path.appendingPathComponent(path.lastPathComponent + ".json")
      if Self.kind(of: document) == .file { return document }
    case .none: break
    }
    let isName = !text.contains("/") && !text.isEmpty && text != "." && text != ".."
    if isName {
      let name = text.hasSuffix(".json") ? String(text.dropLast(5)) : text
      for folder in modelFolders {
        for candidate in [
          folder.appendingPathComponent(name).appendingPathComponent(name + ".json"),
          folder.appendingPathComponent(name + ".json"),
        ] where Self.kind(of: candidate) == .file {
          return candidate
        }
      }
    }
    let available = availableNames
    if isName && !text.hasSuffix(".json") {
      throw .unknownName(
        text, searched: modelFolders.filter { Self.kind(of: $0) == .folder }.map(\.path),
        available: available,
        suggestion: NameSuggestion.closest(to: text, among: available))
    }
    throw .noSuchFile(text, available: available)
  }

  /// Resolves the reference and loads the model it names, verified, with its weights.
  ///
  /// - Throws: ``ModelReferenceError`` if nothing is found, `ModelError` if the files are
  ///   not a valid model.
  func load() throws -> (model: Model, url: URL) {
    let url = try resolve()
    return (try ModelLoader.load(contentsOf: url), url)
  }

  /// `url`'s path relative to the current directory when it lies inside it, else absolute:
  /// how summaries name the model file.
  func displayPath(_ url: URL) -> String {
    let base = currentDirectory.standardizedFileURL.path
    let path = url.standardizedFileURL.path
    let prefix = base.hasSuffix("/") ? base : base + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
  }

  /// The names of the models in `modelFolders`, sorted, each once.
  var availableNames: [String] {
    var names: Set<String> = []
    for folder in modelFolders {
      let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
      for entry in entries {
        let url = folder.appendingPathComponent(entry)
        if entry.hasSuffix(".json"), Self.kind(of: url) == .file {
          names.insert(String(entry.dropLast(5)))
        } else if Self.kind(of: url.appendingPathComponent(entry + ".json")) == .file {
          names.insert(entry)
        }
      }
    }
    return names.sorted()
  }

  private enum Kind {
    case file, folder
  }

  private static func kind(of url: URL) -> Kind? {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      return nil
    }
    return isFolder.boolValue ? .folder : .file
  }
}

/// Why a `MODEL` argument names no model.
enum ModelReferenceError: Error, Equatable, Diagnostic {
  /// A path (with a `/` or ending in `.json`) where no model document exists.
  case noSuchFile(String, available: [String])
  /// A name found in none of the existing `models/` folders `searched`.
  case unknownName(String, searched: [String], available: [String], suggestion: String?)

  /// The argument as typed, for a path; `nil` (so `etch:`) for an unknown name.
  var location: String? {
    switch self {
    case .noSuchFile(let path, _): path
    case .unknownName: nil
    }
  }

  /// What was looked for and which models exist.
  var message: String {
    switch self {
    case .noSuchFile(_, let available):
      return "no such model file; expected a path to NAME.json or the name of a model under "
        + "models/; \(Self.listing(available))"
    case .unknownName(let name, let searched, let available, let suggestion):
      let hint = suggestion.map { "; did you mean '\($0)'?" } ?? ""
      let folders =
        searched.isEmpty
        ? "no models/ folder exists" : "none in " + searched.joined(separator: " or ")
      return "no model named '\(name)': no such file here and \(folders); "
        + "\(Self.listing(available))\(hint)"
    }
  }

  private static func listing(_ names: [String]) -> String {
    names.isEmpty
      ? "no models are available under models/"
      : "available models: " + names.joined(separator: ", ")
  }
}
