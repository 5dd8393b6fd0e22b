import Foundation

/// Reading and writing whole files with errors that say which file and why.
///
/// Foundation's own messages name neither the file nor the cause on Linux ("The operation
/// could not be completed"), so the common causes are told apart here.
enum FileAccess {
  /// The bytes of the file at `url`, memory-mapped when possible.
  static func read(_ url: URL) throws(ModelError) -> Data {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
      throw .unreadableFile(file: url.path, reason: "no such file")
    }
    guard !isFolder.boolValue else {
      throw .unreadableFile(file: url.path, reason: "it is a folder, expected a file")
    }
    do {
      return try Data(contentsOf: url, options: .mappedIfSafe)
    } catch {
      throw .unreadableFile(file: url.path, reason: reason(error))
    }
  }

  /// Writes `data` to `url` atomically: a temporary file in the same folder, renamed into
  /// place, so that readers never see a half-written file.
  static func write(_ data: Data, to url: URL) throws(ModelError) {
    let folder = url.deletingLastPathComponent()
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder),
      isFolder.boolValue
    else {
      throw .unwritableFile(file: url.path, reason: "the folder \(folder.path) does not exist")
    }
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw .unwritableFile(file: url.path, reason: reason(error))
    }
  }

  private static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain,
      let message = strerror(Int32(underlying.code))
    {
      return String(cString: message)
    }
    return error.localizedDescription
  }
}
