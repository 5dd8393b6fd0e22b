import MatrixProduct
import ModelFormat

/// Turns a verified model into the fast float engine's slots and kernels.
///
/// A dense or convolution node whose only reader is a `relu` or `leaky_relu` (and which is
/// not a model output) is planned together with it: the pair becomes one kernel writing the
/// activation's slot, and the layer's own output gets no slot. Flatten, reshape, dropout and
/// identity get no step: their output is their input's slot.
struct FloatPlanner {
  let model: Model
  let shapes: [String: [Int]]

  struct Plan {
    var slots: [FloatEngine.Slot] = []
    var steps: [FloatEngine.Step] = []
    var outputs: [Int] = []
  }

  func plan() throws(RuntimeError) -> Plan {
    var plan = Plan()
    var slotOf: [String: Int] = [:]
    var floats = 0
    func define(_ name: String, _ shape: [Int]) {
      slotOf[name] = plan.slots.count
      let count = shape.reduce(1, *)
      plan.slots.append(FloatEngine.Slot(count: count, offset: floats))
      floats += count
    }
    for input in model.inputs { define(input.name, input.shape) }
    var readers: [String: Int] = [:]
    for node in model.nodes {
      for input in node.inputs { readers[input, default: 0] += 1 }
    }
    let outputs = Set(model.outputs)
    var fusedInto: [String: String] = [:]
    for (index, node) in model.nodes.enumerated() where index + 1 < model.nodes.count {
      let next = model.nodes[index + 1]
      guard isLayer(node.op), readers[node.name] == 1, !outputs.contains(node.name),
        next.inputs == [node.name], activation(next.op) != nil
      else { continue }
      fusedInto[node.name] = next.name
    }
    var skip: Set<String> = []
    for node in model.nodes {
      if skip.contains(node.name) { continue }
      let inputShapes = node.inputs.map { shapes[$0] ?? [] }
      var name = node.name
      var fused = Epilogue<Float>.Activation.identity
      if let next = fusedInto[node.name],
        let following = model.nodes.first(where: { $0.name == next }),
        let act = activation(following.op)
      {
        name = next
        fused = act
        skip.insert(next)
      }
      let output = shapes[name] ?? []
      guard let kernel = try self.kernel(node, inputShapes, output, fused) else {
        // A view: the output is the input's slot (written once, then only read).
        slotOf[node.name] = node.inputs.first.flatMap { slotOf[$0] }
        continue
      }
      let inputs = node.inputs.compactMap { slotOf[$0] }
      define(name, output)
      plan.steps.append(FloatEngine.Step(kernel: kernel, inputs: inputs, output: slotOf[name] ?? 0))
    }
    plan.outputs = model.outputs.compactMap { slotOf[$0] }
    return plan
  }

  private func isLayer(_ op: Op) -> Bool {
    switch op {
    case .dense, .conv1d, .conv2d: true
    default: false
    }
  }

  private func activation(_ op: Op) -> Epilogue<Float>.Activation? {
    switch op {
    case .relu: .relu
    case .leakyRelu(let alpha): .leakyRelu(Float(alpha))
    default: nil
    }
  }

  private func parameter(_ node: Node, _ role: String) throws(RuntimeError) -> Tensor? {
    guard let name = node.params[role] else { return nil }
    guard let tensor = model.weights[name] else {
      throw .missingParameter(model: model.name, node: node.name, role: role, tensor: name)
    }
    return tensor
  }

  private func required(_ node: Node, _ role: String) throws(RuntimeError) -> Tensor {
    guard let tensor = try parameter(node, role) else {
      throw .missingParameter(model: model.name, node: node.name, role: role, tensor: "")
    }
    return tensor
  }

