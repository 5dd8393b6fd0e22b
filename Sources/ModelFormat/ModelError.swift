/// Everything that can be wrong with a model: its files, its JSON, its graph or its weights.
///
/// One enum for the whole model format, so that callers (the CLI, the compiler's tests)
/// handle one type. Every case carries where the problem is (the file, and the node, field
/// or tensor) and what was expected and found; `ModelError+Description.swift` renders it as
/// one sentence that starts with the file path:
///
///     models/x.json: node 'fc2' (dense): param 'weight' (fc2.weight) has shape [8, 17]
///     but the input 'relu1' has 16 features; expected [out, 16]
///
/// Raising and rendering are kept apart so that tests can match the case and its values.
public enum ModelError: Error, Sendable, Equatable {
  // MARK: Files

  /// A file could not be read (missing, a folder, no permission).
  case unreadableFile(file: String, reason: String)
  /// A file could not be written.
  case unwritableFile(file: String, reason: String)
  /// A file is not valid JSON; `line` and `column` are 1-based.
  case invalidJSON(file: String, line: Int, column: Int, reason: String)

  // MARK: Document structure

  /// A required field is absent.
  case missingField(file: String, at: Location, field: String)
  /// A field holds the wrong kind of value (`"version": "1"`, `"shape": [2.5]`).
  case wrongType(file: String, at: Location, field: String, expected: String, found: String)
  /// A field that the format does not define; `accepted` lists those it does.
  case unknownField(file: String, at: Location, field: String, accepted: [String])
  /// `format` is not `"etch-model"`.
  case unsupportedFormat(file: String, found: String)
  /// `version` is not a version this reader knows (1).
  case unsupportedVersion(file: String, found: String)

  // MARK: Operators and attributes

  /// A node's `op` is not an operator of version 1 (`Op.allNames`).
  case unknownOp(file: String, node: String, op: String)
  /// A node carries an attribute its operator does not take; `accepted` lists those it does.
  case unknownAttribute(
    file: String, node: String, op: String, attribute: String, accepted: [String])
  /// An attribute is missing, of the wrong type or out of range.
  case invalidAttribute(
    file: String, node: String, op: String, attribute: String, expected: String, found: String)

  // MARK: Graph structure

  /// The model has no nodes.
  case emptyGraph(file: String)
  /// Two nodes, two inputs, or a node and an input share a name.
  case duplicateName(file: String, name: String)
  /// A node reads a tensor that no input or node defines.
  case undefinedInput(file: String, node: String, input: String)
  /// A node reads a node defined after it (and that node does not lead back to it).
  case inputUsedBeforeDefinition(file: String, node: String, input: String)
  /// Nodes read each other in a loop: `path` starts and ends at `node`.
  case cycle(file: String, node: String, path: [String])
  /// A node has the wrong number of inputs for its operator.
  case wrongInputCount(
    file: String, node: String, op: String, expected: ClosedRange<Int>, found: Int)
  /// The model lists no outputs.
  case noOutputs(file: String)
  /// An output names neither a node nor a graph input.
  case unknownOutput(file: String, output: String)
  /// An output is listed twice.
  case duplicateOutput(file: String, output: String)

  // MARK: Parameters and weights

  /// A node lacks a parameter role its operator requires.
  case missingParam(file: String, node: String, op: String, role: String)
  /// A node has a parameter role its operator does not take.
  case unknownParam(file: String, node: String, op: String, role: String, accepted: [String])
  /// A parameter names a tensor that the weights file does not hold; `suggestion` is the
  /// closest name it does hold, if any is close.
  case missingTensor(file: String, node: String, role: String, tensor: String, suggestion: String?)
  /// A parameter's shape does not fit the operator and its input.
  case paramShape(
    file: String, node: String, op: String, role: String, tensor: String, found: [Int],
    expected: String)
  /// A weight is NaN or infinite; `index` is the first bad element (C order).
  case nonFiniteWeight(file: String, tensor: String, node: String?, index: Int, value: Float)

  // MARK: Shapes and limits

  /// The shape of a node's input does not fit the operator.
  case inputShape(
    file: String, node: String, op: String, input: String, found: [Int], expected: String)
  /// A dimension, element count or byte size exceeds `ModelLimits` (or overflows).
  case dimensionTooLarge(file: String, at: Location, field: String, found: String, limit: String)

