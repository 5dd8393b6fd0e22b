import Compiler
import FixedIR
import ModelFormat
import Targets

/// Per layer, what pruning did: sparsity, channels, multipliers removed, DSPs and LUTs
/// saved (cost model, unrolled), and the metric with that layer's zeros alone.
///
///     let report = try PruneReport(evaluator: evaluator, config: nil, spec: spec)
///     report.layers.first?.multipliersRemoved
public struct PruneReport: Sendable {
  /// One dense or conv layer.
  public struct Layer: Sendable, Equatable {
    /// The layer's name.
    public var name: String
    /// Zeros among its weights after pruning.
    public var sparsity: Double
    /// Output channels before and after (`channels` steps remove them).
    public var channels: (before: Int, after: Int)
    /// Multipliers the unrolled layer no longer needs.
    public var multipliersRemoved: Int
    /// DSPs saved by this layer.
    public var dspSaved: Int
    /// LUTs saved by this layer.
    public var lutSaved: Int
    /// The metric with only this layer's zeros (weight pruning only; nil with channels).
    public var metricAlone: Double?

    /// Equal when every field is.
    public static func == (a: Layer, b: Layer) -> Bool {
      a.name == b.name && a.sparsity == b.sparsity && a.channels == b.channels
        && a.multipliersRemoved == b.multipliersRemoved && a.dspSaved == b.dspSaved
        && a.lutSaved == b.lutSaved && a.metricAlone == b.metricAlone
    }
  }

  /// The spec reported on.
  public var spec: PruneSpec
  /// One entry per dense or conv layer, in graph order.
  public var layers: [Layer]
  /// The metric without pruning (quantization alone) and with it.
  public var metric: (unpruned: Double, pruned: Double)
  /// Estimated resources without and with pruning.
  public var resources: (unpruned: ResourceUsage, pruned: ResourceUsage)
  /// Zeros among all dense and conv weights after pruning.
  public var sparsity: Double

  /// Compiles the model with and without `spec` under `config`'s precision and compares.
  public init(evaluator: Evaluator, config: PrecisionConfig?, spec: PruneSpec) throws {
    var plain = config ?? PrecisionConfig(file: "--prune")
    plain.prune = nil
    var pruned = plain
    pruned.prune = spec
    let before = try evaluator.compile(config: plain)
    let after = try evaluator.compile(config: pruned)
    let (costBefore, costAfter) = (
      try evaluator.cost(before.program), try evaluator.cost(after.program)
    )
    let removesChannels = spec.steps.contains { if case .channels = $0 { true } else { false } }
    let sparsity = MagnitudePruning.sparsity(of: after.model)
    func rows(_ result: CompileResult, _ report: CostReport) -> [String: CostRow] {
      var byLayer: [String: CostRow] = [:]
      for row in report.rows {
        let layer = result.plan.fusedActivations.first { $0.value == row.name }?.key ?? row.name
        byLayer[layer] = row
      }
      return byLayer
    }
    let (rowsBefore, rowsAfter) = (rows(before, costBefore), rows(after, costAfter))
    var layers: [Layer] = []
    for node in after.model.nodes {
      guard let weight = node.params["weight"].flatMap({ after.model.weights[$0] }),
        let original = before.model.node(named: node.name)?.params["weight"]
          .flatMap({ before.model.weights[$0] })
      else { continue }
      let (b, a) = (rowsBefore[node.name], rowsAfter[node.name])
      var alone: Double?
      let layerSparsity = sparsity.layers[node.name] ?? 0
      if !removesChannels, layerSparsity > 0 {
        var single = plain
        single.prune = PruneSpec(steps: [.layer(name: node.name, sparsity: layerSparsity)])
        alone = try evaluator.measure(try evaluator.compile(config: single).program)
      }
      layers.append(
        Layer(
          name: node.name, sparsity: layerSparsity,
          channels: (original.shape[0], weight.shape[0]),
          multipliersRemoved: (b?.multipliers ?? 0) - (a?.multipliers ?? 0),
          dspSaved: (b?.resources.dsp ?? 0) - (a?.resources.dsp ?? 0),
          lutSaved: (b?.resources.lut ?? 0) - (a?.resources.lut ?? 0), metricAlone: alone))
    }
    self.spec = spec
    self.layers = layers
    self.metric = (try evaluator.measure(before.program), try evaluator.measure(after.program))
    self.resources = (costBefore.resources, costAfter.resources)
    self.sparsity = sparsity.total
  }
}
