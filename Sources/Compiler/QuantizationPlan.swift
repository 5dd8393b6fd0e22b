import FixedPoint

/// Every fixed-point format of a model: what the `quantize` pass decides and `lower` obeys.
///
/// The plan is keyed by the names of the simplified float graph: `tensors` holds the format
/// of every graph input and node output, `nodes` the formats that belong to a node's inside
/// (weights, biases, accumulators, constants, tables). Keeping the plan apart from the
/// lowering lets a user read and override every decision (`--print-ir-after quantize`
/// prints `description`; docs/quantization.md explains each rule).
///
///     let plan = try Quantize.plan(for: model, precision: .calibrated, calibration: table)
///     plan.tensors["fc1"]                   // ap_fixed<16,4,AP_RND_CONV,AP_SAT>
///     plan.nodes["fc1"]?.accumulator        // ap_fixed<37,11>, sized by proof
///     plan.fusedActivations["fc1"]          // "relu1": executed on fc1's accumulator
public struct QuantizationPlan: Sendable, Equatable {
  /// The precision the formats were chosen by.
  public var precision: Precision
  /// The format of every graph input and node output, by tensor name.
  public var tensors: [String: FixedFormat]
  /// The formats inside nodes, for the nodes that have any, by node name.
  public var nodes: [String: NodeQuantization]
  /// Dense or convolution node → the `relu`/`leaky_relu` node executed on its accumulator.
  ///
  /// A subset of `ActivationFusion.candidates(in:)`: a layer whose own result format is
  /// pinned or configured is not fused, since its result is then quantised before the
  /// activation.
  public var fusedActivations: [String: String]

  /// Creates a plan from its parts; `Quantize.plan` is the usual way to get one.
  public init(
    precision: Precision, tensors: [String: FixedFormat], nodes: [String: NodeQuantization],
    fusedActivations: [String: String]
  ) {
    self.precision = precision
    self.tensors = tensors
    self.nodes = nodes
    self.fusedActivations = fusedActivations
  }
}

/// The formats inside one node, each present only for the ops that have it.
///
/// | op | fields |
/// |---|---|
/// | dense, conv1d, conv2d | `weight`, `bias` (if the node has one), `accumulator`, `bound` |
/// | matmul | `accumulator`, `bound` |
/// | leaky_relu | `constant` (the format of α) |
/// | avgpool2d, global_avgpool2d | `constant` (the format of 1 / window size) |
/// | batchnorm (not folded) | `scale`, `shift` |
/// | sigmoid, tanh | `table` |
/// | softmax | `table` (exponent), `sum`, `reciprocal` |
public struct NodeQuantization: Sendable, Equatable {
  /// The format of the node's `weight` parameter.
  public var weight: FixedFormat?
  /// The format of the node's `bias` parameter.
  public var bias: FixedFormat?
  /// The accumulator of a dense, convolution or matmul.
  public var accumulator: FixedFormat?
  /// The exact accumulator range for the node's formats, computed in both precisions: in
  /// `calibrated` it sizes `accumulator`, in `uniform` it shows where the accumulator can
  /// wrap.
  public var bound: AccumulatorBound?
  /// The format of the node's scalar constant: leaky ReLU's α, a pooling's `1 / window`.
  public var constant: FixedFormat?
  /// The format of an unfolded batchnorm's per-channel scale.
  public var scale: FixedFormat?
  /// The format of an unfolded batchnorm's per-channel shift.
  public var shift: FixedFormat?
  /// The lookup table of sigmoid or tanh, or softmax's exponent table.
  public var table: TableParameters?
  /// The format of softmax's sum of exponentials: exact for every row.
  public var sum: FixedFormat?
  /// Softmax's reciprocal table over the range of the sum.
  public var reciprocal: TableParameters?

  /// Creates the formats of a node; absent fields do not apply to its op.
  public init(
    weight: FixedFormat? = nil, bias: FixedFormat? = nil, accumulator: FixedFormat? = nil,
    bound: AccumulatorBound? = nil, constant: FixedFormat? = nil, scale: FixedFormat? = nil,
    shift: FixedFormat? = nil, table: TableParameters? = nil, sum: FixedFormat? = nil,
    reciprocal: TableParameters? = nil
  ) {
    self.weight = weight
    self.bias = bias
    self.accumulator = accumulator
    self.bound = bound
    self.constant = constant
    self.scale = scale
    self.shift = shift
    self.table = table
    self.sum = sum
    self.reciprocal = reciprocal
  }
}

/// How a lookup table is built: its entries' format, its size and the inputs it covers.
///
/// The table samples the function over `lower...upper` (intersected with the input format's
/// range) with the finest power-of-two step that needs at most `maxEntries` entries; inputs
/// outside read the first or last entry. Each entry holds the function at the midpoint of
/// the input grid values that map to it, rounded into `format` (docs/quantization.md).
///
///     // sigmoid over [-8, 8] from ap_fixed<16,6> inputs: 1,024 entries of 1/64 each.
///     TableParameters(format: entries, maxEntries: 1024, lower: -8, upper: 8)
public struct TableParameters: Sendable, Equatable {
  /// The format of the entries.
  public var format: FixedFormat
  /// The most entries the table may have.
  public var maxEntries: Int
  /// The lowest input the table resolves.
  public var lower: Double
  /// The highest input the table resolves.
  public var upper: Double

  /// Creates table parameters.
  public init(format: FixedFormat, maxEntries: Int, lower: Double, upper: Double) {
    self.format = format
    self.maxEntries = maxEntries
    self.lower = lower
    self.upper = upper
  }
}
