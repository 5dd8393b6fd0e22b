import FixedPoint
import ModelFormat

extension QuantizationPlan {
  /// The plan as text, one line per graph input and node of `model` in graph order: what
  /// `--print-ir-after quantize` shows.
  ///
  /// A node line gives the result format after the colon, then the formats inside the node;
  /// a layer shows its accumulator's exact range as real numbers.
  ///
  ///     plan mlp precision=calibrated
  ///     %x : ap_fixed<16,3,AP_RND_CONV,AP_SAT>
  ///     %fc1 = dense weight=ap_fixed<16,1,AP_RND_CONV,AP_SAT> ... accumulator=ap_fixed<33,5>
  ///       range=[-5.25, 6.5] fused=relu1
  ///     %relu1 = relu : ap_fixed<16,4,AP_RND_CONV,AP_SAT>
  public func textForm(of model: Model) -> String {
    var lines = ["plan \(model.name) precision=\(precision)"]
    for input in model.inputs {
      lines.append("%\(input.name) : \(tensors[input.name].map { "\($0)" } ?? "?")")
    }
    for node in model.nodes {
      var line = "%\(node.name) = \(node.op.name)"
      if let formats = nodes[node.name] { line += Self.describe(formats) }
      if let fused = fusedActivations[node.name] {
        line += " fused=\(fused)"
      } else if let format = tensors[node.name] {
        line += " : \(format)"
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func describe(_ formats: NodeQuantization) -> String {
    var parts: [String] = []
    let plain: [(String, FixedFormat?)] = [
      ("weight", formats.weight), ("bias", formats.bias), ("accumulator", formats.accumulator),
      ("constant", formats.constant), ("scale", formats.scale), ("shift", formats.shift),
    ]
    for case (let key, let format?) in plain { parts.append("\(key)=\(format)") }
    if let bound = formats.bound {
      let lsb = Double(sign: .plus, exponent: -bound.fractionBits, significand: 1)
      parts.append("range=[\(Double(bound.lowest) * lsb), \(Double(bound.highest) * lsb)]")
    }
    if let table = formats.table { parts.append("table=\(describe(table))") }
    if let sum = formats.sum { parts.append("sum=\(sum)") }
    if let reciprocal = formats.reciprocal { parts.append("reciprocal=\(describe(reciprocal))") }
    return parts.map { " " + $0 }.joined()
  }

  private static func describe(_ table: TableParameters) -> String {
    "\(table.format)[≤\(table.maxEntries) over \(table.lower)..<\(table.upper)]"
  }
}
