import Foundation
import ModelFormat

/// The `prune-channels` pass: removes whole output channels of convolutions and neurons of
/// dense layers with the smallest mean `|w|`, and rewrites every reader so that the graph
/// stays valid and smaller.
///
/// Zeroed weights are free only in unrolled hardware; a removed channel also removes its
/// buffer, its activation and the next layer's products over it, at any reuse factor.
///
/// A channel is followed forward through the ops that keep channels apart (activations,
/// batchnorm, pooling, upsample, flatten into a dense layer, concat along the channel axis)
/// to the layers that read it. Channels that meet in an `add` or `mul` are removed together
/// (the add's partners), or not at all. A removed channel does not read zero: it carries
/// its bias through the activations, a constant `v`, and each reading layer adds
/// `v · Σ w` over the removed inputs to its own bias, so that a channel whose weights are all
/// zero is removed without changing any output. A channel stays when that is impossible:
/// it reaches a model output, a reshape, transpose, matmul or softmax, a grouped
/// convolution, a layer or pooling whose zero padding would see `v ≠ 0`, meets a graph
/// input in an add, or belongs to a layer with a `quant` pin or shared parameters. Every
/// layer keeps at least one channel.
///
/// Before and after `channels:0.5` on `fc1 [4 → 2]` (neuron 1 has the smaller weights; its
/// constant `relu(b1)` moves into fc2's bias):
///
///     %fc1 = dense(%x) weight=fc1.weight[2,4] bias=fc1.bias[2] : [2]
///     %relu1 = relu(%fc1) : [2]
///     %fc2 = dense(%relu1) weight=fc2.weight[3,2] bias=fc2.bias[3] : [3]
///
///     %fc1 = dense(%x) weight=fc1.weight[1,4] bias=fc1.bias[1] : [1]
///     %relu1 = relu(%fc1) : [1]
///     %fc2 = dense(%relu1) weight=fc2.weight[3,1] bias=fc2.bias[3] : [3]
public enum ChannelPruning {
  /// One channel along axis 0 of a tensor: the removable group it belongs to (nil for a
  /// channel that no layer produced) and the constant it carries once removed.
  struct Slot {
    var group: Int?
    var value: Float
  }

  /// The channels of a model that may be removed, and who reads them.
  struct Analysis {
    /// Group → its members, `(layer, output channel)`.
    var members: [[(layer: String, channel: Int)]] = []
    /// Group → the group it was merged into (union-find).
    var parent: [Int] = []
    /// Group → whether it must stay.
    var blocked: [Bool] = []
    /// Reading layer or batchnorm → the channels of its input.
    var readers: [String: [Slot]] = [:]

    mutating func newGroup(_ layer: String, _ channel: Int) -> Int {
      members.append([(layer, channel)])
      parent.append(parent.count)
      blocked.append(false)
      return parent.count - 1
    }

    mutating func root(_ g: Int) -> Int {
      var r = g
      while parent[r] != r { r = parent[r] }
      parent[g] = r
      return r
    }

    mutating func union(_ a: Int, _ b: Int) {
      let (ra, rb) = (root(a), root(b))
      guard ra != rb else { return }
      parent[rb] = ra
      members[ra] += members[rb]
      blocked[ra] = blocked[ra] || blocked[rb]
    }

    mutating func block(_ slots: [Slot]?) {
      for slot in slots ?? [] {
        if let g = slot.group { blocked[root(g)] = true }
      }
    }
  }

  /// Removes the fraction `fraction` of the removable channels; returns whether any went.
  public static func run(fraction: Double, on model: inout Model) throws -> Bool {
    var analysis = try analyse(model)
    let chosen = select(fraction: fraction, analysis: &analysis, model: model)
    guard !chosen.isEmpty else { return false }
    try rewrite(&model, removing: chosen, analysis: &analysis)
    return true
  }

