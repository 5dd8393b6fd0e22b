import FixedPoint

/// A table that replaces a non-linear function by integer indexing into constant entries.
///
/// Sigmoid, tanh and the exponent and reciprocal of softmax are not computed at run time:
/// the compiler evaluates the function once per entry in Swift and stores the entries' raws,
/// so the Simulator and the C++ read the same table. The index is pure integer arithmetic on
/// the input's raw value:
///
///     index = clamp((raw >> shift) + offset, 0, entries.count − 1)
///
/// with an arithmetic shift (`<<` by `−shift` when `shift` is negative). For example a sigmoid
/// table over `ap_fixed<16,6>` inputs in [−8, 8) with 1,024 entries has `shift = 4` (each entry
/// covers 2^4 raws, 1/64) and `offset = 512` (raw 0 lands in the middle).
public struct LookupTable: Sendable, Equatable {
  /// The function the entries sample, for printing and for cost estimates.
  public enum Function: String, Sendable, Equatable, CaseIterable {
    /// `1 / (1 + e^−x)`.
    case sigmoid
    /// `tanh(x)`.
    case tanh
    /// `e^x`, used by softmax on `x − max ≤ 0`.
    case exp
    /// `1 / x`, used by softmax on the sum of exponentials.
    case reciprocal
  }

  /// The sampled function.
  public var function: Function
  /// Right shift applied to the input raw before offsetting (negative: left shift).
  public var shift: Int
  /// Added to the shifted raw to give the index before clamping.
  public var offset: Int
  /// The format of the entries: the table's output format.
  public var format: FixedFormat
  /// The entries' raws.
  public var entries: [Int64]

  /// Creates a table; the compiler that fills `entries` documents which input each samples.
  public init(function: Function, shift: Int, offset: Int, format: FixedFormat, entries: [Int64]) {
    self.function = function
    self.shift = shift
    self.offset = offset
    self.format = format
    self.entries = entries
  }

  /// The entry index for an input raw: shift, offset, clamp.
  @inlinable
  public func index(_ raw: Int64) -> Int {
    let shifted = shift >= 0 ? raw >> Int64(shift) : raw << Int64(-shift)
    let i = shifted &+ Int64(offset)
    if i < 0 { return 0 }
    if i >= Int64(entries.count) { return entries.count - 1 }
    return Int(i)
  }
}
