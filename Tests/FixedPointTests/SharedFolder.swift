import Foundation

/// Locates `../shared` for this test target, which depends on FixedPoint alone.
///
/// The test file sits at `<repo>/Tests/FixedPointTests/`, so shared data is
/// `<repo>/../shared`; `ETCH_SHARED` overrides it.
enum SharedFolder {
  /// The `shared` folder: `$ETCH_SHARED`, or `../shared` beside the repository.
  static let root: URL = {
    if let custom = ProcessInfo.processInfo.environment["ETCH_SHARED"], !custom.isEmpty {
      return URL(fileURLWithPath: custom)
    }
    return URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // FixedPointTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()  // repository
      .deletingLastPathComponent()
      .appendingPathComponent("shared")
  }()

  /// `apfixed/vectors.csv`: g++ ground truth from the real `ap_fixed` headers.
  static var apfixedVectors: URL {
    root.appendingPathComponent("apfixed").appendingPathComponent("vectors.csv")
  }
}
