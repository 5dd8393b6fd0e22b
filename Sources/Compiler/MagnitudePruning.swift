import ModelFormat

/// The `prune-magnitude` pass: sets the dense and conv weights of smallest magnitude to zero,
/// to a sparsity target (over all layers, or per layer) or below a threshold.
///
/// Unrolled hardware needs no multiplier for a zero weight (the cost model counts it free,
/// the HLS emitter writes no product for it), so zeros save DSPs and LUTs without changing
/// the graph's shape. Without retraining the zeroed weights change the outputs; measure it
/// (`etch compile --prune-tolerance`).
///
/// Targets are met exactly: `k = round(S · n)` weights are zero afterwards (ties broken by
/// position), counting weights that were zero already, or more if more were. Biases are
/// never pruned. A weight tensor shared by several layers is pruned once, as one tensor.
///
/// Before and after `layer:fc1=0.5` (two of fc1's four weights, the smallest in magnitude):
///
///     fc1.weight = [[0.5, -0.1], [0.05, -2]]
///     fc1.weight = [[0.5, 0], [0, -2]]
public enum MagnitudePruning {
  /// The weight tensors the pass prunes: each dense and conv layer's `weight`, by layer name.
  static func layerWeights(of model: Model) -> [(layer: String, tensor: String)] {
    model.nodes.compactMap { node in
      switch node.op {
      case .dense, .conv1d, .conv2d:
        node.params["weight"].flatMap { model.weights[$0] == nil ? nil : (node.name, $0) }
      default: nil
      }
    }
  }

  /// Applies one step (`global`, `layer`, `threshold`); returns whether a weight changed.
  ///
  /// - Throws: `PruneError.unknownLayer` for `layer:NAME=S` naming no dense or conv layer.
  public static func run(_ step: PruneSpec.Step, on model: inout Model) throws(PruneError)
    -> Bool
  {
    let layers = layerWeights(of: model)
    var tensors: [String] = []
    for (_, tensor) in layers where !tensors.contains(tensor) { tensors.append(tensor) }
    switch step {
    case .global(let sparsity):
      return prune(tensors, in: &model, sparsity: sparsity)
    case .everyLayer(let sparsity):
      var changed = false
      for tensor in tensors where prune([tensor], in: &model, sparsity: sparsity) {
        changed = true
      }
      return changed
    case .layer(let name, let sparsity):
      guard let tensor = layers.first(where: { $0.layer == name })?.tensor else {
        throw .unknownLayer(name: name, valid: layers.map(\.layer))
      }
      return prune([tensor], in: &model, sparsity: sparsity)
    case .threshold(let threshold):
      var changed = false
      for name in tensors {
        guard var tensor = model.weights[name] else { continue }
        for i in tensor.scalars.indices
        where tensor.scalars[i] != 0 && Double(tensor.scalars[i].magnitude) < threshold {
          tensor.scalars[i] = 0
          changed = true
        }
        model.weights[name] = tensor
      }
      return changed
    case .channels:
      return false
    }
  }

  /// Zeroes the `round(sparsity · n)` smallest-magnitude weights of `names` taken together.
  private static func prune(_ names: [String], in model: inout Model, sparsity: Double) -> Bool {
    var entries: [(magnitude: Float, tensor: Int, index: Int)] = []
    let tensors = names.compactMap { model.weights[$0] }
    for (t, tensor) in tensors.enumerated() {
      for (i, w) in tensor.scalars.enumerated() { entries.append((w.magnitude, t, i)) }
    }
    let count = Int((sparsity * Double(entries.count)).rounded())
    guard count > 0 else { return false }
    entries.sort { a, b in
      a.magnitude != b.magnitude
        ? a.magnitude < b.magnitude : (a.tensor, a.index) < (b.tensor, b.index)
    }
    var pruned = tensors
    var changed = false
    for entry in entries.prefix(count) where pruned[entry.tensor].scalars[entry.index] != 0 {
      pruned[entry.tensor].scalars[entry.index] = 0
      changed = true
    }
    for (name, tensor) in zip(names, pruned) { model.weights[name] = tensor }
    return changed
  }

  /// The fraction of zeros among the dense and conv weights: per layer and over all of them.
  public static func sparsity(of model: Model) -> (layers: [String: Double], total: Double) {
    var layers: [String: Double] = [:]
    var zeros = 0
    var count = 0
    var seen: Set<String> = []
    for (layer, name) in layerWeights(of: model) {
      guard let tensor = model.weights[name] else { continue }
      let z = tensor.scalars.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
      layers[layer] = tensor.count == 0 ? 0 : Double(z) / Double(tensor.count)
      if seen.insert(name).inserted {
        zeros += z
        count += tensor.count
      }
    }
    return (layers, count == 0 ? 0 : Double(zeros) / Double(count))
  }
}

extension GraphPass {
  /// `prune-magnitude`: zeroes the smallest weights for one step of a prune spec (see
  /// `MagnitudePruning`).
  public static func pruneMagnitude(_ step: PruneSpec.Step) -> GraphPass {
    GraphPass(
      name: "prune-magnitude",
      summary: "Zeroes the dense and conv weights of smallest magnitude (\(step))."
    ) { model in try MagnitudePruning.run(step, on: &model) }
  }
}
