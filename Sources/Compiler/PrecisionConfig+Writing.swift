import FixedIR
import FixedPoint

extension PrecisionConfig {
  /// The config as the JSON text of a config file, keys sorted, so that reading it back
  /// gives an equal config (`init(json:file:)`): how `etch compile --precision auto` saves
  /// what it found for `etch compile --config` to reproduce.
  ///
  ///     PrecisionConfig(file: "x", nodes: ["fc1": NodeConfig(weight: w8)]).jsonText
  ///     // {\n  "nodes": {\n    "fc1": {"weight": "ap_fixed<8,1>"}\n  }\n}\n
  public var jsonText: String {
    var members: [String] = []
    if let precision { members.append("  \"precision\": \(Self.quoted(precision.description))") }
    if let prune { members.append("  \"prune\": \(Self.quoted(prune.description))") }
    if !tensors.isEmpty {
      let lines = tensors.sorted { $0.key < $1.key }.map { name, format in
        "    \(Self.quoted(name)): \(Self.quoted(format.description))"
      }
      members.append("  \"tensors\": {\n" + lines.joined(separator: ",\n") + "\n  }")
    }
    if !nodes.isEmpty {
      let lines = nodes.sorted { $0.key < $1.key }.map { name, node in
        "    \(Self.quoted(name)): {" + Self.fields(of: node).joined(separator: ", ") + "}"
      }
      members.append("  \"nodes\": {\n" + lines.joined(separator: ",\n") + "\n  }")
    }
    if !tables.isEmpty {
      let lines = tables.sorted { $0.key.rawValue < $1.key.rawValue }.map { function, table in
        var fields: [String] = []
        if let entries = table.entries { fields.append("\"entries\": \(entries)") }
        if let range = table.range { fields.append("\"range\": \(Self.range(range))") }
        return "    \(Self.quoted(function.rawValue)): {" + fields.joined(separator: ", ") + "}"
      }
      members.append("  \"tables\": {\n" + lines.joined(separator: ",\n") + "\n  }")
    }
    return "{\n" + members.joined(separator: ",\n") + "\n}\n"
  }

  /// The `"key": value` members of a node's entry, in the documented order.
  private static func fields(of node: NodeConfig) -> [String] {
    let formats: [(String, FixedFormat?)] = [
      ("result", node.result), ("weight", node.weight), ("bias", node.bias),
      ("accumulator", node.accumulator), ("alpha", node.alpha), ("reciprocal", node.reciprocal),
      ("scale", node.scale), ("shift", node.shift), ("exp", node.exp),
    ]
    var fields = formats.compactMap { key, format in
      format.map { "\"\(key)\": \(quoted($0.description))" }
    }
    if let n = node.tableEntries { fields.append("\"table_entries\": \(n)") }
    if let r = node.tableRange { fields.append("\"table_range\": \(range(r))") }
    if let n = node.reciprocalEntries { fields.append("\"reciprocal_entries\": \(n)") }
    return fields
  }

  private static func range(_ r: Range<Double>) -> String {
    "[\(r.lowerBound), \(r.upperBound)]"
  }

  private static func quoted(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      default:
        if scalar.value < 0x20 {
          out +=
            "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
            + String(scalar.value, radix: 16)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
