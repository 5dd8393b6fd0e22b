/// What `etch inspect` reports about a model: per layer and in total, its shapes,
/// parameters, multiply-accumulates and weight sparsity.
///
/// Users size a model against an FPGA before compiling it; parameters bound the memory,
/// MACs bound the DSPs and the latency, and sparsity says how much pruning already bought.
///
/// Conventions (also in docs/model-format.md):
/// - **parameters** of a layer: the element count of all its params (weight, bias, batchnorm
///   statistics). The total counts each tensor once, even when layers share it.
/// - **MACs per frame**: `dense` = rows × in × out (rows = product of the leading
///   dimensions, 1 for a vector); `conv1d`/`conv2d` = output elements × in/groups × kernel
///   elements; `matmul` = batch × M × K × N; `batchnorm` and `mul` = 1 per output element
///   (one multiply each, the add is free in a MAC); every other operator = 0 (they add,
///   compare, select or look up, but do not multiply two data values).
/// - **sparsity**: the fraction of exactly-zero elements (±0) of the `weight` params;
///   biases and statistics are left out, since pruning never targets them.
///
///     let stats = try ModelStatistics(model: braggnn)
///     stats.totalParameters  // 33172
public struct ModelStatistics: Sendable, Equatable, Codable {
  /// The statistics of one node.
  public struct Layer: Sendable, Equatable, Codable {
    /// The node's name.
    public var name: String
    /// The operator's name (`conv2d`).
    public var op: String
    /// The shape of the node's output, batch left out.
    public var outputShape: [Int]
    /// Elements of all the node's params.
    public var parameters: Int
    /// Multiply-accumulates per frame, by the conventions above.
    public var macs: Int
    /// Elements of the node's `weight` param (0 when it has none).
    public var weights: Int
    /// Elements of the `weight` param that are exactly zero.
    public var zeroWeights: Int

    /// `zeroWeights / weights`, or 0 for a layer without weights.
    public var sparsity: Double { weights == 0 ? 0 : Double(zeroWeights) / Double(weights) }
  }

  /// One entry per node, in graph order.
  public var layers: [Layer]
  /// Parameters of the model, each tensor counted once.
  public var totalParameters: Int
  /// MACs per frame of the whole model (`Int.max` if the sum would overflow).
  public var totalMACs: Int
  /// Elements of all `weight` params, each tensor counted once.
  public var totalWeights: Int
  /// Exactly-zero elements among `totalWeights`.
  public var totalZeroWeights: Int

  /// `totalZeroWeights / totalWeights`, or 0 for a model without weights.
  public var sparsity: Double {
    totalWeights == 0 ? 0 : Double(totalZeroWeights) / Double(totalWeights)
  }

  /// Computes the statistics of `model`, inferring its shapes (errors name `file`).
  public init(model: Model, file: String? = nil) throws(ModelError) {
    let shapes = try ShapeInference.shapes(of: model, file: file)
    var layers: [Layer] = []
    var counted: Set<String> = []
    var weightTensors: Set<String> = []
    var totals = (parameters: 0, macs: 0, weights: 0, zeros: 0)
    for node in model.nodes {
      let output = shapes[node.name] ?? []
      var layer = Layer(
        name: node.name, op: node.op.name, outputShape: output, parameters: 0,
        macs: Self.macs(of: node, output: output, shapes: shapes, model: model),
        weights: 0, zeroWeights: 0)
      for (role, tensorName) in node.params.sorted(by: { $0.key < $1.key }) {
        guard let tensor = model.weights[tensorName] else { continue }
        layer.parameters += tensor.count
        if counted.insert(tensorName).inserted { totals.parameters += tensor.count }
        guard role == "weight" else { continue }
        layer.weights = tensor.count
        layer.zeroWeights = tensor.scalars.reduce(0) { $1 == 0 ? $0 + 1 : $0 }
        if weightTensors.insert(tensorName).inserted {
          totals.weights += layer.weights
          totals.zeros += layer.zeroWeights
        }
      }
      let (sum, overflow) = totals.macs.addingReportingOverflow(layer.macs)
      totals.macs = overflow ? Int.max : sum
      layers.append(layer)
    }
    self.layers = layers
    self.totalParameters = totals.parameters
    self.totalMACs = totals.macs
    self.totalWeights = totals.weights
    self.totalZeroWeights = totals.zeros
  }

  /// MACs per frame of one node; shapes are verified, so the products stay small.
  private static func macs(
    of node: Node, output: [Int], shapes: [String: [Int]], model: Model
  ) -> Int {
    let outputCount = output.reduce(1, *)
    let weight = node.params["weight"].flatMap { model.weights[$0]?.shape } ?? []
    switch node.op {
    case .dense:
      return outputCount * (weight.last ?? 0)
    case .conv1d, .conv2d:
      return outputCount * weight.dropFirst().reduce(1, *)
    case .matmul:
      let a = node.inputs.first.flatMap { shapes[$0] } ?? []
      return outputCount * (a.last ?? 0)
    case .batchnorm, .mul:
      return outputCount
    default:
      return 0
    }
  }
}
