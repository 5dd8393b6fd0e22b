import FixedPoint

/// A tensor of the fixed-point program: a name, a shape and the one format of its elements.
///
/// Every value the FPGA holds has exactly one `FixedFormat`; there is no implicit widening
/// anywhere in the FixedIR. Shapes leave out the batch dimension, as in the float graph.
///
///     FixedTensor(name: "fc1", shape: [64], format: try FixedFormat(parsing: "ap_fixed<16,6>"))
public struct FixedTensor: Sendable, Equatable, Hashable {
  /// The tensor's name: a graph input's or the name of the op that produces it.
  public var name: String
  /// The extent of each dimension, outermost first, without the batch dimension.
  public var shape: [Int]
  /// The format of every element.
  public var format: FixedFormat

  /// Declares a tensor.
  public init(name: String, shape: [Int], format: FixedFormat) {
    self.name = name
    self.shape = shape
    self.format = format
  }

  /// The number of elements of one frame.
  public var count: Int { shape.reduce(1, *) }
}
