import Foundation

/// What to prune: the steps of `--prune SPEC` (and the config file's `"prune"`), in order.
///
/// A spec is a comma-separated list of steps, each `KIND:VALUE`:
///
/// | step | prunes |
/// |---|---|
/// | `global:S` | the fraction `S` of all dense and conv weights with the smallest magnitude |
/// | `layer:S` | the fraction `S` of each dense and conv layer's weights, layer by layer |
/// | `layer:NAME=S` | the fraction `S` of layer `NAME`'s weights |
/// | `threshold:T` | every dense and conv weight with `|w| < T` |
/// | `channels:S` | the fraction `S` of the removable output channels (conv) and neurons (dense) with the smallest mean `|w|` |
///
/// Weight pruning (`global`, `layer`, `threshold`) zeroes weights, which unrolled hardware
/// gets for free; `channels` removes whole channels and shrinks the graph. Without
/// retraining, both cost accuracy: `etch compile --prune-tolerance` measures how much.
///
///     let spec = try PruneSpec(parsing: "channels:0.25,global:0.5")
///     spec.passes.map(\.name)  // ["prune-channels", "prune-magnitude"]
public struct PruneSpec: Sendable, Equatable, CustomStringConvertible {
  /// One step of a spec.
  public enum Step: Sendable, Equatable, CustomStringConvertible {
    /// `global:S`: one magnitude threshold over every dense and conv weight.
    case global(sparsity: Double)
    /// `layer:S`: each layer pruned to the fraction `S` by its own magnitudes.
    case everyLayer(sparsity: Double)
    /// `layer:NAME=S`: one layer pruned to the fraction `S`.
    case layer(name: String, sparsity: Double)
    /// `threshold:T`: weights with `|w| < T` become zero.
    case threshold(Double)
    /// `channels:S`: the fraction `S` of removable channels, lowest mean `|w|` first.
    case channels(fraction: Double)

    /// The step as written in a spec.
    public var description: String {
      switch self {
      case .global(let s): "global:\(PruneSpec.number(s))"
      case .everyLayer(let s): "layer:\(PruneSpec.number(s))"
      case .layer(let name, let s): "layer:\(name)=\(PruneSpec.number(s))"
      case .threshold(let t): "threshold:\(PruneSpec.number(t))"
      case .channels(let s): "channels:\(PruneSpec.number(s))"
      }
    }

    /// The fraction this step aims at, for steps that have one (not `threshold`).
    public var fraction: Double? {
      switch self {
      case .global(let s), .everyLayer(let s), .layer(_, let s), .channels(let s): s
      case .threshold: nil
      }
    }

    /// The same step aiming at `fraction` instead (a threshold is left as it is).
    public func with(fraction: Double) -> Step {
      switch self {
      case .global: .global(sparsity: fraction)
      case .everyLayer: .everyLayer(sparsity: fraction)
      case .layer(let name, _): .layer(name: name, sparsity: fraction)
      case .channels: .channels(fraction: fraction)
      case .threshold: self
      }
    }
  }

  /// The steps, applied in order.
  public var steps: [Step]

  /// Creates a spec from its steps.
  public init(steps: [Step]) {
    self.steps = steps
  }

  /// Parses `KIND:VALUE[,KIND:VALUE...]`.
  ///
  /// - Throws: `PruneError.badSpec` naming the step and what is accepted.
  public init(parsing text: String) throws(PruneError) {
    var steps: [Step] = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let item = part.trimmingCharacters(in: .whitespaces)
      guard let colon = item.firstIndex(of: ":") else {
        throw .badSpec(spec: text, step: item, reason: "has no ':'")
      }
      let kind = String(item[..<colon])
      let value = String(item[item.index(after: colon)...])
      func fraction(_ number: String) throws(PruneError) -> Double {
        guard let s = Double(number), s >= 0, s < 1 else {
          throw .badSpec(spec: text, step: item, reason: "needs a fraction in [0, 1)")
        }
        return s
      }
      switch kind {
      case "global": steps.append(.global(sparsity: try fraction(value)))
      case "channels": steps.append(.channels(fraction: try fraction(value)))
      case "threshold":
        guard let t = Double(value), t >= 0, t.isFinite else {
          throw .badSpec(spec: text, step: item, reason: "needs a magnitude >= 0")
        }
        steps.append(.threshold(t))
      case "layer":
        if let equals = value.lastIndex(of: "=") {
          let name = String(value[..<equals])
          guard !name.isEmpty else {
            throw .badSpec(spec: text, step: item, reason: "names no layer before '='")
          }
          steps.append(
            .layer(name: name, sparsity: try fraction(String(value[value.index(after: equals)...])))
          )
        } else {
          steps.append(.everyLayer(sparsity: try fraction(value)))
        }
      default:
        throw .badSpec(
          spec: text, step: item,
          reason: "has unknown kind '\(kind)'; use global, layer, threshold or channels")
      }
    }
    self.steps = steps
  }

  /// The spec as written: steps joined by commas.
  public var description: String { steps.map(\.description).joined(separator: ",") }

  /// The pruning passes that carry out the steps, in order.
  public var passes: [GraphPass] {
    steps.map { step in
      if case .channels(let fraction) = step { return .pruneChannels(fraction: fraction) }
      return .pruneMagnitude(step)
    }
  }

  /// `0.5`, `0.05`, `1e-05`: the shortest text that reads back as the same number.
  static func number(_ x: Double) -> String { "\(x)" }
}

extension PruneSpec {
  /// The names of the pruning passes, in the order `--print-ir-after` lists them.
  public static let passNames = ["prune-channels", "prune-magnitude"]
}

extension ConfigReader {
  /// The config's `"prune"`: a prune spec string.
  func prune(_ value: ConfigValue, at key: String) throws -> PruneSpec {
    let text = try string(value, at: key)
    do {
      return try PruneSpec(parsing: text)
    } catch {
      throw PrecisionConfigError.badValue(file: file, key: key, reason: "is invalid: \(error)")
    }
  }
}
