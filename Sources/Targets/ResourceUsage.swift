/// Counts of the FPGA resources the cost model tracks: a device's totals or a design's use.
public struct ResourceUsage: Sendable, Equatable, Hashable {
  /// DSP slices.
  public var dsp: Int
  /// Look-up tables (logic, ROM and shift registers).
  public var lut: Int
  /// Flip-flops.
  public var ff: Int
  /// 18 Kb block RAMs (a 36 Kb block counts as two).
  public var bram18: Int
  /// UltraRAM blocks.
  public var uram: Int

  /// Creates a count; every field defaults to zero.
  public init(dsp: Int = 0, lut: Int = 0, ff: Int = 0, bram18: Int = 0, uram: Int = 0) {
    self.dsp = dsp
    self.lut = lut
    self.ff = ff
    self.bram18 = bram18
    self.uram = uram
  }

  /// Nothing used.
  public static let zero = ResourceUsage()

  /// The field-wise sum.
  public static func + (a: ResourceUsage, b: ResourceUsage) -> ResourceUsage {
    ResourceUsage(
      dsp: a.dsp + b.dsp, lut: a.lut + b.lut, ff: a.ff + b.ff, bram18: a.bram18 + b.bram18,
      uram: a.uram + b.uram)
  }

  /// Adds `b` to `a` field by field.
  public static func += (a: inout ResourceUsage, b: ResourceUsage) { a = a + b }
}
