import Foundation

/// Renders a `ModelError` as one sentence a user can act on, starting with the file path.
///
///     x.json: node 'fc1' (dense): unknown attribute 'stride'; dense takes no attributes
extension ModelError: CustomStringConvertible, LocalizedError {
  /// The one-sentence message: `FILE: [WHERE: ]WHAT, and what was expected.`
  public var description: String {
    "\(file): \(message)"
  }

  /// The same sentence as `description`, for Foundation's error reporting.
  public var errorDescription: String? { description }

  /// The sentence without the file: where in the file, what was found and what was expected.
  public var message: String {
    switch self {
    case .unreadableFile(_, let reason):
      "cannot read the file: \(reason)"
    case .unwritableFile(_, let reason):
      "cannot write the file: \(reason)"
    case .invalidJSON(_, let line, let column, let reason):
      "line \(line), column \(column): not valid JSON: \(reason)"
    case .missingField(_, let at, let field):
      "\(at.prefix)missing required field '\(field)'"
    case .wrongType(_, let at, let field, let expected, let found):
      "\(at.prefix)field '\(field)' must be \(expected), found \(found)"
    case .unknownField(_, let at, let field, let accepted):
      "\(at.prefix)unknown field '\(field)'; expected one of \(list(accepted))"
    case .unsupportedFormat(_, let found):
      "field 'format' must be \"etch-model\", found \(found)"
    case .unsupportedVersion(_, let found):
      "field 'version' must be 1 (the only version this reader knows), found \(found)"
    case .unknownOp(_, let node, let op):
      "node '\(node)': unknown op '\(op)'; expected one of \(list(Op.allNames))"
    case .unknownAttribute(_, let node, let op, let attribute, let accepted):
      "node '\(node)' (\(op)): unknown attribute '\(attribute)'; "
        + (accepted.isEmpty ? "\(op) takes no attributes" : "\(op) takes \(list(accepted))")
    case .invalidAttribute(_, let node, let op, let attribute, let expected, let found):
      "node '\(node)' (\(op)): attribute '\(attribute)' must be \(expected), found \(found)"
    case .emptyGraph:
      "the model has no nodes; field 'nodes' must list at least one"
    case .duplicateName(_, let name):
      "the name '\(name)' is defined twice; node and input names must be unique"
    case .undefinedInput(_, let node, let input):
      "node '\(node)': input '\(input)' names no graph input or node"
    case .inputUsedBeforeDefinition(_, let node, let input):
      "node '\(node)': input '\(input)' is used before its definition; "
        + "list node '\(input)' before node '\(node)'"
    case .cycle(_, let node, let path):
      "node '\(node)': cycle \(path.map { "'\($0)'" }.joined(separator: " -> ")); "
        + "a node cannot depend on its own output"
    case .wrongInputCount(_, let node, let op, let expected, let found):
      "node '\(node)' (\(op)): has \(found) input\(found == 1 ? "" : "s"); "
        + "expected \(count(expected))"
    case .noOutputs:
      "field 'outputs' is empty; list at least one node or input name"
    case .unknownOutput(_, let output):
      "output '\(output)' names no node or graph input"
    case .duplicateOutput(_, let output):
      "output '\(output)' is listed twice in field 'outputs'"
    case .missingParam(_, let node, let op, let role):
      "node '\(node)' (\(op)): missing param '\(role)'; \(op) requires "
        + list(Op.requiredParams(of: op))
    case .unknownParam(_, let node, let op, let role, let accepted):
      "node '\(node)' (\(op)): unknown param '\(role)'; "
        + (accepted.isEmpty ? "\(op) takes no params" : "\(op) takes \(list(accepted))")
    case .missingTensor(_, let node, let role, let tensor, let suggestion):
      "node '\(node)': param '\(role)' names tensor '\(tensor)', which the weights file "
        + "does not hold" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
    case .paramShape(_, let node, let op, let role, let tensor, let found, let expected):
      "node '\(node)' (\(op)): param '\(role)' (\(tensor)) has shape \(shape(found)); "
        + "expected \(expected)"
    case .nonFiniteWeight(_, let tensor, let node, let index, let value):
      "\(node.map { "node '\($0)': " } ?? "")tensor '\(tensor)' holds \(value) at index "
        + "\(index); weights must be finite numbers"
    case .inputShape(_, let node, let op, let input, let found, let expected):
      "node '\(node)' (\(op)): input '\(input)' has shape \(shape(found)); expected \(expected)"
    case .dimensionTooLarge(_, let at, let field, let found, let limit):
      "\(at.prefix)field '\(field)': \(found) is too large; the limit is \(limit)"
    case .invalidQuantFormat(_, let key, let format, let reason):
      "quant '\(key)': \"\(format)\" is not a format: \(reason); expected "
        + "ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<...>, ap_int<W> or ap_uint<W>"
    case .unknownQuantTarget(_, let key):
      "quant '\(key)' names no weight tensor, node or graph input"
    case .truncated(_, let size, let needed):
      "the file is truncated: it has \(size) bytes but needs \(needed)"
    case .headerLengthOutOfRange(_, let headerLength, let available):
      "the header length \(headerLength) reaches past the end of the file; "
        + "at most \(available) bytes are available"
    case .invalidHeader(_, let reason):
      "the safetensors header is invalid: \(reason)"
    case .unsupportedDType(_, let tensor, let dtype):
      "tensor '\(tensor)': unsupported dtype '\(dtype)'; expected one of "
        + list(SafeTensors.DType.allCases.map(\.rawValue))
    case .offsetsOutOfRange(_, let tensor, let begin, let end, let dataSize):
      "tensor '\(tensor)': data_offsets [\(begin), \(end)] are outside the data section of "
        + "\(dataSize) bytes; expected 0 <= begin <= end <= \(dataSize)"
    case .overlappingTensors(_, let tensor, let other):
      "tensor '\(tensor)': its data_offsets overlap those of tensor '\(other)'"
    case .unindexedBytes(_, let begin, let end):
      "data bytes \(begin)..<\(end) belong to no tensor; the format forbids holes"
    case .byteCountMismatch(_, let tensor, let dtype, let dims, let expected, let found):
      "tensor '\(tensor)': data_offsets span \(found) bytes but \(dtype) \(shape(dims)) "
        + "needs \(expected)"
    }
  }

  private func list(_ names: [String]) -> String {
    names.joined(separator: ", ")
  }

  private func shape(_ dims: [Int]) -> String {
    "[" + dims.map(String.init).joined(separator: ", ") + "]"
  }

  private func count(_ range: ClosedRange<Int>) -> String {
    if range.lowerBound == range.upperBound { return "\(range.lowerBound)" }
    if range.upperBound == Int.max { return "at least \(range.lowerBound)" }
    return "\(range.lowerBound) to \(range.upperBound)"
  }
}

extension ModelError.Location: CustomStringConvertible {
  /// `node 'fc1' (dense)`, `input 'x'`, `inputs[2]`, `nodes[3]`, `tensor 'w'`, or `model`.
  public var description: String {
    switch self {
    case .model: "model"
    case .graphInput(let name): "input '\(name)'"
    case .graphInputIndex(let index): "inputs[\(index)]"
    case .node(let name, let op): "node '\(name)'" + (op.map { " (\($0))" } ?? "")
    case .nodeIndex(let index): "nodes[\(index)]"
    case .tensor(let name): "tensor '\(name)'"
    }
  }

  /// The location followed by `": "`, or nothing for the top level.
  fileprivate var prefix: String {
    self == .model ? "" : "\(description): "
  }
}
