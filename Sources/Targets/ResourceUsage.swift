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

  /// `count` copies: each field times `count` (parallel instances of one design).
  public static func * (a: ResourceUsage, count: Int) -> ResourceUsage {
    ResourceUsage(
      dsp: a.dsp * count, lut: a.lut * count, ff: a.ff * count, bram18: a.bram18 * count,
      uram: a.uram * count)
  }

  /// Each resource's share of `available` in percent, keyed `dsp`, `lut`, `ff`, `bram18`,
  /// `uram`: 0 where the device has none and none is used, infinity where it has none and
  /// some is used.
  public func percent(of available: ResourceUsage) -> [String: Double] {
    func share(_ used: Int, _ total: Int) -> Double {
      total > 0 ? 100 * Double(used) / Double(total) : (used == 0 ? 0 : .infinity)
    }
    return [
      "dsp": share(dsp, available.dsp), "lut": share(lut, available.lut),
      "ff": share(ff, available.ff), "bram18": share(bram18, available.bram18),
      "uram": share(uram, available.uram),
    ]
  }

  /// Whether every count is at most `available`'s.
  public func fits(in available: ResourceUsage) -> Bool {
    percent(of: available).values.allSatisfy { $0 <= 100 }
  }
}
