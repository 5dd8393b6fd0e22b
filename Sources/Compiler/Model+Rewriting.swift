import ModelFormat

/// Queries and edits that several passes share: who reads a tensor, renaming, rewiring.
extension Model {
  /// How many node inputs read each tensor (a node reading a tensor twice counts twice).
  var readCounts: [String: Int] {
    var counts: [String: Int] = [:]
    for node in nodes {
      for input in node.inputs { counts[input, default: 0] += 1 }
    }
    return counts
  }

  /// The index of the node named `name`.
  func nodeIndex(named name: String) -> Int? {
    nodes.firstIndex { $0.name == name }
  }

  /// Makes every node input and model output that names `old` name `new` instead.
  mutating func replaceUses(of old: String, with new: String) {
    for index in nodes.indices {
      for slot in nodes[index].inputs.indices where nodes[index].inputs[slot] == old {
        nodes[index].inputs[slot] = new
      }
    }
    for slot in outputs.indices where outputs[slot] == old {
      outputs[slot] = new
    }
  }

  /// Renames the node at `index` and everything that refers to it (reads, outputs, quant pin).
  mutating func renameNode(at index: Int, to newName: String) {
    let old = nodes[index].name
    nodes[index].name = newName
    replaceUses(of: old, with: newName)
    if let pin = quant.removeValue(forKey: old) { quant[newName] = pin }
  }

  /// True when `quant` pins a format on any of the names given.
  func hasQuantPin(onAnyOf names: [String]) -> Bool {
    names.contains { quant[$0] != nil }
  }

  /// A weight name that no tensor of the model uses yet: `base`, else `base.1`, `base.2`, ...
  func unusedWeightName(_ base: String) -> String {
    if weights[base] == nil { return base }
    var suffix = 1
    while weights["\(base).\(suffix)"] != nil { suffix += 1 }
    return "\(base).\(suffix)"
  }
}
