import FixedIR
import FixedPoint
import Foundation

extension PrecisionConfig {
  /// The top-level keys of a config file.
  static let topLevelKeys = ["precision", "tensors", "nodes", "tables", "reuse", "prune"]
  /// The keys of a node's entry.
  static let nodeKeys = [
    "result", "weight", "bias", "accumulator", "alpha", "reciprocal", "scale", "shift", "exp",
    "table_entries", "table_range", "reciprocal_entries",
  ]
  /// The keys of a `tables` entry.
  static let tableKeys = ["entries", "range"]
  /// The keys of the `reuse` section.
  static let reuseKeys = ["default", "layers"]

  /// Parses a config from JSON; `file` names it in errors.
  ///
  /// Keys are visited in sorted order, so the first problem reported is always the same.
  ///
  /// - Throws: `PrecisionConfigError` for invalid JSON, an unknown key, a value of the wrong
  ///   type, or a format string that does not parse.
  public init(json data: Data, file: String) throws {
    let root: ConfigValue
    do {
      root = try JSONDecoder().decode(ConfigValue.self, from: data)
    } catch {
      throw PrecisionConfigError.malformed(file: file, reason: Self.reason(error))
    }
    let reader = ConfigReader(file: file)
    let object = try reader.object(root, at: "")
    try reader.checkKeys(object, allowed: Self.topLevelKeys, at: "")
    self.init(file: file)
    if let value = object["precision"] {
      let text = try reader.string(value, at: "precision")
      do {
        precision = try Precision(parsing: text)
      } catch {
        throw PrecisionConfigError.badFormat(
          file: file, key: "precision", value: text,
          reason: "\(error); write 'calibrated' or a format such as 'ap_fixed<16,6>'")
      }
    }
    if let value = object["prune"] {
      prune = try reader.prune(value, at: "prune")
    }
    if let value = object["tensors"] {
      for (name, entry) in try reader.object(value, at: "tensors").sorted(by: { $0.key < $1.key }) {
        tensors[name] = try reader.format(entry, at: "tensors.\(name)")
      }
    }
    if let value = object["nodes"] {
      for (name, entry) in try reader.object(value, at: "nodes").sorted(by: { $0.key < $1.key }) {
        nodes[name] = try reader.node(entry, at: "nodes.\(name)")
      }
    }
    if let value = object["tables"] {
      for (name, entry) in try reader.object(value, at: "tables").sorted(by: { $0.key < $1.key }) {
        guard let function = LookupTable.Function(rawValue: name) else {
          throw PrecisionConfigError.unknownKey(
            file: file, key: "tables.\(name)",
            valid: LookupTable.Function.allCases.map(\.rawValue))
        }
        let table = try reader.table(entry, at: "tables.\(name)")
        if function == .reciprocal, table.range != nil {
          throw PrecisionConfigError.badValue(
            file: file, key: "tables.reciprocal.range",
            reason: "cannot be set: a reciprocal table covers the sum's range, so give only "
              + "'entries'")
        }
        tables[function] = table
      }
    }
    if let value = object["reuse"] {
      reuse = try reader.reuse(value, at: "reuse")
    }
  }

  private static func reason(_ error: any Error) -> String {
    if case .dataCorrupted(let context) = error as? DecodingError {
      let underlying = context.underlyingError.map { " (\($0.localizedDescription))" } ?? ""
      return context.debugDescription + underlying
    }
    return String(describing: error)
  }
}

/// A JSON value as the config reader sees it.
enum ConfigValue: Decodable, Equatable {
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case string(String)
  case array([ConfigValue])
  case object([String: ConfigValue])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([ConfigValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: ConfigValue].self))
    }
  }
}

/// Typed access to config values, throwing errors that name the file and the key.
struct ConfigReader {
  let file: String

  func object(_ value: ConfigValue, at key: String) throws -> [String: ConfigValue] {
    guard case .object(let object) = value else { throw wrongType(key, "an object") }
    return object
  }

  func string(_ value: ConfigValue, at key: String) throws -> String {
    guard case .string(let text) = value else { throw wrongType(key, "a string") }
    return text
  }

  func format(_ value: ConfigValue, at key: String) throws -> FixedFormat {
    let text = try string(value, at: key)
    do {
      return try FixedFormat(parsing: text)
    } catch {
      throw PrecisionConfigError.badFormat(
        file: file, key: key, value: text, reason: String(describing: error))
    }
  }

