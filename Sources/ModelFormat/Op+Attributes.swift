/// The attribute schema of every operator: names, defaults, parsing, and writing.
///
/// Reading applies the defaults of docs/model-format.md and normalises spellings
/// (`"padding": 1` becomes four sides); writing emits only attributes that differ from their
/// defaults, in a fixed order and a canonical spelling, so that `read(write(op)) == op`.
extension Op {
  /// The attributes operator `name` takes, in the order they are written.
  ///
  ///     Op.attributeNames(of: "conv2d")  // ["stride", "padding", "dilation", "groups"]
  public static func attributeNames(of name: String) -> [String] {
    switch name {
    case "conv1d", "conv2d": ["stride", "padding", "dilation", "groups"]
    case "batchnorm": ["eps"]
    case "leaky_relu": ["alpha"]
    case "softmax", "concat": ["axis"]
    case "maxpool2d", "avgpool2d": ["kernel", "stride", "padding"]
    case "upsample2d": ["scale", "mode"]
    case "reshape": ["shape"]
    case "transpose": ["perm"]
    default: []
    }
  }

  /// The parameter roles operator `name` requires (`Op.requiredParams` by name).
  public static func requiredParams(of name: String) -> [String] {
    switch name {
    case "dense", "conv1d", "conv2d": ["weight"]
    case "batchnorm": ["weight", "bias", "running_mean", "running_var"]
    default: []
    }
  }

  /// The parameter roles operator `name` accepts without requiring them.
  public static func optionalParams(of name: String) -> [String] {
    switch name {
    case "dense", "conv1d", "conv2d": ["bias"]
    default: []
    }
  }

  /// Builds operator `name` from a node's attribute values, with defaults for absent ones.
  ///
  /// Throws `unknownOp`, `unknownAttribute` (naming what the operator accepts) or
  /// `invalidAttribute`, each naming `file` and `node`.
  static func parse(
    name: String, attributes: [String: JSONValue], node: String, file: String
  ) throws(ModelError) -> Op {
    guard allNames.contains(name) else { throw .unknownOp(file: file, node: node, op: name) }
    let accepted = attributeNames(of: name)
    if let unknown = attributes.keys.sorted().first(where: { !accepted.contains($0) }) {
      throw .unknownAttribute(
        file: file, node: node, op: name, attribute: unknown, accepted: accepted)
    }
    let a = AttributeReader(file: file, node: node, op: name, values: attributes)
    switch name {
    case "conv1d":
      let padding = try a.padding1D("padding")
      return .conv1d(
        Convolution1D(
          stride: try a.positive("stride", default: 1), padLeft: padding.left,
          padRight: padding.right, dilation: try a.positive("dilation", default: 1),
          groups: try a.positive("groups", default: 1)))
    case "conv2d":
      return .conv2d(
        Convolution2D(
          stride: try a.pair("stride", default: Pair(1, 1), minimum: 1),
          padding: try a.padding2D("padding"),
          dilation: try a.pair("dilation", default: Pair(1, 1), minimum: 1),
          groups: try a.positive("groups", default: 1)))
    case "batchnorm": return .batchnorm(eps: try a.float("eps", default: 1e-5, minimum: 0))
    case "leaky_relu":
      return .leakyRelu(alpha: try a.float("alpha", default: 0.01, minimum: -.infinity))
    case "softmax": return .softmax(axis: try a.axis("axis", default: -1))
    case "maxpool2d", "avgpool2d":
      let kernel = try a.pair("kernel", default: nil, minimum: 1)
      let pooling = Pooling2D(
        kernel: kernel, stride: try a.pair("stride", default: kernel, minimum: 1),
        padding: try a.pair("padding", default: Pair(0, 0), minimum: 0))
      return name == "maxpool2d" ? .maxpool2d(pooling) : .avgpool2d(pooling)
    case "upsample2d":
      return .upsample2d(
        scale: try a.pair("scale", default: Pair(2, 2), minimum: 1), mode: try a.mode("mode"))
    case "reshape": return .reshape(shape: try reshapeTarget(a, node: node, file: file))
    case "concat": return .concat(axis: try a.axis("axis", default: 0))
    case "transpose":
      return .transpose(
        perm: try a.list(
          "perm", range: -ModelLimits.maximumRank...ModelLimits.maximumRank,
          expected: "an array of axes"))
    default: return try simpleOp(name)
    }
  }

