import FixedIR

extension FirmwareWriter {
  /// `NAME.cpp` of the `stream` architecture: a `DATAFLOW` region whose processes pass
  /// frames as `hls::stream`s of beats (`TensorInfo`), ports `axis`.
  ///
  /// Convolutions, pooling, upsampling and element-wise ops stream natively (line buffers
  /// keep only the rows a window spans); the other ops run in a stage that reads whole
  /// frames into arrays, calls the array kernel and streams the result out. A tensor read
  /// by several consumers is duplicated by `etch::split`, into FIFOs deep enough for a
  /// whole frame, so reconverging branches cannot deadlock.
  func streamSource() throws(HLSEmitterError) -> String {
    var lines = try sourcePrologue(
      "stream (hls::stream between layers, DATAFLOW, line buffers, axis ports)")
    var consumers = streamsOfUses()
    for op in plan.ops {
      let writer = LayerWriter(op: op, plan: plan)
      if !writer.streamsNatively { lines += stage(op, writer) + [""] }
    }
    lines.append(prototype + " {")
    for port in plan.inputs.map(\.id) + plan.outputs.indices.map(outputPort) {
      lines.append("#pragma HLS INTERFACE axis port = \(port)")
    }
    lines.append("#pragma HLS DATAFLOW")
    for input in plan.inputs {
      lines += traceAndFanOut(input, source: input.id, consumers: &consumers)
    }
    for (index, op) in plan.ops.enumerated() {
      let tensor = plan.tensor(op.name)
      let writer = LayerWriter(op: op, plan: plan)
      let source = tensor.id
      lines.append("")
      lines.append("  // \(op.kind.name) '\(comment(op.name))'")
      if !plan.outputs.indices.contains(where: { outputPort($0) == tensor.id }) {
        lines.append(streamDeclaration(tensor.beatType, tensor.id, depth: nil))
      }
      let inputs = op.inputs.indices.map { consumers[.op(index: index, slot: $0)] ?? "" }
      if let code = writer.stream(inputs: inputs, output: source) {
        lines += code.locals.map { "  " + $0.declaration }
        lines += code.statements.map { "  " + $0 }
      } else {
        lines.append("  \(tensor.id)_stage(\((inputs + [source]).joined(separator: ", ")));")
      }
      lines += traceAndFanOut(tensor, source: source, consumers: &consumers)
    }
    lines += ["}", ""]
    return lines.joined(separator: "\n")
  }

  /// A tensor's producer writes the stream named after it: the output port when that is
  /// its only reader (`outputPort`), else a local stream (graph inputs: their port).
  /// The stream each use reads: the source itself for a single reader, else one branch of
  /// a chain of splits (`id_use0`, ...); output ports read through their port name.
  private func streamsOfUses() -> [TensorUse: String] {
    var streams: [TensorUse: String] = [:]
    for tensor in plan.inputs + plan.ops.map({ plan.tensor($0.name) }) {
      let uses = plan.uses[tensor.name] ?? []
      for (k, use) in uses.enumerated() {
        switch use {
        case .output(let index): streams[use] = outputPort(index)
        case .op: streams[use] = uses.count == 1 ? tensor.id : "\(tensor.id)_use\(k)"
        }
      }
    }
    return streams
  }

  /// After a tensor's producer: its trace hook, then the splits (or the pass into an output
  /// port, or the drain of an unread input) that feed its readers.
  private func traceAndFanOut(
    _ tensor: TensorInfo, source: String, consumers: inout [TensorUse: String]
  ) -> [String] {
    let shape = "\(tensor.type), \(tensor.channels), \(tensor.beats)"
    var lines = ["  ETCH_TRACE_STREAM(\"\(tensor.id)\", \(shape), \(source));"]
    let uses = plan.uses[tensor.name] ?? []
    let targets = uses.map { consumers[$0] ?? "" }
    switch uses.count {
    case 0:
      lines.append("  etch::drain<\(shape)>(\(source));")
    case 1:
      if targets[0] != source { lines.append("  etch::pass<\(shape)>(\(source), \(targets[0]));") }
    default:
      var current = source
      for k in 0..<(uses.count - 1) {
        let last = k == uses.count - 2
        let next = last ? targets[k + 1] : "\(tensor.id)_rest\(k)"
        if !isOutputUse(uses[k]) {
          lines.append(streamDeclaration(tensor.beatType, targets[k], depth: tensor.beats + 1))
        }
        if !last || !isOutputUse(uses[k + 1]) {
          lines.append(streamDeclaration(tensor.beatType, next, depth: tensor.beats + 1))
        }
        lines.append("  etch::split<\(shape)>(\(current), \(targets[k]), \(next));")
        current = next
      }
    }
    return lines
  }

  private func isOutputUse(_ use: TensorUse) -> Bool {
    if case .output = use { return true }
    return false
  }

  private func streamDeclaration(_ type: String, _ name: String, depth: Int?) -> String {
    var text = "  hls::stream<\(type)> \(name)(\"\(name)\");"
    if let depth { text += "\n#pragma HLS STREAM variable = \(name) depth = \(depth)" }
    return text
  }

  /// The process of an op that needs whole frames: operands' frames into arrays, the array
  /// kernel, the result streamed out.
  private func stage(_ op: FixedOp, _ writer: LayerWriter) -> [String] {
    let tensor = plan.tensor(op.name)
    let operands = op.inputs.map { plan.tensor($0) }
    let parameters =
      operands.enumerated().map { "hls::stream<\($1.beatType)>& etch_in\($0)" }
      + ["hls::stream<\(tensor.beatType)>& etch_out"]
    var lines = [
      "// \(op.kind.name) '\(comment(op.name))' on whole frames.",
      "static void \(tensor.id)_stage(\(parameters.joined(separator: ", "))) {",
    ]
    for (k, operand) in operands.enumerated() {
      lines.append("  \(operand.type) etch_a\(k)[\(operand.count)];")
      lines.append(
        "  etch::read_frame<\(operand.type), \(operand.channels), \(operand.beats)>"
          + "(etch_in\(k), etch_a\(k));")
    }
    lines.append("  \(tensor.type) etch_y[\(tensor.count)];")
    let code = writer.parallel(
      inputs: operands.indices.map { "etch_a\($0)" }, output: "etch_y")
    lines += code.locals.map { "  " + $0.declaration }
    lines += code.statements.map { "  " + $0 }
    lines.append(
      "  etch::write_frame<\(tensor.type), \(tensor.channels), \(tensor.beats)>(etch_y, etch_out);")
    lines.append("}")
    return lines
  }
}
