import FixedIR
import FixedPoint

/// An intermediate array or stream that an op's calls need.
struct LocalDeclaration: Sendable {
  /// The variable's name.
  let name: String
  /// Its declaration statement.
  let declaration: String
}

/// C++ for one op inside a calling function: declarations of intermediate arrays or
/// streams, then statements.
struct LayerCode: Sendable {
  /// Declarations, one each.
  var locals: [LocalDeclaration] = []
  /// Kernel calls, one line each.
  var statements: [String] = []
}

/// Writes one op of the program as kernel calls: its configuration structs, its calls on
/// arrays (`parallel`, and the buffered stages of `stream`), and its calls on streams when
/// the kernel library streams it natively.
///
/// The arguments are expressions naming the operands (arrays or streams) in operand order
/// and the result; constants are the arrays of `firmware/weights/`.
struct LayerWriter {
  let op: FixedOp
  let plan: FirmwarePlan

  var output: TensorInfo { plan.tensor(op.name) }
  var operands: [TensorInfo] { op.inputs.map { plan.tensor($0) } }
  var input: TensorInfo { plan.tensor(op.inputs[0]) }
  var reuse: Int { plan.options.reuse(of: op.name) }
  var configName: String { output.id + "_config" }

  /// The template arguments `<X_t, Y_t, name_config>` of a one-operand kernel.
  var unaryArguments: String { "<\(input.type), \(output.type), \(configName)>" }

  /// The configuration structs the calls use.
  func configs() throws(HLSEmitterError) -> [String] {
    switch op.kind {
    case .dense, .conv1d, .conv2d, .matmul: return [try multiplyAccumulateConfig().text]
    case .maxpool2d, .avgpool2d, .globalAvgpool2d: return [poolingConfig().text]
    case .concat: return concatConfigs().map(\.text)
    case .transpose(let perm): return [try transposeConfig(perm).text]
    case .reshape, .upsample2d: return [layoutConfig().text]
    default: return [elementwiseConfig().text]
    }
  }

  /// The op on arrays.
  func parallel(inputs: [String], output y: String) -> LayerCode {
    switch op.kind {
    case .dense, .conv1d, .conv2d, .matmul: return multiplyAccumulate(inputs, y, stream: false)
    case .maxpool2d, .avgpool2d, .globalAvgpool2d: return pooling(inputs, y, stream: false)
    case .concat: return concat(inputs, y, stream: false)
    case .reshape, .transpose, .upsample2d: return layout(inputs, y, stream: false)
    default: return elementwise(inputs, y, stream: false)
    }
  }

  /// The op on streams, or nil when it needs whole frames (dense, matmul, transpose,
  /// reshapes that change the stream layout, softmax and concat along another axis than 0,
  /// affine of rank 4 and more): the firmware then reads its operands' frames into arrays.
  func stream(inputs: [String], output y: String) -> LayerCode? {
    guard streamsNatively else { return nil }
    switch op.kind {
    case .conv1d, .conv2d: return multiplyAccumulate(inputs, y, stream: true)
    case .maxpool2d, .avgpool2d, .globalAvgpool2d: return pooling(inputs, y, stream: true)
    case .concat: return concat(inputs, y, stream: true)
    case .reshape, .upsample2d: return layout(inputs, y, stream: true)
    default: return elementwise(inputs, y, stream: true)
    }
  }

  /// Whether `stream(inputs:output:)` gives code.
  var streamsNatively: Bool {
    switch op.kind {
    case .dense, .matmul, .transpose: return false
    case .reshape: return input.channels == output.channels
    case .softmax(let axis, _, _, _): return axis == 0 && input.shape.count <= 3
    case .concat(let axis): return axis == 0
    case .affine: return input.shape.count <= 3
    default: return true
    }
  }

  /// A kernel call statement.
  func call(_ kernel: String, _ templateArguments: String, _ arguments: [String]) -> String {
    "etch::\(kernel)\(templateArguments)(\(arguments.joined(separator: ", ")));"
  }

  /// The array of a constant, or `etch::none` when absent.
  func constantArray(_ name: String?) -> String {
    name.map { plan.constantID($0) } ?? "etch::none"
  }

  /// The value type of a constant, or `ap_uint<1>` when absent (the kernel never reads it).
  func constantType(_ name: String?) -> String {
    name.map { plan.constantID($0) + "_t" } ?? "ap_uint<1>"
  }

  /// `ceil(products / reuse)`, at least 1: the multipliers one pipelined step uses.
  func multipliers(_ products: Int) -> Int {
    max(1, (products + reuse - 1) / reuse)
  }

  /// Adds `activation` and `alpha_t` for a fused or standalone activation.
  func addActivation(_ activation: FusedActivation, to config: inout ConfigStruct) {
    switch activation {
    case .none:
      config.int("activation", 0)
      config.type("alpha_t", constantType(nil))
    case .relu:
      config.int("activation", 1)
      config.type("alpha_t", constantType(nil))
    case .leakyRelu(let alpha):
      config.int("activation", 2)
      config.type("alpha_t", constantType(alpha))
    }
  }

  /// The alpha array of an activation.
  func alphaArray(_ activation: FusedActivation) -> String {
    if case .leakyRelu(let alpha) = activation { return constantArray(alpha) }
    return constantArray(nil)
  }
}
