import FixedPoint
import ModelFormat

/// The `quantize` pass: gives every tensor, weight, bias, constant, table and accumulator of
/// a simplified model a `FixedFormat`, recorded in a `QuantizationPlan`.
///
/// Each format comes from the first of these that applies (docs/quantization.md):
/// 1. the precision config (`--config`): a node entry, then a `tensors` entry;
/// 2. the model's `quant` pin on the tensor or node;
/// 3. the precision: `uniform(P)` gives P to everything; `calibrated` derives the format
///    from calibrated ranges and weight magnitudes (`CalibratedSettings`), and sizes each
///    accumulator by proof (`AccumulatorBound`) so that it can never overflow.
///
/// Format-preserving ops (max pooling, reshape, flatten, transpose, upsampling, identity)
/// keep their input's format; sigmoid, tanh and softmax results get `I = 2`; a `relu` or
/// `leaky_relu` fused into its layer gives the layer's result its own format.
///
/// The graph is not changed; the plan for a small model, before and after:
///
///     %x = input : [4]
///     %fc1 = dense(%x) weight=fc1.weight[3,4] bias=fc1.bias[3] : [3]
///     %relu1 = relu(%fc1) : [3]
///
///     tensor x = ap_fixed<16,3,AP_RND_CONV,AP_SAT>
///     tensor relu1 = ap_fixed<16,4,AP_RND_CONV,AP_SAT>
///     node fc1 weight=ap_fixed<16,1,AP_RND_CONV,AP_SAT> bias=ap_fixed<16,1,AP_RND_CONV,AP_SAT>
///       accumulator=ap_fixed<33,5> fused=relu1
public enum Quantize {
  /// The pass's name in `--print-ir-after` and diagnostics.
  public static let passName = "quantize"

  /// The plan for `model` (already simplified) under `precision`.
  ///
  /// - Parameters:
  ///   - calibration: the statistics of every tensor of `model`; required for `calibrated`.
  ///   - config: overrides; its `precision`, when set, replaces `precision`.
  /// - Throws: `QuantizationError` (no calibration, a bad pin, a format that cannot exist),
  ///   `PrecisionConfigError` for names the model does not have, and
  ///   `CompilerError.invalidParameter` for an unusable batchnorm.
  public static func plan(
    for model: Model, precision: Precision, calibration: CalibrationTable? = nil,
    config: PrecisionConfig? = nil, settings: CalibratedSettings = CalibratedSettings()
  ) throws -> QuantizationPlan {
    try config?.check(against: model)
    var planner = try Planner(
      model: model, precision: config?.precision ?? precision, calibration: calibration,
      config: config, settings: settings)
    return try planner.run()
  }
}

/// The state of one `Quantize.plan` run: formats decided so far, in graph order.
struct Planner {
  let model: Model
  let shapes: [String: [Int]]
  let precision: Precision
  let calibration: CalibrationTable?
  let config: PrecisionConfig?
  let settings: CalibratedSettings
  let rules: FormatRules
  let pins: [String: FixedFormat]
  var tensors: [String: FixedFormat] = [:]
  var nodes: [String: NodeQuantization] = [:]
  var fused: [String: String] = [:]

  init(
    model: Model, precision: Precision, calibration: CalibrationTable?,
    config: PrecisionConfig?, settings: CalibratedSettings
  ) throws {
    if case .calibrated = precision {
      try Self.validate(settings)
      guard calibration != nil else { throw QuantizationError.noCalibration }
    }
    self.model = model
    self.shapes = try ShapeInference.shapes(of: model)
    self.precision = precision
    self.calibration = calibration
    self.config = config
    self.settings = settings
    self.rules = FormatRules(settings: settings)
    var pins: [String: FixedFormat] = [:]
    for (key, text) in model.quant {
      do {
        pins[key] = try FixedFormat(parsing: text)
      } catch {
        throw QuantizationError.invalidPin(key: key, format: text, reason: "\(error)")
      }
    }
    self.pins = pins
  }

  /// The uniform format, or nil in calibrated precision.
  var uniform: FixedFormat? {
    if case .uniform(let format) = precision { return format }
    return nil
  }

  mutating func run() throws -> QuantizationPlan {
    for input in model.inputs {
      tensors[input.name] = try explicitTensor(input.name) ?? activation(input.name)
    }
    fused = ActivationFusion.candidates(in: model).filter { explicitTensor($0.key) == nil }
    let fusedActivations = Set(fused.values)
    for node in model.nodes where !fusedActivations.contains(node.name) {
      try plan(node)
    }
    try checkWidths()
    return QuantizationPlan(
      precision: precision, tensors: tensors, nodes: nodes, fusedActivations: fused)
  }

  /// The format given to tensor `name` by the config or a pin, if any.
  func explicitTensor(_ name: String) -> FixedFormat? {
    config?.nodes[name]?.result ?? config?.tensors[name] ?? pins[name]
  }

  /// The format of `node`'s parameter `role` (tensor `tensor`) given by the config or a pin.
  func explicitParameter(
    _ node: String, _ role: KeyPath<NodeConfig, FixedFormat?>, tensor: String
  ) -> FixedFormat? {
    config?.nodes[node]?[keyPath: role] ?? config?.tensors[tensor] ?? pins[tensor]
  }

