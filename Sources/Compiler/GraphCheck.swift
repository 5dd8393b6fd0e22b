import ModelFormat

// Interim: stands in for ModelVerifier, ShapeInference and the text form of branch `model`
// until it is merged.
enum GraphCheck {
  struct Invalid: Error, CustomStringConvertible {
    var description: String
  }

  static func verify(_ model: Model) throws {
    var defined = Set(model.inputs.map(\.name))
    for node in model.nodes {
      for input in node.inputs where !defined.contains(input) {
        throw Invalid(description: "node '\(node.name)' reads undefined '\(input)'")
      }
      for (role, name) in node.params where model.weights[name] == nil {
        throw Invalid(description: "node '\(node.name)' param '\(role)' missing '\(name)'")
      }
      guard defined.insert(node.name).inserted else {
        throw Invalid(description: "duplicate name '\(node.name)'")
      }
    }
    for output in model.outputs where !defined.contains(output) {
      throw Invalid(description: "output '\(output)' undefined")
    }
  }

  static func text(of model: Model) -> String {
    var lines = model.inputs.map { "input \($0.name) \($0.shape)" }
    for node in model.nodes {
      let params = node.params.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
      lines.append(
        "\(node.name) = \(node.op.name)(\(node.inputs.joined(separator: ", ")))"
          + (params.isEmpty ? "" : " {\(params.joined(separator: ", "))}"))
    }
    lines.append("outputs \(model.outputs.joined(separator: ", "))")
    return lines.joined(separator: "\n") + "\n"
  }
}

enum Shapes {
  static func outputRank(of name: String, in model: Model) -> Int? {
    var ranks: [String: Int] = [:]
    for input in model.inputs { ranks[input.name] = input.shape.count }
    for node in model.nodes {
      let first = node.inputs.first.flatMap { ranks[$0] }
      switch node.op {
      case .flatten, .globalAvgpool2d: ranks[node.name] = 1
      case .reshape(let shape): ranks[node.name] = shape.count
      default: ranks[node.name] = first
      }
    }
    return ranks[name]
  }
}
