import ModelFormat

extension ChannelPruning {
  /// Removes the channels of the groups `chosen` from their layers and from every reader.
  static func rewrite(_ model: inout Model, removing chosen: Set<Int>, analysis a: inout Analysis)
    throws
  {
    var removedOutputs: [String: Set<Int>] = [:]
    for g in chosen {
      for (layer, c) in a.members[g] { removedOutputs[layer, default: []].insert(c) }
    }
    for index in model.nodes.indices {
      let node = model.nodes[index]
      if let slots = a.readers[node.name] {
        let removed = Set(
          slots.indices.filter { i in slots[i].group.map { chosen.contains(a.root($0)) } ?? false })
        if !removed.isEmpty {
          if case .batchnorm = node.op {
            for role in ["weight", "bias", "running_mean", "running_var"] {
              guard let name = node.params[role], let t = model.weights[name] else { continue }
              model.weights[name] = slice(t, axis: 0, removing: removed)
            }
          } else {
            fold(slots, removed: removed, into: index, of: &model)
          }
        }
      }
      if let removed = removedOutputs[node.name] {
        for role in ["weight", "bias"] {
          guard let name = model.nodes[index].params[role], let t = model.weights[name] else {
            continue
          }
          model.weights[name] = slice(t, axis: 0, removing: removed)
        }
      }
    }
  }

  /// Adds what the removed inputs contributed (`w · v`, a constant) to the bias of the layer
  /// at `index`, and drops those inputs from its weight (axis 1).
  private static func fold(
    _ slots: [Slot], removed: Set<Int>, into index: Int, of model: inout Model
  ) {
    let node = model.nodes[index]
    guard let weightName = node.params["weight"], let weight = model.weights[weightName] else {
      return
    }
    let outputs = weight.shape[0]
    let inputs = weight.shape.count > 1 ? weight.shape[1] : 0
    let taps = inputs == 0 ? 0 : weight.count / (outputs * inputs)
    var shift = [Double](repeating: 0, count: outputs)
    for i in removed where slots[i].value != 0 {
      for o in 0..<outputs {
        let start = (o * inputs + i) * taps
        let sum = weight.scalars[start..<start + taps].reduce(0.0) { $0 + Double($1) }
        shift[o] += sum * Double(slots[i].value)
      }
    }
    if shift.contains(where: { $0 != 0 }) {
      let name = node.params["bias"] ?? model.unusedWeightName("\(node.name).bias")
      var bias = model.weights[name]?.scalars ?? [Float](repeating: 0, count: outputs)
      for o in 0..<outputs { bias[o] = Float(Double(bias[o]) + shift[o]) }
      model.weights[name] = Tensor(shape: [outputs], scalars: bias)
      model.nodes[index].params["bias"] = name
    }
    model.weights[weightName] = slice(weight, axis: 1, removing: removed)
  }

  /// `t` without the indices `removed` along `axis` (0 or 1).
  static func slice(_ t: Tensor, axis: Int, removing removed: Set<Int>) -> Tensor {
    let outer = t.shape[..<axis].reduce(1, *)
    let extent = t.shape[axis]
    let inner = t.shape[(axis + 1)...].reduce(1, *)
    var scalars: [Float] = []
    scalars.reserveCapacity(t.count)
    for o in 0..<outer {
      for i in 0..<extent where !removed.contains(i) {
        let start = (o * extent + i) * inner
        scalars += t.scalars[start..<start + inner]
      }
    }
    var shape = t.shape
    shape[axis] = extent - removed.count
    return Tensor(shape: shape, scalars: scalars)
  }
}
