import Foundation
import ModelFormat

/// The `fold-batchnorm` pass: folds an inference-mode batchnorm into the convolution or dense
/// layer before it, so the hardware runs one layer instead of two.
///
/// With `s = γ / sqrt(var + eps)` per output channel `c`, a layer `y = w·x + b` followed by
/// `(y − mean)·s + β` is the layer `w'·x + b'` with `w'[c, …] = w[c, …]·s[c]` and
/// `b'[c] = (b[c] − mean[c])·s[c] + β[c]` (`b = 0` when the layer has no bias). Factors are
/// computed in Double and rounded once to Float.
///
/// A batchnorm `bn = batchnorm(p)` is folded only when all of these hold:
/// - `p` is a `conv1d`, `conv2d` or `dense` node, not a model output, read by `bn` alone;
/// - for `dense`, `p`'s output is a vector `[out]` (batchnorm normalises axis 0, which is the
///   dense layer's output axis only then);
/// - no `quant` pin names `p`, `bn` or any of their parameters (training fixed those values).
///
/// Other batchnorms stay; the lowering turns them into a per-channel affine op.
/// The folded tensors get new names (`conv1.weight.bnfold`, `conv1.bias.bnfold`, or
/// `NODE.bias.bnfold` when the layer had no bias), so tensors shared with other nodes are
/// never changed; the originals are left for `eliminate-dead-nodes`. The folded layer keeps
/// its name, unless `bn` is a model output: then it takes `bn`'s name, which keeps the
/// model's output names stable.
///
/// Before and after:
///
///     %conv1 = conv2d(%frame) stride=[1,1] padding=[0,0,0,0] dilation=[1,1] groups=1
///       weight=conv1.weight[2,3,2,2] bias=conv1.bias[2] : [2,4,4]
///     %bn1 = batchnorm(%conv1) eps=1e-05 weight=bn1.weight[2] bias=bn1.bias[2]
///       running_mean=bn1.running_mean[2] running_var=bn1.running_var[2] : [2,4,4]
///     %act1 = relu(%bn1) : [2,4,4]
///
///     %conv1 = conv2d(%frame) stride=[1,1] padding=[0,0,0,0] dilation=[1,1] groups=1
///       weight=conv1.weight.bnfold[2,3,2,2] bias=conv1.bias.bnfold[2] : [2,4,4]
///     %act1 = relu(%conv1) : [2,4,4]
public enum FoldBatchNorm {
  /// Folds every foldable batchnorm; returns whether any was folded.
  ///
  /// Throws `CompilerError.invalidParameter` when a batchnorm's variance plus eps is not
  /// positive, and `ModelError` when the model's shapes do not fit (a parameter without one
  /// value per channel, say).
  public static func run(on model: inout Model) throws -> Bool {
    // Folding removes a batchnorm whose shape is its layer's, so these shapes stay valid.
    let shapes = try ShapeInference.shapes(of: model)
    var changed = false
    var index = 0
    while index < model.nodes.count {
      if try foldNode(at: index, in: &model, shapes: shapes) {
        changed = true
      } else {
        index += 1
      }
    }
    return changed
  }

  /// Folds the batchnorm at `index` if it qualifies, removing it; returns whether it did.
  private static func foldNode(at index: Int, in model: inout Model, shapes: [String: [Int]])
    throws -> Bool
  {
    let norm = model.nodes[index]
    guard case .batchnorm(let eps) = norm.op, norm.inputs.count == 1,
      let layerIndex = model.nodeIndex(named: norm.inputs[0]),
      isFoldable(layer: model.nodes[layerIndex], norm: norm, in: model, shapes: shapes)
    else { return false }
    let layer = model.nodes[layerIndex]
    guard let weightName = layer.params["weight"], let weight = model.weights[weightName] else {
      return false
    }
    // Shape inference has checked that every parameter holds one value per output channel.
    func parameter(_ role: String) -> [Float] {
      norm.params[role].flatMap { model.weights[$0]?.scalars } ?? []
    }
    let (gamma, shift) = (parameter("weight"), parameter("bias"))
    let (mean, variance) = (parameter("running_mean"), parameter("running_var"))
    let scale = try variance.indices.map { channel in
      let denominator = Double(variance[channel]) + eps
      guard denominator > 0, denominator.isFinite else {
        throw CompilerError.invalidParameter(
          node: norm.name, role: "running_var",
          reason: "plus eps is \(denominator) at channel \(channel), but must be positive")
      }
      return Double(gamma[channel]) / denominator.squareRoot()
    }
    let bias = layer.params["bias"].flatMap { model.weights[$0] }

    let perChannel = scale.isEmpty ? 0 : weight.count / scale.count
    var folded = weight.scalars
    for channel in scale.indices {
      for offset in channel * perChannel..<(channel + 1) * perChannel {
        folded[offset] = Float(Double(weight.scalars[offset]) * scale[channel])
      }
    }
    let newBias = scale.indices.map { channel in
      let b = bias.map { Double($0.scalars[channel]) } ?? 0
      return Float((b - Double(mean[channel])) * scale[channel] + Double(shift[channel]))
    }

    let newWeightName = model.unusedWeightName("\(weightName).bnfold")
    model.weights[newWeightName] = Tensor(shape: weight.shape, scalars: folded)
    let biasBase = layer.params["bias"] ?? "\(layer.name).bias"
    let newBiasName = model.unusedWeightName("\(biasBase).bnfold")
    model.weights[newBiasName] = Tensor(shape: [scale.count], scalars: newBias)
    model.nodes[layerIndex].params["weight"] = newWeightName
    model.nodes[layerIndex].params["bias"] = newBiasName

    model.nodes.remove(at: index)
    if model.outputs.contains(norm.name) {
      model.renameNode(at: layerIndex, to: norm.name)
    } else {
      model.replaceUses(of: norm.name, with: layer.name)
    }
    return true
  }

  /// Whether `layer` may absorb `norm`, by the rules in the type's documentation.
  private static func isFoldable(
    layer: Node, norm: Node, in model: Model, shapes: [String: [Int]]
  ) -> Bool {
    switch layer.op {
    case .conv1d, .conv2d: break
    case .dense:
      guard shapes[layer.name]?.count == 1 else { return false }
    default: return false
    }
    let pinnable = [layer.name, norm.name] + layer.params.values + norm.params.values
    return !model.outputs.contains(layer.name) && model.readCounts[layer.name] == 1
      && !model.hasQuantPin(onAnyOf: pinnable)
  }
}

extension GraphPass {
  /// `fold-batchnorm`: folds batchnorm into the layer before it (see `FoldBatchNorm`).
  public static let foldBatchNorm = GraphPass(
    name: "fold-batchnorm",
    summary: "Folds batchnorm into the conv1d, conv2d or dense layer before it."
  ) { model in try FoldBatchNorm.run(on: &model) }
}
