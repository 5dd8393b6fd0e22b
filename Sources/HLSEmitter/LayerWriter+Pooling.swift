import FixedIR
import ModelFormat

extension LayerWriter {
  /// maxpool2d, avgpool2d and global_avgpool2d: the window, the exact sum's type and the
  /// reciprocal constant.
  func poolingConfig() -> ConfigStruct {
    var config = ConfigStruct(name: configName)
    config.int("in_c", input.shape[0])
    switch op.kind {
    case .globalAvgpool2d(let reciprocal):
      config.int("pixels", input.count / input.shape[0])
      config.type("sum_t", output.id + "_sum_t")
      config.type("k_t", constantType(reciprocal))
    case .maxpool2d(let p), .avgpool2d(let p, _):
      let fields: [(String, Int)] = [
        ("in_h", input.shape[1]), ("in_w", input.shape[2]), ("out_h", output.shape[1]),
        ("out_w", output.shape[2]), ("k_h", p.kernel.h), ("k_w", p.kernel.w),
        ("stride_h", p.stride.h), ("stride_w", p.stride.w), ("pad_h", p.padding.h),
        ("pad_w", p.padding.w),
      ]
      for (field, value) in fields { config.int(field, value) }
      config.int("reuse_factor", reuse)
      if case .avgpool2d(_, let reciprocal) = op.kind {
        config.int("is_max", 0)
        config.type("sum_t", output.id + "_sum_t")
        config.type("k_t", constantType(reciprocal))
      } else {
        config.int("is_max", 1)
        config.type("sum_t", input.type)
        config.type("k_t", constantType(nil))
      }
    default:
      break
    }
    return config
  }

  /// The calls of the pooling ops.
  func pooling(_ inputs: [String], _ y: String, stream: Bool) -> LayerCode {
    let suffix = stream ? "_stream" : ""
    switch op.kind {
    case .globalAvgpool2d(let reciprocal):
      return LayerCode(statements: [
        call("global_avgpool" + suffix, unaryArguments, [inputs[0], y, constantArray(reciprocal)])
      ])
    case .avgpool2d(_, let reciprocal):
      return LayerCode(statements: [
        call("pool2d" + suffix, unaryArguments, [inputs[0], y, constantArray(reciprocal)])
      ])
    default:
      return LayerCode(statements: [
        call("pool2d" + suffix, unaryArguments, [inputs[0], y, constantArray(nil)])
      ])
    }
  }
}