  /// Follows every layer's channels through the graph (see the type's documentation).
  static func analyse(_ model: Model) throws -> Analysis {
    let shapes = try ShapeInference.shapes(of: model)
    var uses: [String: Int] = [:]
    for node in model.nodes { for tensor in node.params.values { uses[tensor, default: 0] += 1 } }
    var a = Analysis()
    var layouts: [String: [Slot]] = [:]
    for node in model.nodes {
      let inputs = node.inputs.map { layouts[$0] }
      let shared = node.params.values.contains { (uses[$0] ?? 0) > 1 }
      let pinned = model.hasQuantPin(onAnyOf: [node.name] + node.params.values)
      var output: [Slot]?
      switch node.op {
      case .dense, .conv1d, .conv2d:
        let rank = shapes[node.name]?.count ?? 0
        let groups: Int =
          switch node.op {
          case .conv1d(let c): c.groups
          case .conv2d(let c): c.groups
          default: 1
          }
        let zeroPadding: Bool =
          switch node.op {
          case .conv1d(let c): c.padLeft == 0 && c.padRight == 0
          case .conv2d(let c): c.padding.isZero
          default: true
          }
        if let input = inputs[0] {
          let readable =
            groups == 1 && !shared && (node.op != .dense || shapes[node.inputs[0]]?.count == 1)
          if readable {
            for slot in input where slot.value != 0 && !zeroPadding {
              a.block([slot])
            }
            a.readers[node.name] = input
          } else {
            a.block(input)
          }
        }
        let producer = groups == 1 && !shared && !pinned && (node.op != .dense || rank == 1)
        if producer, let channels = shapes[node.name]?.first {
          let bias = node.params["bias"].flatMap { model.weights[$0]?.scalars }
          output = (0..<channels).map { c in
            Slot(group: a.newGroup(node.name, c), value: bias?[c] ?? 0)
          }
        }
      case .relu, .leakyRelu, .sigmoid, .tanh, .dropout, .identity, .maxpool2d, .upsample2d,
        .globalAvgpool2d:
        output = inputs[0]?.map { Slot(group: $0.group, value: apply(node.op, to: $0.value)) }
      case .avgpool2d(let pooling):
        if pooling.padding == Pair(0, 0) {
          output = inputs[0]
        } else {
          a.block(inputs[0]?.filter { $0.value != 0 })
          output = inputs[0]
        }
      case .batchnorm(let eps):
        if shared || pinned {
          a.block(inputs[0])
        } else if let input = inputs[0] {
          a.readers[node.name] = input
          let p = { (role: String) in node.params[role].flatMap { model.weights[$0]?.scalars } }
          if let gamma = p("weight"), let beta = p("bias"), let mean = p("running_mean"),
            let variance = p("running_var")
          {
            output = input.enumerated().map { c, slot in
              let scale = Double(gamma[c]) / (Double(variance[c]) + eps).squareRoot()
              let value = (Double(slot.value) - Double(mean[c])) * scale + Double(beta[c])
              return Slot(group: slot.group, value: Float(value))
            }
          } else {
            a.block(input)
          }
        }
      case .flatten:
        if let input = inputs[0], let shape = shapes[node.inputs[0]], let c = shape.first, c > 0 {
          let per = shape.reduce(1, *) / c
          output = input.flatMap { Array(repeating: $0, count: per) }
        }
      case .add, .mul:
        if let x = inputs[0], let y = inputs[1], x.count == y.count {
          output = zip(x, y).map { p, q in
            switch (p.group, q.group) {
            case (let g?, let h?): a.union(g, h)
            case (nil, nil): break
            default: a.block([p, q])
            }
            let value = node.op == .add ? p.value + q.value : p.value * q.value
            return Slot(group: p.group ?? q.group, value: value)
          }
        } else {
          for input in inputs { a.block(input) }
        }
      case .concat(let axis):
        let rank = shapes[node.name]?.count ?? 0
        if (axis < 0 ? axis + rank : axis) == 0, inputs.contains(where: { $0 != nil }) {
          output = zip(node.inputs, inputs).flatMap { name, slots in
            slots ?? Array(repeating: Slot(group: nil, value: 0), count: shapes[name]?.first ?? 0)
          }
        } else {
          for input in inputs { a.block(input) }
        }
      case .softmax, .reshape, .transpose, .matmul:
        for input in inputs { a.block(input) }
      }
      layouts[node.name] = output
    }
    for name in model.outputs { a.block(layouts[name]) }
    return a
  }

  /// The constant `op(v)` of a channel that carries `v` everywhere.
  static func apply(_ op: Op, to v: Float) -> Float {
    switch op {
    case .relu: max(v, 0)
    case .leakyRelu(let alpha): v > 0 ? v : v * Float(alpha)
    case .sigmoid: 1 / (1 + Foundation.exp(-v))
    case .tanh: Foundation.tanh(v)
    default: v
    }
  }

  /// The removable groups to remove: the `round(fraction · n)` of smallest mean `|w|`,
  /// skipping any that would take a layer's last channel.
  static func select(fraction: Double, analysis a: inout Analysis, model: Model) -> Set<Int> {
    let roots = Set(a.parent.indices.map { a.root($0) }).filter { !a.blocked[$0] }.sorted()
    let weights = Dictionary(
      uniqueKeysWithValues: model.nodes.compactMap { node in
        node.params["weight"].flatMap { model.weights[$0] }.map { (node.name, $0) }
      })
    func score(_ g: Int) -> Double {
      var total = 0.0
      var count = 0
      for (layer, c) in a.members[g] {
        guard let w = weights[layer], let rows = w.shape.first, rows > 0 else { continue }
        let per = w.count / rows
        total += w.scalars[c * per..<(c + 1) * per].reduce(0.0) { $0 + Double($1.magnitude) }
        count += per
      }
      return count == 0 ? 0 : total / Double(count)
    }
    let ranked = roots.map { ($0, score($0)) }.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    let target = Int((fraction * Double(roots.count)).rounded())
    var remaining: [String: Int] = [:]
    for g in a.parent.indices where a.root(g) == g {
      for (layer, _) in a.members[g] { remaining[layer, default: 0] += 1 }
    }
    var chosen: Set<Int> = []
    for (g, _) in ranked where chosen.count < target {
      let layers = a.members[g].map(\.layer)
      var counts: [String: Int] = [:]
      for layer in layers { counts[layer, default: 0] += 1 }
      guard counts.allSatisfy({ remaining[$0.key, default: 0] > $0.value }) else { continue }
      for (layer, n) in counts { remaining[layer, default: 0] -= n }
      chosen.insert(g)
    }
    return chosen
  }
}

extension GraphPass {
  /// `prune-channels`: removes the fraction `fraction` of removable channels (see
  /// `ChannelPruning`).
  public static func pruneChannels(fraction: Double) -> GraphPass {
    GraphPass(
      name: "prune-channels",
      summary: "Removes conv output channels and dense neurons of smallest mean |w| "
        + "(channels:\(PruneSpec.number(fraction))), rewriting their readers."
    ) { model in try ChannelPruning.run(fraction: fraction, on: &model) }
  }
}
