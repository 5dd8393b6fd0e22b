/// An FPGA part: its resources, its family, a default clock and the part string Vitis wants.
///
/// Read from `targets/parts/NAME.json`. Resource counts are the whole device's, from the
/// vendor's data sheet named in `source`; on accelerator cards a shell takes a share.
///
///     let part = try TargetCatalog(directory: targets).part(named: "xcvu9p")
///     part.resources.dsp  // 6840
public struct FPGAPart: Sendable, Equatable {
  /// The catalogue name (`xcvu9p`), equal to the file name without `.json`.
  public var name: String
  /// The full part string Vitis HLS expects (`xcvu9p-flga2104-2L-e`).
  public var partString: String
  /// The device family, which selects the DSP rule and the cost constants.
  public var family: DeviceFamily
  /// The boards or cards that carry the part.
  public var board: String
  /// The default clock the cost model assumes, in MHz.
  public var clockMHz: Double
  /// The device's resources.
  public var resources: ResourceUsage
  /// The data sheet the numbers come from.
  public var source: String
  /// Caveats about the numbers, if any.
  public var note: String?

  /// Creates a part; `TargetCatalog` reads them from JSON.
  public init(
    name: String, partString: String, family: DeviceFamily, board: String, clockMHz: Double,
    resources: ResourceUsage, source: String, note: String? = nil
  ) {
    self.name = name
    self.partString = partString
    self.family = family
    self.board = board
    self.clockMHz = clockMHz
    self.resources = resources
    self.source = source
    self.note = note
  }
}

extension FPGAPart {
  static let fieldNames = [
    "format", "version", "name", "part", "family", "board", "clock_mhz", "resources", "source",
    "note",
  ]
  static let resourceFieldNames = ["lut", "ff", "dsp", "bram36", "uram"]

  /// Reads a part document; `families` resolves its `family` field.
  init(reading r: FieldReader, families: [String: DeviceFamily]) throws(TargetError) {
    try r.requireFormat("etch-part", version: 1)
    try r.rejectUnknownFields(accepting: Self.fieldNames)
    let familyName = try r.string("family")
    guard let family = families[familyName] else {
      throw .unknownFamily(file: r.file, family: familyName, known: families.keys.sorted())
    }
    let res = try r.object("resources")
    try res.rejectUnknownFields(accepting: Self.resourceFieldNames)
    let resources = ResourceUsage(
      dsp: try res.integer("dsp"), lut: try res.integer("lut"),
      ff: try res.integer("ff"), bram18: 2 * (try res.integer("bram36", minimum: 0)),
      uram: try res.integer("uram", minimum: 0))
    self.init(
      name: try r.string("name"), partString: try r.string("part"), family: family,
      board: try r.string("board"), clockMHz: try r.positiveNumber("clock_mhz"),
      resources: resources, source: try r.string("source"), note: try r.optionalString("note"))
  }
}
