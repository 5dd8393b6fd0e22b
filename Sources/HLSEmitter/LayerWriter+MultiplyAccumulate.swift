import FixedIR
import ModelFormat

/// The geometry of a convolution as the kernels read it; a conv1d is a conv2d of height 1.
private struct ConvolutionShape {
  var inC = 0, inH = 1, inW = 0, outC = 0, outH = 1, outW = 0, kH = 1, kW = 0
  var strideH = 1, strideW = 1, padTop = 0, padLeft = 0, dilH = 1, dilW = 1, groups = 1
}

extension LayerWriter {
  /// dense, conv1d, conv2d and matmul: sizes, accumulator, weights, bias and activation.
  func multiplyAccumulateConfig() throws(HLSEmitterError) -> ConfigStruct {
    var config = ConfigStruct(name: configName)
    config.type("accum_t", output.id + "_accum_t")
    switch op.kind {
    case .dense(let weight, let bias, _, let activation):
      let features = input.shape[input.shape.count - 1]
      let outputs = output.shape[output.shape.count - 1]
      let rows = input.count / features
      config.int("n_rows", rows)
      config.int("n_in", features)
      config.int("n_out", outputs)
      addParameters(weight, bias, activation, to: &config)
      config.int("reuse_factor", reuse)
      if plan.isSparse(weight) {
        let nonZero = plan.sparseWeight(weight).raw.count
        config.int("n_nonzero", nonZero)
        config.int("multipliers", multipliers(rows * nonZero))
      } else {
        config.int("multipliers", multipliers(rows * features * outputs))
      }
    case .conv1d(let c, let weight, let bias, _, let activation):
      let w = plan.constants[weight]?.shape ?? []
      let shape = ConvolutionShape(
        inC: input.shape[0], inW: input.shape[1], outC: output.shape[0], outW: output.shape[1],
        kW: w.count == 3 ? w[2] : 1, strideW: c.stride, padLeft: c.padLeft, dilW: c.dilation,
        groups: c.groups)
      add(shape, to: &config)
      addParameters(weight, bias, activation, to: &config)
    case .conv2d(let c, let weight, let bias, _, let activation):
      let w = plan.constants[weight]?.shape ?? []
      let shape = ConvolutionShape(
        inC: input.shape[0], inH: input.shape[1], inW: input.shape[2], outC: output.shape[0],
        outH: output.shape[1], outW: output.shape[2], kH: w.count == 4 ? w[2] : 1,
        kW: w.count == 4 ? w[3] : 1, strideH: c.stride.h, strideW: c.stride.w,
        padTop: c.padding.top, padLeft: c.padding.left, dilH: c.dilation.h, dilW: c.dilation.w,
        groups: c.groups)
      add(shape, to: &config)
      addParameters(weight, bias, activation, to: &config)
    case .matmul:
      let (a, b) = (operands[0].shape, operands[1].shape)
      let (m, k, n) = (a[a.count - 2], a[a.count - 1], b[b.count - 1])
      let batches = operands[0].count / (m * k)
      config.int("n_batch", batches)
      config.int("n_m", m)
      config.int("n_k", k)
      config.int("n_n", n)
      config.int("reuse_factor", reuse)
      config.int("multipliers", multipliers(batches * m * k * n))
    default:
      throw .unsupported(op: op.name, reason: "\(op.kind.name) is not a multiply-accumulate op")
    }
    return config
  }

  private func add(_ s: ConvolutionShape, to config: inout ConfigStruct) {
    let fields: [(String, Int)] = [
      ("in_c", s.inC), ("in_h", s.inH), ("in_w", s.inW), ("out_c", s.outC), ("out_h", s.outH),
      ("out_w", s.outW), ("k_h", s.kH), ("k_w", s.kW), ("stride_h", s.strideH),
      ("stride_w", s.strideW), ("pad_top", s.padTop), ("pad_left", s.padLeft),
      ("dil_h", s.dilH), ("dil_w", s.dilW), ("groups", s.groups),
    ]
    for (field, value) in fields { config.int(field, value) }
    config.int("reuse_factor", reuse)
    config.int("multipliers", multipliers(s.outC * (s.inC / max(s.groups, 1)) * s.kH * s.kW))
  }

  private func addParameters(
    _ weight: String, _ bias: String?, _ activation: FusedActivation,
    to config: inout ConfigStruct
  ) {
    config.int("has_bias", bias == nil ? 0 : 1)
    config.type("weight_t", constantType(weight))
    config.type("bias_t", constantType(bias))
    addActivation(activation, to: &config)
  }

  /// The calls of dense, conv1d, conv2d (both architectures) and matmul (arrays).
  func multiplyAccumulate(_ inputs: [String], _ y: String, stream: Bool) -> LayerCode {
    switch op.kind {
    case .dense(let weight, let bias, _, let activation) where plan.isSparse(weight):
      let w = constantArray(weight)
      let arguments = [inputs[0], y, w, w + "_in", w + "_out", constantArray(bias)]
      return LayerCode(statements: [
        call("dense_sparse", unaryArguments, arguments + [alphaArray(activation)])
      ])
    case .dense(let weight, let bias, _, let activation):
      let arguments = [inputs[0], y, constantArray(weight), constantArray(bias)]
      return LayerCode(statements: [
        call("dense", unaryArguments, arguments + [alphaArray(activation)])
      ])
    case .conv1d(_, let weight, let bias, _, let activation),
      .conv2d(_, let weight, let bias, _, let activation):
      let arguments = [inputs[0], y, constantArray(weight), constantArray(bias)]
      return LayerCode(statements: [
        call(
          stream ? "conv2d_stream" : "conv2d", unaryArguments,
          arguments + [alphaArray(activation)])
      ])
    default:
      let types = "<\(operands[0].type), \(operands[1].type), \(output.type), \(configName)>"
      return LayerCode(statements: [call("matmul", types, [inputs[0], inputs[1], y])])
    }
  }
}
