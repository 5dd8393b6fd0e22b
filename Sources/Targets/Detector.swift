/// A detector: its frame size, frame rate and the time budget each frame leaves.
///
/// Read from `targets/detectors/NAME.json`. The budget is the frame period `1 / rate`; a
/// model keeps up when its initiation interval, times the inferences it must run per frame,
/// fits in it. `vendorClaims` names the numbers that come from a vendor's marketing rather
/// than from a measurement published by the instrument's users.
///
///     let camera = try catalog.detector(named: "4d-camera")
///     camera.budgetMicroseconds  // 11.494
public struct Detector: Sendable, Equatable {
  /// The catalogue name (`4d-camera`), equal to the file name without `.json`.
  public var name: String
  /// A readable name.
  public var title: String
  /// Frame height and width in pixels (after binning, where the rate needs binning).
  public var frameHeight: Int
  /// Frame width in pixels.
  public var frameWidth: Int
  /// Frames per second.
  public var frameRateHz: Double
  /// The time per frame in microseconds, `1e6 / frameRateHz`.
  public var budgetMicroseconds: Double
  /// Inferences each frame needs (1 for a model per frame; about 50 peaks for BraggNN).
  public var inferencesPerFrame: Int
  /// Fields whose values are vendor claims (`frame_rate_hz`).
  public var vendorClaims: [String]
  /// Where the numbers come from.
  public var source: String
  /// Caveats about the numbers, if any.
  public var note: String?

  /// Creates a detector; `TargetCatalog` reads them from JSON.
  public init(
    name: String, title: String, frameHeight: Int, frameWidth: Int, frameRateHz: Double,
    budgetMicroseconds: Double, inferencesPerFrame: Int = 1, vendorClaims: [String] = [],
    source: String, note: String? = nil
  ) {
    self.name = name
    self.title = title
    self.frameHeight = frameHeight
    self.frameWidth = frameWidth
    self.frameRateHz = frameRateHz
    self.budgetMicroseconds = budgetMicroseconds
    self.inferencesPerFrame = inferencesPerFrame
    self.vendorClaims = vendorClaims
    self.source = source
    self.note = note
  }

  /// The time one inference may take: the frame budget over the inferences per frame.
  public var budgetPerInferenceMicroseconds: Double {
    budgetMicroseconds / Double(inferencesPerFrame)
  }
}

extension Detector {
  static let fieldNames = [
    "format", "version", "name", "title", "frame", "frame_rate_hz", "budget_us",
    "inferences_per_frame", "vendor_claims", "source", "note",
  ]
  static let claimableFields = ["frame", "frame_rate_hz", "inferences_per_frame"]

  /// Reads a detector document and checks that its budget is its frame period.
  init(reading r: FieldReader) throws(TargetError) {
    try r.requireFormat("etch-detector", version: 1)
    try r.rejectUnknownFields(accepting: Self.fieldNames)
    let frame = try r.positiveIntegers("frame", count: 2)
    let rate = try r.positiveNumber("frame_rate_hz")
    let budget = try r.positiveNumber("budget_us")
    guard abs(budget - 1e6 / rate) <= 0.01 * (1e6 / rate) else {
      throw .budgetMismatch(file: r.file, budgetMicroseconds: budget, frameRateHz: rate)
    }
    let claims = try r.strings("vendor_claims")
    if let bad = claims.first(where: { !Self.claimableFields.contains($0) }) {
      throw .outOfRange(
        file: r.file, field: "vendor_claims",
        expected: "a list of field names among "
          + Self.claimableFields.map { "'\($0)'" }.joined(separator: ", "),
        found: "\"\(bad)\"")
    }
    self.init(
      name: try r.string("name"), title: try r.string("title"), frameHeight: frame[0],
      frameWidth: frame[1], frameRateHz: rate, budgetMicroseconds: budget,
      inferencesPerFrame: try r.integer("inferences_per_frame"), vendorClaims: claims,
      source: try r.string("source"), note: try r.optionalString("note"))
  }
}