  private static func reshapeTarget(
    _ a: AttributeReader, node: String, file: String
  ) throws(ModelError) -> [Int] {
    let expected = "an array of positive integers with at most one -1"
    let shape = try a.list("shape", range: -1...Int.max, expected: expected)
    guard !shape.isEmpty, !shape.contains(0), shape.filter({ $0 == -1 }).count <= 1 else {
      throw a.invalid("shape", expected: expected, found: ModelLimits.render(shape))
    }
    if let (found, limit) = ModelLimits.violation(shape.map { max($0, 1) }) {
      throw .dimensionTooLarge(
        file: file, at: .node(node, op: "reshape"), field: "shape", found: found, limit: limit)
    }
    return shape
  }

  private static func simpleOp(_ name: String) throws(ModelError) -> Op {
    switch name {
    case "dense": .dense
    case "relu": .relu
    case "sigmoid": .sigmoid
    case "tanh": .tanh
    case "global_avgpool2d": .globalAvgpool2d
    case "flatten": .flatten
    case "add": .add
    case "mul": .mul
    case "matmul": .matmul
    case "dropout": .dropout
    default: .identity
    }
  }

  /// The attributes that differ from their defaults, canonically spelled, in schema order.
  ///
  ///     Op.conv2d(Convolution2D(stride: Pair(2, 2))).nonDefaultAttributes
  ///     // [stride: [2, 2]]
  var nonDefaultAttributes: [JSONValue.Member] {
    func int(_ v: Int) -> JSONValue { .integer(v) }
    func pair(_ p: Pair) -> JSONValue { .array([int(p.h), int(p.w)]) }
    func list(_ v: [Int]) -> JSONValue { .array(v.map(int)) }
    var out: [(String, JSONValue?)] = []
    switch self {
    case .conv1d(let c):
      let symmetric = c.padLeft == c.padRight
      let padding = symmetric ? int(c.padLeft) : list([c.padLeft, c.padRight])
      out = [
        ("stride", c.stride == 1 ? nil : int(c.stride)),
        ("padding", symmetric && c.padLeft == 0 ? nil : padding),
        ("dilation", c.dilation == 1 ? nil : int(c.dilation)),
        ("groups", c.groups == 1 ? nil : int(c.groups)),
      ]
    case .conv2d(let c):
      let p = c.padding
      let symmetric = p.top == p.bottom && p.left == p.right
      let padding = symmetric ? list([p.top, p.left]) : list([p.top, p.left, p.bottom, p.right])
      out = [
        ("stride", c.stride == Pair(1, 1) ? nil : pair(c.stride)),
        ("padding", p.isZero ? nil : padding),
        ("dilation", c.dilation == Pair(1, 1) ? nil : pair(c.dilation)),
        ("groups", c.groups == 1 ? nil : int(c.groups)),
      ]
    case .batchnorm(let eps): out = [("eps", eps == 1e-5 ? nil : .number(eps))]
    case .leakyRelu(let alpha): out = [("alpha", alpha == 0.01 ? nil : .number(alpha))]
    case .softmax(let axis): out = [("axis", axis == -1 ? nil : int(axis))]
    case .maxpool2d(let p), .avgpool2d(let p):
      out = [
        ("kernel", pair(p.kernel)), ("stride", p.stride == p.kernel ? nil : pair(p.stride)),
        ("padding", p.padding == Pair(0, 0) ? nil : pair(p.padding)),
      ]
    case .upsample2d(let scale, let mode):
      out = [
        ("scale", scale == Pair(2, 2) ? nil : pair(scale)),
        ("mode", mode == .nearest ? nil : .string(mode.rawValue)),
      ]
    case .reshape(let shape): out = [("shape", list(shape))]
    case .concat(let axis): out = [("axis", axis == 0 ? nil : int(axis))]
    case .transpose(let perm): out = [("perm", list(perm))]
    default: out = []
    }
    return out.compactMap { key, value in value.map { JSONValue.Member(key: key, value: $0) } }
  }
}
