/// The cost model's **estimate** for one op: its multipliers, resources, latency and II.
public struct CostRow: Sendable, Equatable {
  /// The op's output tensor name.
  public var name: String
  /// The op's name in the IR's text form (`dense`, `table.sigmoid`).
  public var op: String
  /// Multiplications per frame after pruning (zero weights do not count), including those by
  /// constants such as a leaky ReLU's α.
  public var products: Int
  /// Multiplier instances in hardware (`products` when fully unrolled, about `1/R` of all
  /// weights at reuse factor `R`).
  public var multipliers: Int
  /// Resources of the op.
  public var resources: ResourceUsage
  /// Cycles from the op's first input to its last output.
  public var latencyCycles: Int
  /// Cycles from the op's first input to its first output (equal to the latency in parallel
  /// mode; the pipeline and line-buffer fill in stream mode).
  public var fillCycles: Int
  /// Initiation interval: cycles between the starts of two frames.
  public var ii: Int

  /// Creates a row.
  public init(
    name: String, op: String, products: Int, multipliers: Int, resources: ResourceUsage,
    latencyCycles: Int, fillCycles: Int, ii: Int
  ) {
    self.name = name
    self.op = op
    self.products = products
    self.multipliers = multipliers
    self.resources = resources
    self.latencyCycles = latencyCycles
    self.fillCycles = fillCycles
    self.ii = ii
  }
}

/// The cost model's **estimate** for a whole program on a part: per-op rows and totals.
///
/// A first-order model (docs/cost-model.md), not a synthesis result: every number it prints
/// is labelled as an estimate.
public struct CostReport: Sendable, Equatable {
  /// The part priced.
  public var part: String
  /// The clock assumed, in MHz.
  public var clockMHz: Double
  /// The architecture priced.
  public var architecture: Architecture
  /// One row per op, in program order.
  public var rows: [CostRow]
  /// Total resources.
  public var resources: ResourceUsage
  /// The device's resources, for shares.
  public var available: ResourceUsage
  /// Cycles from a frame's input to its last output.
  public var latencyCycles: Int
  /// Cycles between the starts of two frames (the largest op II).
  public var ii: Int

  /// Creates a report.
  public init(
    part: String, clockMHz: Double, architecture: Architecture, rows: [CostRow],
    resources: ResourceUsage, available: ResourceUsage, latencyCycles: Int, ii: Int
  ) {
    self.part = part
    self.clockMHz = clockMHz
    self.architecture = architecture
    self.rows = rows
    self.resources = resources
    self.available = available
    self.latencyCycles = latencyCycles
    self.ii = ii
  }

  /// The latency in microseconds at `clockMHz`.
  public var latencyMicroseconds: Double { Double(latencyCycles) / clockMHz }

  /// The initiation interval in microseconds at `clockMHz`.
  public var iiMicroseconds: Double { Double(ii) / clockMHz }

  /// Each resource's share of the device in percent (0 where the device has none of it and
  /// none is used, infinity where it has none and some is used).
  public var utilisation: [String: Double] { resources.percent(of: available) }

  /// Whether every resource fits the device.
  public var fitsDevice: Bool { utilisation.values.allSatisfy { $0 <= 100 } }
}
