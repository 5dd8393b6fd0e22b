import FixedPoint
import ModelFormat

/// The printable text form of a fixed-point program, for `etch compile --print-ir-after` and
/// compiler tests.
///
/// One line per input, constant and op, every format and attribute written out, so that a
/// test can state "this program in, that program out" as two strings. Constants print their
/// format, shape and an FNV-1a checksum of their raws instead of the values; tables print
/// theirs inline. Constants are listed by name; inputs and ops in program order.
///
///     program tiny
///     %x : ap_fixed<16,6>[16] = input
///     @fc1.bias : ap_fixed<16,6>[64] = constant #5c1a33e0
///     @fc1.weight : ap_fixed<8,1>[64,16] = constant #0b8e21f7
///     %fc1 : ap_fixed<16,6>[64] = dense(%x) weight=@fc1.weight bias=@fc1.bias
///       acc=ap_fixed<28,10> act=relu                       (one line in the output)
///     return %fc1
extension FixedProgram {
  /// The text form, one line each for the header, inputs, constants, ops and outputs.
  public var textForm: String {
    var lines = ["program \(name)"]
    for input in inputs {
      lines.append("\(input.textDeclaration) = input")
    }
    for key in constants.keys.sorted() {
      guard let constant = constants[key] else { continue }
      lines.append(
        "@\(key) : \(constant.format)\(textShape(constant.shape)) = constant "
          + checksumText(constant.raw))
    }
    for op in ops {
      lines.append(op.textForm)
    }
    lines.append("return " + outputs.map { "%\($0)" }.joined(separator: ", "))
    return lines.joined(separator: "\n") + "\n"
  }
}

extension FixedOp {
  /// The op's line of the text form: `%out : format[shape] = kind(%inputs) attributes`.
  ///
  ///     %p1 : ap_fixed<16,6>[8,4,4] = maxpool2d(%c1) kernel=[2,2] stride=[2,2] padding=[0,0]
  public var textForm: String {
    let operands = inputs.map { "%\($0)" }.joined(separator: ", ")
    let head = "\(output.textDeclaration) = \(kind.name)(\(operands))"
    let attributes = kind.attributeText
    return attributes.isEmpty ? head : head + " " + attributes.joined(separator: " ")
  }
}

extension FixedOpKind {
  /// Every attribute of the op as `name=value`, in a fixed order: geometry first, then
  /// constants (`@name`), then formats.
  ///
  ///     FixedOpKind.matmul(accumulator: acc).attributeText  // ["acc=ap_fixed<32,12>"]
  public var attributeText: [String] {
    switch self {
    case .dense(let weight, let bias, let acc, let activation):
      return mac(weight: weight, bias: bias, acc: acc, activation: activation)
    case .conv1d(let c, let weight, let bias, let acc, let activation):
      return [
        "stride=\(c.stride)", "padding=[\(c.padLeft),\(c.padRight)]",
        "dilation=\(c.dilation)", "groups=\(c.groups)",
      ] + mac(weight: weight, bias: bias, acc: acc, activation: activation)
    case .conv2d(let c, let weight, let bias, let acc, let activation):
      let p = c.padding
      return [
        "stride=\(pair(c.stride))", "padding=[\(p.top),\(p.left),\(p.bottom),\(p.right)]",
        "dilation=\(pair(c.dilation))", "groups=\(c.groups)",
      ] + mac(weight: weight, bias: bias, acc: acc, activation: activation)
    case .matmul(let acc): return ["acc=\(acc)"]
    case .leakyRelu(let alpha): return ["alpha=@\(alpha)"]
    case .table(let table): return ["table=\(table.textForm)"]
    case .softmax(let axis, let exp, let sum, let reciprocal):
      return [
        "axis=\(axis)", "exp=\(exp.textForm)", "sum=\(sum)",
        "reciprocal=\(reciprocal.textForm)",
      ]
    case .affine(let scale, let shift): return ["scale=@\(scale)", "shift=@\(shift)"]
    case .maxpool2d(let p): return pooling(p)
    case .avgpool2d(let p, let reciprocal): return pooling(p) + ["reciprocal=@\(reciprocal)"]
    case .globalAvgpool2d(let reciprocal): return ["reciprocal=@\(reciprocal)"]
    case .transpose(let perm): return ["perm=\(textShape(perm))"]
    case .upsample2d(let scale): return ["scale=\(pair(scale))"]
    case .concat(let axis): return ["axis=\(axis)"]
    case .relu, .add, .mul, .cast, .reshape: return []
    }
  }

  private func mac(
    weight: String, bias: String?, acc: FixedFormat, activation: FusedActivation
  ) -> [String] {
    ["weight=@\(weight)"] + (bias.map { ["bias=@\($0)"] } ?? []) + [
      "acc=\(acc)", "act=\(activation.textForm)",
    ]
  }

  private func pooling(_ p: Pooling2D) -> [String] {
    ["kernel=\(pair(p.kernel))", "stride=\(pair(p.stride))", "padding=\(pair(p.padding))"]
  }

  private func pair(_ p: Pair) -> String { "[\(p.h),\(p.w)]" }
}

extension FusedActivation {
  /// `none`, `relu` or `leaky_relu(@alpha)`.
  public var textForm: String {
    switch self {
    case .none: "none"
    case .relu: "relu"
    case .leakyRelu(let alpha): "leaky_relu(@\(alpha))"
    }
  }
}

extension LookupTable {
  /// The table in one token: function, entry format and count, index arithmetic, checksum.
  ///
  ///     {sigmoid ap_ufixed<16,0>[1024] shift=4 offset=512 #1f2e3d4c}
  public var textForm: String {
    "{\(function.rawValue) \(format)[\(entries.count)] shift=\(shift) offset=\(offset) "
      + checksumText(entries) + "}"
  }
}

extension FixedTensor {
  /// `%name : format[shape]`.
  var textDeclaration: String { "%\(name) : \(format)\(textShape(shape))" }
}

/// `[a,b,c]`, the shape spelling of the text forms (the float graph's too).
func textShape(_ shape: [Int]) -> String {
  "[" + shape.map(String.init).joined(separator: ",") + "]"
}

/// `#` and the 32-bit FNV-1a hash of the raws' little-endian bytes, as 8 hex digits: enough
/// to see in a diff that values changed without printing them.
func checksumText(_ raws: [Int64]) -> String {
  var hash: UInt32 = 0x811c_9dc5
  for raw in raws {
    var bits = UInt64(bitPattern: raw)
    for _ in 0..<8 {
      hash = (hash ^ UInt32(truncatingIfNeeded: bits & 0xff)) &* 0x0100_0193
      bits >>= 8
    }
  }
  let hex = String(hash, radix: 16)
  return "#" + String(repeating: "0", count: 8 - hex.count) + hex
}
