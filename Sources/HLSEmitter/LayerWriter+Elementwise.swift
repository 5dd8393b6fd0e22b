import FixedIR
import FixedPoint

extension LayerWriter {
  /// cast, relu, leaky_relu, tables, softmax, affine, add and mul: the `[C, P]` view of the
  /// input (`TensorInfo.channels`, `.beats`), and each op's constants.
  func elementwiseConfig() -> ConfigStruct {
    var config = ConfigStruct(name: configName)
    if case .affine = op.kind {
      // Per channel of axis 0, whatever the stream layout (affine streams only at rank ≤ 3,
      // where the two agree).
      config.int("c", input.shape[0])
      config.int("p", input.count / input.shape[0])
    } else {
      config.int("c", input.channels)
      config.int("p", input.beats)
    }
    config.int("reuse_factor", reuse)
    switch op.kind {
    case .relu: addActivation(.relu, to: &config)
    case .leakyRelu(let alpha): addActivation(.leakyRelu(alpha: alpha), to: &config)
    case .table(let table):
      config.int("shift", table.shift)
      config.longLong("offset", table.offset)
      config.int("size", table.entries.count)
    case .softmax(let axis, let exp, _, let reciprocal):
      config.int("outer", input.shape[..<axis].reduce(1, *))
      config.int("length", input.shape[axis])
      config.int("inner", input.shape[(axis + 1)...].reduce(1, *))
      config.type("exp_t", plan.tableID(op: op.name, role: "exp") + "_t")
      config.type("sum_t", output.id + "_sum_t")
      config.type("rec_t", plan.tableID(op: op.name, role: "reciprocal") + "_t")
      config.int("exp_shift", exp.shift)
      config.longLong("exp_offset", exp.offset)
      config.int("exp_size", exp.entries.count)
      config.int("rec_shift", reciprocal.shift)
      config.longLong("rec_offset", reciprocal.offset)
      config.int("rec_size", reciprocal.entries.count)
    case .affine(let scale, let shift):
      config.type("scale_t", constantType(scale))
      config.type("shift_t", constantType(shift))
    case .add, .mul:
      config.int("is_add", op.kind == .add ? 1 : 0)
    default:
      addActivation(.none, to: &config)
    }
    return config
  }

  /// The calls of the element-wise ops.
  func elementwise(_ inputs: [String], _ y: String, stream: Bool) -> LayerCode {
    let suffix = stream ? "_stream" : ""
    let x = inputs[0]
    let statement: String
    switch op.kind {
    case .relu, .cast:
      statement = call("activation" + suffix, unaryArguments, [x, y, constantArray(nil)])
    case .leakyRelu(let alpha):
      statement = call("activation" + suffix, unaryArguments, [x, y, constantArray(alpha)])
    case .table:
      let table = plan.tableID(op: op.name, role: "table")
      statement = call("table" + suffix, unaryArguments, [x, y, table])
    case .softmax:
      let exp = plan.tableID(op: op.name, role: "exp")
      let reciprocal = plan.tableID(op: op.name, role: "reciprocal")
      statement = call("softmax" + suffix, unaryArguments, [x, y, exp, reciprocal])
    case .affine(let scale, let shift):
      statement = call(
        "affine" + suffix, unaryArguments, [x, y, constantArray(scale), constantArray(shift)])
    default:
      let types = "<\(operands[0].type), \(operands[1].type), \(output.type), \(configName)>"
      statement = call("binary" + suffix, types, [x, inputs[1], y])
    }
    return LayerCode(statements: [statement])
  }
}