  /// The kernel that computes `node`, or nil for a view (flatten, reshape, dropout,
  /// identity), which moves no value.
  private func kernel(
    _ node: Node, _ inputs: [[Int]], _ output: [Int], _ fused: Epilogue<Float>.Activation
  ) throws(RuntimeError) -> FloatKernel? {
    let shape = inputs.first ?? []
    func resolve(_ axis: Int) -> Int { axis < 0 ? axis + shape.count : axis }
    switch node.op {
    case .dense:
      return .dense(
        DenseLayer(
          weight: try required(node, "weight"), bias: try parameter(node, "bias"),
          rows: shape.dropLast().reduce(1, *), activation: fused))
    case .conv1d(let a):
      let weight = try required(node, "weight")
      let geometry = ConvolutionLayer.Geometry(
        channels: shape[0], height: 1, width: shape[1], outChannels: output[0], outHeight: 1,
        outWidth: output[1], kernelHeight: 1, kernelWidth: weight.shape[2], strideH: 1,
        strideW: a.stride, dilationH: 1, dilationW: a.dilation, padTop: 0, padLeft: a.padLeft,
        groups: a.groups)
      return .convolution(
        ConvolutionLayer(
          geometry: geometry, weight: weight, bias: try parameter(node, "bias"),
          activation: fused))
    case .conv2d(let a):
      let weight = try required(node, "weight")
      let geometry = ConvolutionLayer.Geometry(
        channels: shape[0], height: shape[1], width: shape[2], outChannels: output[0],
        outHeight: output[1], outWidth: output[2], kernelHeight: weight.shape[2],
        kernelWidth: weight.shape[3], strideH: a.stride.h, strideW: a.stride.w,
        dilationH: a.dilation.h, dilationW: a.dilation.w, padTop: a.padding.top,
        padLeft: a.padding.left, groups: a.groups)
      return .convolution(
        ConvolutionLayer(
          geometry: geometry, weight: weight, bias: try parameter(node, "bias"),
          activation: fused))
    case .batchnorm(let eps):
      let weight = try required(node, "weight").scalars
      let bias = try required(node, "bias").scalars
      let mean = try required(node, "running_mean").scalars
      let variance = try required(node, "running_var").scalars
      var scale = [Float](repeating: 0, count: shape[0])
      var shift = scale
      for c in 0..<shape[0] {
        scale[c] = 1 / (variance[c] + Float(eps)).squareRoot() * weight[c]
        shift[c] = bias[c] - mean[c] * scale[c]
      }
      return .affine(
        channels: shape[0], inner: shape.dropFirst().reduce(1, *), scale: scale, shift: shift)
    case .relu: return .activation(.relu)
    case .leakyRelu(let alpha): return .activation(.leakyRelu(Float(alpha)))
    case .sigmoid: return .activation(.sigmoid)
    case .tanh: return .activation(.tanh)
    case .softmax(let axis):
      let r = resolve(axis)
      return .softmax(
        outer: shape[..<r].reduce(1, *), length: shape[r],
        inner: shape[(r + 1)...].reduce(1, *))
    case .maxpool2d(let a), .avgpool2d(let a):
      var isMaximum = false
      if case .maxpool2d = node.op { isMaximum = true }
      return .pooling(
        PoolingLayer(
          isMaximum: isMaximum, channels: shape[0], height: shape[1], width: shape[2],
          outHeight: output[1], outWidth: output[2], kernel: a.kernel, stride: a.stride,
          padding: a.padding))
    case .globalAvgpool2d:
      return .globalAverage(channels: shape[0], pixels: shape[1] * shape[2])
    case .upsample2d(let scale, _):
      return .upsample(channels: shape[0], height: shape[1], width: shape[2], scale: scale)
    case .flatten, .reshape, .dropout, .identity: return nil
    case .add: return .elementwise(isAdd: true)
    case .mul: return .elementwise(isAdd: false)
    case .concat(let axis):
      let r = resolve(axis)
      let trailing = shape[(r + 1)...].reduce(1, *)
      return .concat(outer: shape[..<r].reduce(1, *), blocks: inputs.map { $0[r] * trailing })
    case .matmul:
      let right = inputs.count > 1 ? inputs[1] : shape
      return .matmul(
        count: shape.dropLast(2).reduce(1, *), m: shape[shape.count - 2],
        k: shape[shape.count - 1], n: right[right.count - 1])
    case .transpose(let perm):
      var strides = [Int](repeating: 1, count: shape.count)
      for axis in shape.indices.dropLast().reversed() {
        strides[axis] = strides[axis + 1] * shape[axis + 1]
      }
      return .transpose(shape: output, strides: perm.map { strides[resolve($0)] })
    }
  }
}
