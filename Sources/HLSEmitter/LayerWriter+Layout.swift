import FixedIR
import ModelFormat

extension LayerWriter {
  /// The largest rank `etch::transpose` walks.
  static let maxTransposeRank = 6

  /// reshape and upsample2d: sizes.
  func layoutConfig() -> ConfigStruct {
    var config = ConfigStruct(name: configName)
    if case .upsample2d(let scale) = op.kind {
      config.int("in_c", input.shape[0])
      config.int("in_h", input.shape[1])
      config.int("in_w", input.shape[2])
      config.int("scale_h", scale.h)
      config.int("scale_w", scale.w)
    } else {
      config.int("n", input.count)
    }
    return config
  }

  /// transpose: the output's extents and, for each, the input stride it steps, padded to
  /// rank 6 with extent 1.
  func transposeConfig(_ perm: [Int]) throws(HLSEmitterError) -> ConfigStruct {
    let shape = input.shape
    guard shape.count <= Self.maxTransposeRank else {
      throw .unsupported(
        op: op.name,
        reason: "transpose of rank \(shape.count); the kernels walk at most rank "
          + "\(Self.maxTransposeRank)")
    }
    var strides = [Int](repeating: 1, count: shape.count)
    for d in stride(from: shape.count - 2, through: 0, by: -1) {
      strides[d] = strides[d + 1] * shape[d + 1]
    }
    let padding = Self.maxTransposeRank - shape.count
    let extents = perm.map { shape[$0] } + [Int](repeating: 1, count: padding)
    let steps = perm.map { strides[$0] } + [Int](repeating: 0, count: padding)
    var config = ConfigStruct(name: configName)
    config.int("n", input.count)
    for (d, extent) in extents.enumerated() { config.int("d\(d)", extent) }
    for (d, step) in steps.enumerated() { config.int("s\(d)", step) }
    return config
  }

  /// The calls of reshape, transpose and upsample2d; a reshape that keeps the stream
  /// layout streams its beats through unchanged.
  func layout(_ inputs: [String], _ y: String, stream: Bool) -> LayerCode {
    let statement: String
    switch op.kind {
    case .upsample2d:
      statement = call(stream ? "upsample2d_stream" : "upsample2d", unaryArguments, [inputs[0], y])
    case .transpose:
      statement = call("transpose", unaryArguments, [inputs[0], y])
    default:
      if stream {
        statement = call(
          "pass", "<\(input.type), \(input.channels), \(input.beats)>", [inputs[0], y])
      } else {
        statement = call("copy", unaryArguments, [inputs[0], y])
      }
    }
    return LayerCode(statements: [statement])
  }

  /// concat: one struct per pairwise step (`name_config1`, ...), each input appended to the
  /// result of the previous step.
  func concatConfigs() -> [ConfigStruct] {
    guard case .concat(let axis) = op.kind else { return [] }
    let outer = output.shape[..<axis].reduce(1, *)
    var blockA = operands[0].count / outer
    var channelsA = operands[0].channels
    var configs: [ConfigStruct] = []
    for k in 1..<operands.count {
      var config = ConfigStruct(name: output.id + "_config\(k)")
      let blockB = operands[k].count / outer
      config.int("outer", outer)
      config.int("block_a", blockA)
      config.int("block_b", blockB)
      config.int("p", output.beats)
      config.int("c_a", channelsA)
      config.int("c_b", operands[k].channels)
      configs.append(config)
      blockA += blockB
      channelsA += operands[k].channels
    }
    return configs
  }

  /// The pairwise calls of concat, with the intermediate arrays or streams they need.
  func concat(_ inputs: [String], _ y: String, stream: Bool) -> LayerCode {
    var code = LayerCode()
    let configs = concatConfigs()
    var previous = inputs[0]
    var previousType = operands[0].type
    for k in 1..<operands.count {
      let last = k == operands.count - 1
      let target = last ? y : output.id + "_part\(k)"
      if !last {
        if stream {
          let channels = operands[...k].reduce(0) { $0 + $1.channels }
          code.locals.append(
            LocalDeclaration(
              name: target,
              declaration:
                "hls::stream<etch::beat<\(output.type), \(channels)> > \(target)(\"\(target)\");"))
        } else {
          let count = operands[...k].reduce(0) { $0 + $1.count }
          code.locals.append(
            LocalDeclaration(name: target, declaration: "\(output.type) \(target)[\(count)];"))
        }
      }
      let types = "<\(previousType), \(operands[k].type), \(output.type), \(configs[k - 1].name)>"
      code.statements.append(
        call(stream ? "concat2_stream" : "concat2", types, [previous, inputs[k], target]))
      previous = target
      previousType = output.type
    }
    return code
  }
}
