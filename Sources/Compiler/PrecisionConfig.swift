import FixedIR
import FixedPoint
import Foundation

/// A precision config file (`etch compile --config FILE.json`): formats and table sizes
/// that override any tensor or node, whatever the precision and the model's `quant` pins.
///
/// The file is a JSON object with six optional members (docs/precision-config.md has the
/// full reference):
///
///     {
///       "precision": "calibrated",
///       "tensors": {"x": "ap_fixed<16,3>", "fc1.weight": "ap_fixed<8,1,AP_RND_CONV,AP_SAT>"},
///       "nodes": {
///         "fc1": {"bias": "ap_fixed<12,4>", "result": "ap_fixed<16,5>",
///                 "accumulator": "ap_fixed<32,12>"},
///         "probs": {"exp": "ap_fixed<18,2>", "table_entries": 4096}
///       },
///       "tables": {"sigmoid": {"entries": 2048, "range": [-6, 6]}},
///       "reuse": {"default": 4, "layers": {"conv2": 16}},
///       "prune": "global:0.5"
///     }
///
/// Names are checked against the model when the config is applied: an unknown name, a key
/// the node's op does not have, or a node that simplification removed is an error naming
/// the file and the key.
public struct PrecisionConfig: Sendable, Equatable {
  /// The file the config was read from, for error messages.
  public var file: String
  /// The precision to use instead of the one given on the command line.
  public var precision: Precision?
  /// Tensor name (graph input, node output or weight tensor) → its format.
  public var tensors: [String: FixedFormat]
  /// Node name → formats and table sizes inside it.
  public var nodes: [String: NodeConfig]
  /// Default table sizes and ranges, per function.
  public var tables: [LookupTable.Function: TableConfig]
  /// Reuse factors of the multiply-accumulate layers (`parallel` architecture).
  public var reuse: ReuseConfig
  /// `"prune": "channels:0.25,global:0.5"`: pruning applied after simplification (`PruneSpec`).
  public var prune: PruneSpec?

  /// Creates a config from its parts.
  public init(
    file: String, precision: Precision? = nil, tensors: [String: FixedFormat] = [:],
    nodes: [String: NodeConfig] = [:], tables: [LookupTable.Function: TableConfig] = [:],
    reuse: ReuseConfig = ReuseConfig(), prune: PruneSpec? = nil
  ) {
    self.file = file
    self.precision = precision
    self.tensors = tensors
    self.nodes = nodes
    self.tables = tables
    self.reuse = reuse
    self.prune = prune
  }

  /// Reads and parses the config file at `url`.
  ///
  /// - Throws: `PrecisionConfigError` when the file cannot be read or is not a valid config.
  public init(contentsOf url: URL) throws {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw PrecisionConfigError.unreadable(file: url.path, reason: error.localizedDescription)
    }
    try self.init(json: data, file: url.path)
  }
}

/// The overrides for one node in a precision config (`"nodes": {"fc1": {...}}`).
///
/// JSON keys and the ops that take them:
///
/// | key | ops | value |
/// |---|---|---|
/// | `result` | every op | the output format |
/// | `weight`, `bias`, `accumulator` | dense, conv1d, conv2d (`accumulator` also matmul) | format |
/// | `alpha` | leaky_relu | format of α |
/// | `reciprocal` | avgpool2d, global_avgpool2d: format of `1/window`; softmax: of the reciprocal table's entries | format |
/// | `scale`, `shift` | batchnorm (not folded) | format |
/// | `exp` | softmax | format of the exponent table's entries |
/// | `table_entries`, `table_range` | sigmoid, tanh, softmax (its exponent table) | integer ≥ 1, `[low, high]` |
/// | `reciprocal_entries` | softmax | integer ≥ 1 |
public struct NodeConfig: Sendable, Equatable {
  /// `result`: the node's output format.
  public var result: FixedFormat?
  /// `weight`: the format of the node's weight parameter.
  public var weight: FixedFormat?
  /// `bias`: the format of the node's bias parameter.
  public var bias: FixedFormat?
  /// `accumulator`: the accumulator format (no longer sized by proof).
  public var accumulator: FixedFormat?
  /// `alpha`: the format of leaky ReLU's slope.
  public var alpha: FixedFormat?
  /// `reciprocal`: a pooling's `1/window` constant, or softmax's reciprocal entries.
  public var reciprocal: FixedFormat?
  /// `scale`: an unfolded batchnorm's scale.
  public var scale: FixedFormat?
  /// `shift`: an unfolded batchnorm's shift.
  public var shift: FixedFormat?
  /// `exp`: softmax's exponent table entries.
  public var exp: FixedFormat?
  /// `table_entries`: the most entries of the node's table (softmax: its exponent table).
  public var tableEntries: Int?
  /// `table_range`: the inputs `[low, high)` the node's table resolves (softmax: of `x − max`).
  public var tableRange: Range<Double>?
  /// `reciprocal_entries`: the most entries of softmax's reciprocal table.
  public var reciprocalEntries: Int?

  /// Creates node overrides; nil fields are not overridden.
  public init(
    result: FixedFormat? = nil, weight: FixedFormat? = nil, bias: FixedFormat? = nil,
    accumulator: FixedFormat? = nil, alpha: FixedFormat? = nil, reciprocal: FixedFormat? = nil,
    scale: FixedFormat? = nil, shift: FixedFormat? = nil, exp: FixedFormat? = nil,
    tableEntries: Int? = nil, tableRange: Range<Double>? = nil,
    reciprocalEntries: Int? = nil
  ) {
    self.result = result
    self.weight = weight
    self.bias = bias
    self.accumulator = accumulator
    self.alpha = alpha
    self.reciprocal = reciprocal
    self.scale = scale
    self.shift = shift
    self.exp = exp
    self.tableEntries = tableEntries
    self.tableRange = tableRange
    self.reciprocalEntries = reciprocalEntries
  }

  /// The JSON keys that are set, in the documented order.
  var keys: [String] {
    let formats: [(String, FixedFormat?)] = [
      ("result", result), ("weight", weight), ("bias", bias), ("accumulator", accumulator),
      ("alpha", alpha), ("reciprocal", reciprocal), ("scale", scale), ("shift", shift),
      ("exp", exp),
    ]
    return formats.filter { $0.1 != nil }.map(\.0)
      + (tableEntries == nil ? [] : ["table_entries"])
      + (tableRange == nil ? [] : ["table_range"])
      + (reciprocalEntries == nil ? [] : ["reciprocal_entries"])
  }
}

/// Default size and range of one function's tables (`"tables": {"sigmoid": {...}}`).
public struct TableConfig: Sendable, Equatable {
  /// `entries`: the most entries a table may have.
  public var entries: Int?
  /// `range`: the inputs `[low, high)` a table resolves (not for `reciprocal`: the sum's).
  public var range: Range<Double>?

  /// Creates table defaults; nil fields keep the built-in defaults.
  public init(entries: Int? = nil, range: Range<Double>? = nil) {
    self.entries = entries
    self.range = range
  }
}
