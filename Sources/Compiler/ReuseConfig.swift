/// The `reuse` section of a precision config: how many products each multiplier of a
/// dense, convolution or matmul layer computes.
///
/// A reuse factor `R` builds `1/R` of a layer's multipliers and runs each `R` times, so the
/// layer's initiation interval grows `R`-fold while its DSPs shrink `R`-fold (hls4ml's
/// `ReuseFactor`). `etch budget --fit` writes this section; the HLS emitter and the cost
/// model read it. Layers are named by their node in the model (`conv2`), not by the op a
/// fused activation renames (`act2`):
///
///     "reuse": {"default": 4, "layers": {"conv2": 16, "fc1": 1}}
///
/// `default` applies to every multiply-accumulate layer `layers` does not name; without it
/// the command line's `--reuse` (else 1) applies.
public struct ReuseConfig: Sendable, Equatable {
  /// `default`: the reuse factor of layers not named in `layers`.
  public var defaultFactor: Int?
  /// `layers`: node name → its reuse factor.
  public var layers: [String: Int]

  /// Creates a reuse section; the empty one changes nothing.
  public init(defaultFactor: Int? = nil, layers: [String: Int] = [:]) {
    self.defaultFactor = defaultFactor
    self.layers = layers
  }

  /// Whether the section sets nothing (and is left out when a config is written).
  public var isEmpty: Bool { defaultFactor == nil && layers.isEmpty }

  /// The largest reuse factor a config may give: far beyond any layer's product count, low
  /// enough that cycle counts stay exact integers.
  public static let maxFactor = 1 << 24

  /// The per-layer factors keyed by the name of the FixedIR op that computes each layer:
  /// a layer whose activation was fused is computed by an op named after the activation.
  ///
  ///     // fusedActivations ["conv2": "act2"], layers ["conv2": 16] → ["act2": 16]
  public func opFactors(fusedActivations: [String: String]) -> [String: Int] {
    Dictionary(
      layers.map { (fusedActivations[$0.key] ?? $0.key, $0.value) },
      uniquingKeysWith: { a, _ in a })
  }

  /// The inverse of `opFactors`: op-keyed factors back to node names, for writing a config.
  public static func layers(
    fromOpFactors factors: [String: Int], fusedActivations: [String: String]
  ) -> [String: Int] {
    let layerOfOp = Dictionary(
      fusedActivations.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })
    return Dictionary(
      factors.map { (layerOfOp[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
  }
}
