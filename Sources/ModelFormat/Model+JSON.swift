/// The JSON half of model format v1: the graph document, read and written.
///
/// Reading checks the document's structure (fields, types, operators, attributes) and leaves
/// the graph's meaning (names, order, shapes, weights) to `ModelVerifier`. Writing is
/// deterministic: fields in the order of docs/model-format.md, one node per line, only
/// attributes that differ from their defaults.
extension Model {
  /// The top-level fields of a model file, in the order they are written.
  static let documentFields = [
    "format", "version", "name", "weights", "inputs", "outputs", "nodes", "quant",
  ]

  /// The fields of a node that are not attributes.
  static let nodeFields = ["name", "op", "inputs", "params"]

  /// Parses a model document; the weights stay empty. Returns the `weights` field too.
  static func decode(
    json bytes: [UInt8], file: String
  ) throws(ModelError) -> (model: Model, weightsFile: String?) {
    let json: JSONValue
    do {
      json = try JSONValue.parse(bytes)
    } catch {
      throw .invalidJSON(file: file, line: error.line, column: error.column, reason: error.reason)
    }
    let top = try ObjectReader(json, file: file, at: .model, field: "(document)")
    try top.rejectUnknown(accepting: documentFields)
    let format = try top.required("format")
    guard format == .string("etch-model") else {
      throw .unsupportedFormat(file: file, found: format.summary)
    }
    let version = try top.required("version")
    guard version == .integer(1) else {
      throw .unsupportedVersion(file: file, found: version.summary)
    }
    let name = try top.string("name")
    let weightsFile = try top.optionalString("weights")
    var inputs: [Input] = []
    for (index, value) in try top.objects("inputs").enumerated() {
      inputs.append(try decodeInput(value, index: index, file: file))
    }
    let outputs = try top.strings("outputs")
    var nodes: [Node] = []
    for (index, value) in try top.objects("nodes").enumerated() {
      nodes.append(try decodeNode(value, index: index, file: file))
    }
    let quant = try top.stringMap("quant")
    if weightsFile == nil, nodes.contains(where: { !$0.params.isEmpty }) {
      throw .missingField(file: file, at: .model, field: "weights")
    }
    let model = Model(
      name: name, inputs: inputs, outputs: outputs, nodes: nodes, weights: [:], quant: quant)
    return (model, weightsFile)
  }

  private static func decodeInput(
    _ value: JSONValue, index: Int, file: String
  ) throws(ModelError) -> Input {
    var object = try ObjectReader(
      value, file: file, at: .graphInputIndex(index), field: "inputs[\(index)]")
    let name = try object.string("name")
    object = object.located(.graphInput(name))
    try object.rejectUnknown(accepting: ["name", "shape"])
    return Input(name: name, shape: try object.shape("shape"))
  }

  private static func decodeNode(
    _ value: JSONValue, index: Int, file: String
  ) throws(ModelError) -> Node {
    var object = try ObjectReader(
      value, file: file, at: .nodeIndex(index), field: "nodes[\(index)]")
    let name = try object.string("name")
    object = object.located(.node(name, op: nil))
    let opName = try object.string("op")
    guard Op.allNames.contains(opName) else {
      throw .unknownOp(file: file, node: name, op: opName)
    }
    object = object.located(.node(name, op: opName))
    var attributes: [String: JSONValue] = [:]
    for member in object.members where !nodeFields.contains(member.key) {
      attributes[member.key] = member.value
    }
    let op = try Op.parse(name: opName, attributes: attributes, node: name, file: file)
    return Node(
      name: name, op: op, inputs: try object.strings("inputs"),
      params: try object.stringMap("params"))
  }

  /// The model document as JSON text, `weightsFile` in its `weights` field.
  ///
  /// One node per line, keys in a fixed order, params in role order, quant sorted by key,
  /// attributes only where they differ from their defaults; ends with a newline.
  func jsonText(weightsFile: String) -> String {
    func quoted(_ s: String) -> String { JSONValue.quoted(s) }
    func names(_ list: [String]) -> String { JSONValue.array(list.map { .string($0) }).rendered }
    func map(_ dictionary: [String: String]) -> JSONValue {
      .object(dictionary.keys.sorted().map { .init(key: $0, value: .string(dictionary[$0] ?? "")) })
    }
    var lines = [
      "{",
      "  \"format\": \"etch-model\",",
      "  \"version\": 1,",
      "  \"name\": \(quoted(name)),",
      "  \"weights\": \(quoted(weightsFile)),",
    ]
    let inputList = inputs.map { input in
      JSONValue.object([
        .init(key: "name", value: .string(input.name)),
        .init(key: "shape", value: .array(input.shape.map { .integer($0) })),
      ])
    }
    lines.append("  \"inputs\": \(JSONValue.array(inputList).rendered),")
    lines.append("  \"outputs\": \(names(outputs)),")
    lines.append("  \"nodes\": [")
    for (index, node) in nodes.enumerated() {
      var members: [JSONValue.Member] = [
        .init(key: "name", value: .string(node.name)),
        .init(key: "op", value: .string(node.op.name)),
        .init(key: "inputs", value: .array(node.inputs.map { .string($0) })),
      ]
      members += node.op.nonDefaultAttributes
      if !node.params.isEmpty {
        let params = node.orderedParams.map {
          JSONValue.Member(key: $0.role, value: .string($0.tensor))
        }
        members.append(.init(key: "params", value: .object(params)))
      }
      let comma = index == nodes.count - 1 ? "" : ","
      lines.append("    \(JSONValue.object(members).rendered)\(comma)")
    }
    lines.append(quant.isEmpty ? "  ]" : "  ],")
    if !quant.isEmpty {
      lines.append("  \"quant\": \(map(quant).rendered)")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }
}

extension Node {
  /// The node's params in the operator's role order (`weight`, `bias`, `running_mean`,
  /// `running_var`), then any other roles sorted, for deterministic output.
  var orderedParams: [(role: String, tensor: String)] {
    let roles = op.requiredParams + op.optionalParams
    let known = roles.filter { params[$0] != nil }
    let others = params.keys.filter { !roles.contains($0) }.sorted()
    return (known + others).map { ($0, params[$0] ?? "") }
  }
}
