import ModelFormat

/// Which activations the fixed-point lowering may fuse into the layer that feeds them.
///
/// In hardware a `relu` or `leaky_relu` right after a dense or convolution layer costs
/// nothing when it is applied to the accumulator before the result is stored: no extra loop,
/// no extra buffer. The float graph has no fused-activation field (the graph keeps one op per
/// node, which keeps the Reference engine and its per-node traces simple), so this is an
/// analysis the lowering consults rather than a rewrite.
///
/// An activation qualifies when its single input is a `dense`, `conv1d` or `conv2d` node that
/// nothing else reads and that is not a model output (its unactivated value is then never
/// observed).
///
///     %fc1 = dense(%x) weight=fc1.weight[3,4] bias=fc1.bias[3] : [3]
///     %relu1 = relu(%fc1) : [3]
///     %fc2 = dense(%relu1) weight=fc2.weight[2,3] bias=fc2.bias[2] : [2]
///     return %fc2
///
///     ActivationFusion.candidates(in: model)  // ["fc1": "relu1"]
public enum ActivationFusion {
  /// Producer node name → the name of the activation node that may be fused into it.
  public static func candidates(in model: Model) -> [String: String] {
    let reads = model.readCounts
    let outputs = Set(model.outputs)
    var layers: Set<String> = []
    var fused: [String: String] = [:]
    for node in model.nodes {
      switch node.op {
      case .dense, .conv1d, .conv2d:
        layers.insert(node.name)
      case .relu, .leakyRelu:
        guard node.inputs.count == 1, let producer = node.inputs.first,
          layers.contains(producer), reads[producer] == 1, !outputs.contains(producer)
        else { continue }
        fused[producer] = node.name
      default:
        continue
      }
    }
    return fused
  }
}
