/// A trained model: its graph, its weights and any formats that training pinned.
///
/// This is the in-memory form of model format v1 (`NAME.json` + `NAME.safetensors`, see
/// docs/model-format.md). The graph is a list of nodes in definition order; every node's
/// inputs are defined before it. Formats in `quant` stay strings here (`ap_fixed<8,1>`):
/// the model format does not interpret them, the compiler does.
public struct Model: Sendable, Equatable {
  /// A graph input: a name and its shape without the batch dimension.
  public struct Input: Sendable, Equatable {
    /// The tensor's name, read by nodes' `inputs`.
    public var name: String
    /// The shape of one frame, PyTorch layout (`[C]`, `[C, L]`, `[C, H, W]`).
    public var shape: [Int]

    /// Creates a graph input.
    public init(name: String, shape: [Int]) {
      self.name = name
      self.shape = shape
    }
  }

  /// The model's name, also the stem of its files.
  public var name: String
  /// The graph inputs, in order.
  public var inputs: [Input]
  /// Names of the tensors the model returns, in order.
  public var outputs: [String]
  /// The nodes in definition order.
  public var nodes: [Node]
  /// Weight tensors by name, as stored in the safetensors file.
  public var weights: [String: Tensor]
  /// Tensor or node name → an HLS format string pinned by quantisation-aware training.
  public var quant: [String: String]

  /// Creates a model from its parts; `ModelVerifier` checks that they fit together.
  public init(
    name: String, inputs: [Input], outputs: [String], nodes: [Node],
    weights: [String: Tensor], quant: [String: String] = [:]
  ) {
    self.name = name
    self.inputs = inputs
    self.outputs = outputs
    self.nodes = nodes
    self.weights = weights
    self.quant = quant
  }

  /// The node that produces `name`, if any.
  public func node(named name: String) -> Node? {
    nodes.first { $0.name == name }
  }
}
