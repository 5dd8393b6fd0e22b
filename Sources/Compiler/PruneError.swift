/// Why a prune spec or a pruning pass cannot be applied.
///
///     PruneError.unknownLayer(name: "fc9", valid: ["fc1", "fc2"]).description
///     // prune spec names layer 'fc9', which is not a dense or conv layer of the model; ...
public enum PruneError: Error, Equatable, CustomStringConvertible {
  /// A step of `--prune` that does not parse.
  case badSpec(spec: String, step: String, reason: String)
  /// `layer:NAME=S` names no dense or conv layer.
  case unknownLayer(name: String, valid: [String])

  /// One sentence saying what is wrong and what to write instead.
  public var description: String {
    switch self {
    case .badSpec(let spec, let step, let reason):
      "prune spec '\(spec)': step '\(step)' \(reason); write steps such as 'global:0.5', "
        + "'layer:fc1=0.8', 'threshold:0.01' or 'channels:0.25', joined by commas"
    case .unknownLayer(let name, let valid):
      "prune spec names layer '\(name)', which is not a dense or conv layer of the model; "
        + "layers: \(valid.joined(separator: ", "))"
    }
  }
}
