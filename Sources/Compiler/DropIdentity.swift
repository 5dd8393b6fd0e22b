import ModelFormat

/// The `drop-identity` pass: removes `dropout` and `identity` nodes, which compute nothing at
/// inference, and rewires their readers to the tensor they pass through.
///
/// Exported training graphs keep dropout layers and `nn.Identity` placeholders; left in,
/// each would become a copy loop (and a buffer) in hardware. Output names are part of the
/// model's interface (users read results by name), so they stay stable:
///
/// 1. A pass-through node `d = identity(p)` that is not a model output is removed and every
///    reader of `d` reads `p`.
/// 2. If `d` is a model output, its producer `p` is renamed to `d` when `p` is a node, is not
///    itself a model output and has no reader but `d`; then `d` is removed.
/// 3. Otherwise (`p` is a graph input, an output, or read elsewhere) `d` stays, as an
///    `identity`: a kept `dropout` becomes `identity`, so later stages see one pass-through op.
/// 4. A node whose name carries a `quant` pin stays (as an `identity`, like rule 3): in a
///    quantisation-aware model it is where training re-quantised, a cast the hardware performs.
///
/// Before and after: `drop` goes by rule 1, `fc3` takes the name `id` by rule 2.
///
///     %res = add(%fc2, %features) : [4]
///     %drop = dropout(%res) : [4]
///     %fc3 = dense(%drop) weight=fc3.weight[2,4] bias=fc3.bias[2] : [2]
///     %id = identity(%fc3) : [2]
///     return %id
///
///     %res = add(%fc2, %features) : [4]
///     %id = dense(%res) weight=fc3.weight[2,4] bias=fc3.bias[2] : [2]
///     return %id
public enum DropIdentity {
  /// Applies the rules above to every pass-through node; returns whether the model changed.
  public static func run(on model: inout Model) -> Bool {
    var changed = false
    var index = 0
    while index < model.nodes.count {
      let node = model.nodes[index]
      guard node.op == .dropout || node.op == .identity, node.inputs.count == 1 else {
        index += 1
        continue
      }
      let source = node.inputs[0]
      let pinned = model.quant[node.name] != nil
      if !pinned, !model.outputs.contains(node.name) {
        model.nodes.remove(at: index)
        model.replaceUses(of: node.name, with: source)
        changed = true
        continue
      }
      if !pinned, let producer = model.nodeIndex(named: source),
        !model.outputs.contains(source), model.readCounts[source] == 1
      {
        model.nodes.remove(at: index)
        model.renameNode(at: producer, to: node.name)
        changed = true
        continue
      }
      if node.op == .dropout {
        model.nodes[index].op = .identity
        changed = true
      }
      index += 1
    }
    return changed
  }
}

extension GraphPass {
  /// `drop-identity`: removes dropout and identity nodes (see `DropIdentity`).
  public static let dropIdentity = GraphPass(
    name: "drop-identity",
    summary: "Removes dropout and identity nodes, keeping output names stable."
  ) { model in DropIdentity.run(on: &model) }
}
