/// How many values overflowed in one op (or graph input) over the frames of a run.
///
/// `etch validate` prints these next to the per-layer error: a non-zero `results` means the
/// op's output format is too narrow for the data (values saturated or wrapped), a non-zero
/// `accumulatorSteps` that the accumulator format is (each `acc += x·w` that left the
/// accumulator's range counts once). Accumulators sized by proof never overflow.
///
///     result.overflows.first { $0.name == "fc1" }
///     // OverflowCount(name: "fc1", kind: "dense", results: 3, accumulatorSteps: 0)
public struct OverflowCount: Sendable, Equatable, CustomStringConvertible {
  /// The tensor the op writes, or the graph input's name.
  public let name: String
  /// The op's kind as in the text form (`dense`, `table.sigmoid`, ...), or `input`.
  public let kind: String
  /// Values written into the result format that were outside its range before overflow
  /// handling (and for graph inputs, float values outside the input format).
  public let results: Int
  /// Accumulation steps (`acc = Q_acc(acc + x·w)`, the bias write, softmax's `s + e`) whose
  /// exact value was outside the accumulator's range; `nil` when the run did not count them
  /// (`AccumulationStrategy.fastest` on a wrapping accumulator).
  public let accumulatorSteps: Int?

  /// Creates a count.
  public init(name: String, kind: String, results: Int, accumulatorSteps: Int?) {
    self.name = name
    self.kind = kind
    self.results = results
    self.accumulatorSteps = accumulatorSteps
  }

  /// `name (kind): N results, M accumulator steps`.
  public var description: String {
    "\(name) (\(kind)): \(results) results, "
      + (accumulatorSteps.map { "\($0) accumulator steps" } ?? "accumulator steps not counted")
  }
}

/// The counts of one op on one thread, added up after the run.
struct OverflowTally: Sendable {
  /// Result values whose write overflowed.
  var results = 0
  /// Accumulator steps that overflowed.
  var accumulatorSteps = 0

  static func + (a: OverflowTally, b: OverflowTally) -> OverflowTally {
    OverflowTally(
      results: a.results + b.results, accumulatorSteps: a.accumulatorSteps + b.accumulatorSteps)
  }
}
