import FixedIR
import FixedPoint
import ModelFormat

extension PrecisionConfig {
  /// The config as the JSON text `init(json:file:)` reads back to an equal config (apart
  /// from `file`): members and keys sorted, two-space indentation, empty sections left out.
  ///
  /// `etch budget --fit --out-config FILE` writes a config this way, carrying over the
  /// formats of the `--config` it started from and adding the fitted `reuse` section, and so
  /// does `etch compile --precision auto` with the formats it found:
  ///
  ///     {
  ///       "precision": "ap_fixed<16,6>",
  ///       "reuse": {
  ///         "default": 1,
  ///         "layers": {
  ///           "conv2": 7
  ///         }
  ///       }
  ///     }
  public var jsonText: String {
    var members: [(String, ConfigText)] = []
    if let precision { members.append(("precision", .string(precision.description))) }
    if let prune { members.append(("prune", .string(prune.description))) }
    if !tables.isEmpty {
      members.append(
        (
          "tables",
          .object(
            tables.map { function, table in
              (function.rawValue, Self.text(entries: table.entries, range: table.range))
            })
        ))
    }
    if !nodes.isEmpty {
      members.append(("nodes", .object(nodes.map { ($0.key, Self.text($0.value)) })))
    }
    if !reuse.isEmpty {
      var section: [(String, ConfigText)] = []
      if let factor = reuse.defaultFactor { section.append(("default", .integer(factor))) }
      if !reuse.layers.isEmpty {
        section.append(("layers", .object(reuse.layers.map { ($0.key, .integer($0.value)) })))
      }
      members.append(("reuse", .object(section)))
    }
    if !tensors.isEmpty {
      members.append(("tensors", .object(tensors.map { ($0.key, .string($0.value.description)) })))
    }
    return ConfigText.object(members).rendered(indent: "") + "\n"
  }

  private static func text(_ node: NodeConfig) -> ConfigText {
    let formats: [(String, FixedFormat?)] = [
      ("result", node.result), ("weight", node.weight), ("bias", node.bias),
      ("accumulator", node.accumulator), ("alpha", node.alpha), ("reciprocal", node.reciprocal),
      ("scale", node.scale), ("shift", node.shift), ("exp", node.exp),
    ]
    var members = formats.compactMap { key, format in
      format.map { (key, ConfigText.string($0.description)) }
    }
    if let entries = node.tableEntries { members.append(("table_entries", .integer(entries))) }
    if let range = node.tableRange { members.append(("table_range", rangeText(range))) }
    if let entries = node.reciprocalEntries {
      members.append(("reciprocal_entries", .integer(entries)))
    }
    return .object(members)
  }

  private static func text(entries: Int?, range: Range<Double>?) -> ConfigText {
    var members: [(String, ConfigText)] = []
    if let entries { members.append(("entries", .integer(entries))) }
    if let range { members.append(("range", rangeText(range))) }
    return .object(members)
  }

  private static func rangeText(_ range: Range<Double>) -> ConfigText {
    .inline("[\(range.lowerBound), \(range.upperBound)]")
  }
}

/// JSON text of a config, objects printed with sorted keys.
private indirect enum ConfigText {
  case string(String)
  case integer(Int)
  /// Text printed as it is (a short array).
  case inline(String)
  case object([(String, ConfigText)])

  func rendered(indent: String) -> String {
    switch self {
    case .string(let text): return JSONText.quoted(text)
    case .integer(let value): return String(value)
    case .inline(let text): return text
    case .object(let members):
      guard !members.isEmpty else { return "{}" }
      let inner = indent + "  "
      let lines = members.sorted { $0.0 < $1.0 }.map { key, value in
        inner + JSONText.quoted(key) + ": " + value.rendered(indent: inner)
      }
      return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
    }
  }
}
