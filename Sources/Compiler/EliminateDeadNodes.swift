import ModelFormat

/// The `eliminate-dead-nodes` pass: drops nodes that no model output depends on, then the
/// weights and `quant` pins that only dropped nodes used.
///
/// Exported graphs carry auxiliary heads and debugging taps, and other passes orphan nodes
/// and tensors (folding a batchnorm leaves the unfolded weights behind). Each dead node would
/// still cost hardware and each dead weight ROM, so they go. Graph inputs stay even when
/// unused: they are the model's interface.
///
/// Before and after (`aux` and `aux_act` are dead; so are `aux.weight`, `aux.bias` and the
/// pin on `aux.weight`):
///
///     %relu1 = relu(%fc1) : [3]
///     %fc2 = dense(%relu1) weight=fc2.weight[2,3] bias=fc2.bias[2] : [2]
///     %aux = dense(%relu1) weight=aux.weight[5,3] bias=aux.bias[5] : [5]
///     %aux_act = sigmoid(%aux) : [5]
///     quant aux.weight = ap_fixed<8,1>
///     return %fc2
///
///     %relu1 = relu(%fc1) : [3]
///     %fc2 = dense(%relu1) weight=fc2.weight[2,3] bias=fc2.bias[2] : [2]
///     return %fc2
public enum EliminateDeadNodes {
  /// Removes dead nodes, unused weights and their pins; returns whether anything was removed.
  public static func run(on model: inout Model) -> Bool {
    var live = Set(model.outputs)
    for node in model.nodes.reversed() where live.contains(node.name) {
      live.formUnion(node.inputs)
    }
    let deadNodes = model.nodes.filter { !live.contains($0.name) }.map(\.name)
    model.nodes.removeAll { !live.contains($0.name) }

    let used = Set(model.nodes.flatMap { $0.params.values })
    let deadWeights = model.weights.keys.filter { !used.contains($0) }
    for name in deadWeights { model.weights[name] = nil }

    let remaining = Set(model.nodes.map(\.name) + model.inputs.map(\.name) + model.weights.keys)
    for name in deadNodes + deadWeights where !remaining.contains(name) {
      model.quant[name] = nil
    }
    return !deadNodes.isEmpty || !deadWeights.isEmpty
  }
}

extension GraphPass {
  /// `eliminate-dead-nodes`: drops dead nodes and unused weights (see `EliminateDeadNodes`).
  public static let eliminateDeadNodes = GraphPass(
    name: "eliminate-dead-nodes",
    summary: "Drops nodes no output depends on, and weights no node uses."
  ) { model in EliminateDeadNodes.run(on: &model) }
}
