/// A family of FPGA devices: its DSP slice and the cost model's constants for it.
///
/// The family decides how a product of two operands is built: one DSP when the operands
/// fit the slice's signed multiplier ports (`27×18` on DSP48E2, `25×18` on DSP48E1, `27×24`
/// on DSP58), several when they do not, and fabric LUTs when either is tiny. Families are
/// defined in `targets/families.json`; parts name one in their `family` field.
public struct DeviceFamily: Sendable, Equatable {
  /// The family's key in `families.json` (`ultrascale-plus`).
  public var name: String
  /// A readable title.
  public var title: String
  /// The DSP slice's name (`DSP48E2`).
  public var dspName: String
  /// Width of the DSP multiplier's wider signed port (A).
  public var dspABits: Int
  /// Width of the DSP multiplier's narrower signed port (B).
  public var dspBBits: Int
  /// The cost model's calibration constants for this family.
  public var constants: CostConstants
  /// Where the numbers come from.
  public var source: String
  /// Caveats about the numbers, if any.
  public var note: String?

  /// Creates a family; `TargetCatalog` reads them from `families.json`.
  public init(
    name: String, title: String, dspName: String, dspABits: Int, dspBBits: Int,
    constants: CostConstants, source: String, note: String? = nil
  ) {
    self.name = name
    self.title = title
    self.dspName = dspName
    self.dspABits = dspABits
    self.dspBBits = dspBBits
    self.constants = constants
    self.source = source
    self.note = note
  }
}

extension DeviceFamily {
  /// The fields a family object may carry.
  static let fieldNames =
    ["title", "dsp", "dsp_a_bits", "dsp_b_bits", "source", "note"] + CostConstants.fieldNames

  /// Reads the family `name` from its object in `families.json`.
  init(name: String, reading r: FieldReader) throws(TargetError) {
    try r.rejectUnknownFields(accepting: Self.fieldNames)
    self.init(
      name: name, title: try r.string("title"), dspName: try r.string("dsp"),
      dspABits: try r.integer("dsp_a_bits"), dspBBits: try r.integer("dsp_b_bits"),
      constants: try CostConstants(reading: r), source: try r.string("source"),
      note: try r.optionalString("note"))
  }
}
