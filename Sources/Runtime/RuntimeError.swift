import ModelFormat

/// Why the runtime cannot plan a model or run a stream, as one sentence naming the model,
/// node, file or option involved.
public enum RuntimeError: Error, Equatable, CustomStringConvertible {
  /// The model verifier rejected the model.
  case invalidModel(ModelError)
  /// The runtime streams frames of one input; the model has another number.
  case inputCount(model: String, inputs: [String])
  /// A node names a parameter tensor the weights do not hold.
  case missingParameter(model: String, node: String, role: String, tensor: String)
  /// An `.npy` of frames whose trailing axes are not the model's input shape.
  case frameShape(path: String, shape: [Int], expected: [Int])
  /// The `.npy` reader failed.
  case npy(NpyError)
  /// Standard input ended inside a frame.
  case partialFrame(bytes: Int, frameBytes: Int)
  /// A pipeline setting out of range (threads, batch, rate, queue).
  case invalidSetting(name: String, value: String, expected: String)
  /// The output `.npy` could not be written.
  case sink(path: String, reason: String)

  /// The error as one sentence.
  public var description: String {
    switch self {
    case .invalidModel(let error): "\(error)"
    case .inputCount(let model, let inputs):
      "model '\(model)' has \(inputs.count) inputs (\(inputs.joined(separator: ", "))); "
        + "the runtime streams frames of a single-input model"
    case .missingParameter(let model, let node, let role, let tensor):
      "\(model).json: node '\(node)': parameter '\(role)' "
        + (tensor.isEmpty ? "is missing" : "names tensor '\(tensor)', which the weights lack")
    case .frameShape(let path, let shape, let expected):
      "\(path): shape \(shape) does not end in the model's input shape \(expected); give "
        + "frames [..., \(expected.map(String.init).joined(separator: ", "))]"
    case .npy(let error): "\(error)"
    case .partialFrame(let bytes, let frameBytes):
      "standard input ended \(bytes) bytes into a frame of \(frameBytes) bytes; send whole "
        + "float32 frames"
    case .invalidSetting(let name, let value, let expected):
      "invalid \(name) '\(value)'; expected \(expected)"
    case .sink(let path, let reason): "\(path): cannot write the outputs: \(reason)"
    }
  }
}