  func entries(_ value: ConfigValue, at key: String) throws -> Int {
    guard case .integer(let count) = value else { throw wrongType(key, "an integer") }
    guard (1...TableBuilder.maxEntries).contains(count) else {
      throw PrecisionConfigError.badValue(
        file: file, key: key,
        reason: "is \(count), but a table has 1 to \(TableBuilder.maxEntries) entries")
    }
    return count
  }

  func range(_ value: ConfigValue, at key: String) throws -> Range<Double> {
    let bounds: [Double]
    switch value {
    case .array(let items):
      bounds = items.compactMap {
        switch $0 {
        case .integer(let n): Double(n)
        case .number(let x): x
        default: nil
        }
      }
      guard bounds.count == 2, items.count == 2 else {
        throw wrongType(key, "an array of two numbers [low, high]")
      }
    default:
      throw wrongType(key, "an array of two numbers [low, high]")
    }
    guard bounds[0] < bounds[1], bounds.allSatisfy(\.isFinite) else {
      throw PrecisionConfigError.badValue(
        file: file, key: key,
        reason: "is [\(bounds[0]), \(bounds[1])], but low must be below high")
    }
    return bounds[0]..<bounds[1]
  }

  func checkKeys(_ object: [String: ConfigValue], allowed: [String], at key: String) throws {
    if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw PrecisionConfigError.unknownKey(
        file: file, key: key.isEmpty ? unknown : "\(key).\(unknown)", valid: allowed)
    }
  }

  func node(_ value: ConfigValue, at key: String) throws -> NodeConfig {
    let object = try object(value, at: key)
    try checkKeys(object, allowed: PrecisionConfig.nodeKeys, at: key)
    func format(_ name: String) throws -> FixedFormat? {
      try object[name].map { try self.format($0, at: "\(key).\(name)") }
    }
    return NodeConfig(
      result: try format("result"), weight: try format("weight"), bias: try format("bias"),
      accumulator: try format("accumulator"), alpha: try format("alpha"),
      reciprocal: try format("reciprocal"), scale: try format("scale"),
      shift: try format("shift"), exp: try format("exp"),
      tableEntries: try object["table_entries"].map {
        try entries($0, at: "\(key).table_entries")
      },
      tableRange: try object["table_range"].map { try range($0, at: "\(key).table_range") },
      reciprocalEntries: try object["reciprocal_entries"].map {
        try entries($0, at: "\(key).reciprocal_entries")
      })
  }

  func table(_ value: ConfigValue, at key: String) throws -> TableConfig {
    let object = try object(value, at: key)
    try checkKeys(object, allowed: PrecisionConfig.tableKeys, at: key)
    return TableConfig(
      entries: try object["entries"].map { try entries($0, at: "\(key).entries") },
      range: try object["range"].map { try range($0, at: "\(key).range") })
  }

  func reuse(_ value: ConfigValue, at key: String) throws -> ReuseConfig {
    let object = try object(value, at: key)
    try checkKeys(object, allowed: PrecisionConfig.reuseKeys, at: key)
    var reuse = ReuseConfig()
    reuse.defaultFactor = try object["default"].map { try factor($0, at: "\(key).default") }
    if let layers = object["layers"] {
      for (name, entry) in try self.object(layers, at: "\(key).layers").sorted(by: {
        $0.key < $1.key
      }) {
        reuse.layers[name] = try factor(entry, at: "\(key).layers.\(name)")
      }
    }
    return reuse
  }

  func factor(_ value: ConfigValue, at key: String) throws -> Int {
    guard case .integer(let factor) = value else {
      throw wrongType(key, "an integer reuse factor ≥ 1")
    }
    guard (1...ReuseConfig.maxFactor).contains(factor) else {
      throw PrecisionConfigError.badValue(
        file: file, key: key,
        reason: "is \(factor), but a reuse factor is an integer from 1 (fully unrolled) to "
          + "\(ReuseConfig.maxFactor)")
    }
    return factor
  }

  private func wrongType(_ key: String, _ expected: String) -> PrecisionConfigError {
    .wrongType(file: file, key: key.isEmpty ? "(top level)" : key, expected: expected)
  }
}