  /// The default format of an activation: the uniform one, or from its calibrated range.
  func activation(_ tensor: String) throws -> FixedFormat {
    if let uniform { return uniform }
    let range = try calibratedRange(of: tensor)
    return try make(tensor, "result") { try rules.activation(range: range) }
  }

  /// The calibrated magnitude of a tensor at the settings' percentile of `|x|`.
  func calibratedRange(of tensor: String) throws -> Double {
    guard let statistics = calibration?[tensor] else {
      throw QuantizationError.missingStatistics(tensor: tensor)
    }
    if settings.percentile == 100 { return Double(statistics.maxAbs) }
    guard let value = statistics.absPercentile(settings.percentile) else {
      throw QuantizationError.missingPercentile(
        tensor: tensor, percentile: settings.percentile,
        recorded: calibration?.percentiles ?? [])
    }
    return value
  }

  /// Runs a format constructor, reporting a format that cannot exist against `node`.
  func make(_ node: String, _ role: String, _ build: () throws -> FixedFormat) throws
    -> FixedFormat
  {
    do {
      return try build()
    } catch let error as FixedPointError {
      throw QuantizationError.formatOutOfRange(node: node, role: role, reason: "\(error)")
    }
  }

  /// The format of a scalar constant (α, `1/window`): the config's, the uniform one, or the
  /// narrowest that holds it as well as the weight width can.
  func constant(_ node: String, _ role: String, _ value: Double, override: FixedFormat?) throws
    -> FixedFormat
  {
    if let format = override ?? uniform { return format }
    return try make(node, role) { try rules.constant(value) }
  }

  private mutating func plan(_ node: Node) throws {
    let input = node.inputs.first.flatMap { tensors[$0] }
    let overrides = config?.nodes[node.name]
    switch node.op {
    case .dense, .conv1d, .conv2d:
      try planLayer(node)
      return
    case .matmul:
      try planMatmul(node)
    case .softmax(let axis):
      try planSoftmax(node, axis: axis)
      return
    case .batchnorm(let eps):
      try planBatchNorm(node, eps: eps)
    case .sigmoid, .tanh:
      try planTable(node)
      return
    case .leakyRelu(let alpha):
      nodes[node.name] = NodeQuantization(
        constant: try constant(node.name, "alpha", alpha, override: overrides?.alpha))
    case .avgpool2d(let pool):
      let window = Double(pool.kernel.h * pool.kernel.w)
      nodes[node.name] = NodeQuantization(
        constant: try constant(
          node.name, "reciprocal", 1 / window, override: overrides?.reciprocal))
    case .globalAvgpool2d:
      let shape = node.inputs.first.flatMap { shapes[$0] } ?? []
      let window = Double(shape.dropFirst().reduce(1, *))
      nodes[node.name] = NodeQuantization(
        constant: try constant(
          node.name, "reciprocal", 1 / window, override: overrides?.reciprocal))
    case .maxpool2d, .flatten, .reshape, .transpose, .upsample2d, .identity, .dropout:
      if let input {
        tensors[node.name] = explicitTensor(node.name) ?? input
        return
      }
    case .concat:
      let formats = Set(node.inputs.compactMap { tensors[$0] })
      if formats.count == 1, let format = formats.first {
        tensors[node.name] = explicitTensor(node.name) ?? format
        return
      }
    case .relu, .add, .mul:
      break
    }
    tensors[node.name] = try explicitTensor(node.name) ?? activation(node.name)
  }

  /// Every tensor, constant, table and accumulator holds 64-bit raws in the FixedIR.
  private func checkWidths() throws {
    for (name, format) in tensors.sorted(by: { $0.key < $1.key }) where !format.fitsInt64 {
      throw QuantizationError.wideFormat(node: name, role: "result", format: "\(format)")
    }
    for (name, node) in nodes.sorted(by: { $0.key < $1.key }) {
      let constants: [(String, FixedFormat?)] = [
        ("weight", node.weight), ("bias", node.bias), ("accumulator", node.accumulator),
        ("sum", node.sum), ("constant", node.constant),
        ("scale", node.scale), ("shift", node.shift), ("table", node.table?.format),
        ("reciprocal table", node.reciprocal?.format),
      ]
      for case (let role, let format?) in constants where !format.fitsInt64 {
        throw QuantizationError.wideFormat(node: name, role: role, format: "\(format)")
      }
    }
  }

  private static func validate(_ settings: CalibratedSettings) throws {
    let widths = [
      ("activationWidth", settings.activationWidth), ("weightWidth", settings.weightWidth),
      ("tableWidth", settings.tableWidth),
    ]
    for (name, width) in widths where !(2...64).contains(width) {
      throw QuantizationError.invalidSetting(name: name, reason: "is \(width), not in 2...64")
    }
    guard settings.margin >= 1, settings.margin.isFinite else {
      throw QuantizationError.invalidSetting(
        name: "margin", reason: "is \(settings.margin), but must be at least 1")
    }
    guard (0...100).contains(settings.percentile) else {
      throw QuantizationError.invalidSetting(
        name: "percentile", reason: "is \(settings.percentile), not in 0...100")
    }
  }
}