  // MARK: Quantisation formats

  /// A `quant` entry is not an `ap_fixed`/`ap_ufixed`/`ap_int`/`ap_uint` format string.
  case invalidQuantFormat(file: String, key: String, format: String, reason: String)
  /// A `quant` key names no weight tensor, node or graph input.
  case unknownQuantTarget(file: String, key: String)

  // MARK: Safetensors

  /// The file ends before the data it declares (fewer than 8 bytes, or a short data section).
  case truncated(file: String, size: Int, needed: Int)
  /// The 8-byte header length points past the end of the file (or past the header limit).
  case headerLengthOutOfRange(file: String, headerLength: UInt64, available: Int)
  /// The header is not a JSON object of tensor entries.
  case invalidHeader(file: String, reason: String)
  /// A tensor's dtype is not one this reader converts.
  case unsupportedDType(file: String, tensor: String, dtype: String)
  /// A tensor's `data_offsets` are reversed or reach past the data section.
  case offsetsOutOfRange(file: String, tensor: String, begin: Int, end: Int, dataSize: Int)
  /// Two tensors' byte ranges overlap.
  case overlappingTensors(file: String, tensor: String, other: String)
  /// Bytes of the data section belong to no tensor (the format forbids holes).
  case unindexedBytes(file: String, begin: Int, end: Int)
  /// A tensor's byte range does not hold `shape` elements of `dtype`.
  case byteCountMismatch(
    file: String, tensor: String, dtype: String, shape: [Int], expected: Int, found: Int)
}

extension ModelError {
  /// Where in a model file a problem is: the document, a graph input, a node or a tensor.
  ///
  /// Renders as the prefix of the message after the file path: `node 'fc1' (dense)`,
  /// `inputs[2]`, `tensor 'fc1.weight'`; the document itself renders as nothing.
  public enum Location: Sendable, Equatable, Hashable {
    /// The top-level object.
    case model
    /// A graph input, by name.
    case graphInput(String)
    /// A graph input whose name is not known (yet), by position.
    case graphInputIndex(Int)
    /// A node, by name, with its operator's name once known.
    case node(String, op: String?)
    /// A node whose name is not known (yet), by position.
    case nodeIndex(Int)
    /// A tensor of a safetensors file, by name.
    case tensor(String)
  }

  /// The file the error is about: the model JSON, the weights file, or the file written.
  public var file: String {
    switch self {
    case .unreadableFile(let file, _), .unwritableFile(let file, _),
      .invalidJSON(let file, _, _, _), .missingField(let file, _, _),
      .wrongType(let file, _, _, _, _), .unknownField(let file, _, _, _),
      .unsupportedFormat(let file, _), .unsupportedVersion(let file, _),
      .unknownOp(let file, _, _), .unknownAttribute(let file, _, _, _, _),
      .invalidAttribute(let file, _, _, _, _, _), .emptyGraph(let file),
      .duplicateName(let file, _), .undefinedInput(let file, _, _),
      .inputUsedBeforeDefinition(let file, _, _), .cycle(let file, _, _),
      .wrongInputCount(let file, _, _, _, _), .noOutputs(let file),
      .unknownOutput(let file, _), .duplicateOutput(let file, _),
      .missingParam(let file, _, _, _), .unknownParam(let file, _, _, _, _),
      .missingTensor(let file, _, _, _, _), .paramShape(let file, _, _, _, _, _, _),
      .nonFiniteWeight(let file, _, _, _, _), .inputShape(let file, _, _, _, _, _),
      .dimensionTooLarge(let file, _, _, _, _), .invalidQuantFormat(let file, _, _, _),
      .unknownQuantTarget(let file, _), .truncated(let file, _, _),
      .headerLengthOutOfRange(let file, _, _), .invalidHeader(let file, _),
      .unsupportedDType(let file, _, _), .offsetsOutOfRange(let file, _, _, _, _),
      .overlappingTensors(let file, _, _), .unindexedBytes(let file, _, _),
      .byteCountMismatch(let file, _, _, _, _, _):
      file
    }
  }
}
