import FixedIR

extension FirmwareWriter {
  /// `NAME.cpp` of the `parallel` architecture: arrays between layers, every array
  /// partitioned into registers, ports `ap_vld`; the top function is pipelined when every
  /// reuse factor is 1, else a `DATAFLOW` of layers pipelined at their reuse factors.
  func parallelSource() throws(HLSEmitterError) -> String {
    let pipelined = plan.ops.allSatisfy { plan.options.reuse(of: $0.name) == 1 }
    var lines = try sourcePrologue(
      "parallel (arrays, " + (pipelined ? "one pipeline" : "DATAFLOW of layers")
        + ", ap_vld ports)")
    lines.append(prototype + " {")
    let ports = plan.inputs.map(\.id) + plan.outputs.indices.map(outputPort)
    for port in ports {
      lines.append("#pragma HLS INTERFACE ap_vld port = \(port)")
      lines.append("#pragma HLS ARRAY_RESHAPE variable = \(port) complete dim = 0")
    }
    lines.append(pipelined ? "#pragma HLS PIPELINE" : "#pragma HLS DATAFLOW")
    for input in plan.inputs {
      lines.append("  ETCH_TRACE_ARRAY(\"\(input.id)\", \(input.id), \(input.count));")
    }
    for op in plan.ops {
      let tensor = plan.tensor(op.name)
      let writer = LayerWriter(op: op, plan: plan)
      lines.append("")
      lines.append("  // \(op.kind.name) '\(comment(op.name))'")
      let direct = plan.outputs.indices.contains { outputPort($0) == tensor.id }
      if !direct {
        lines.append("  \(tensor.type) \(tensor.id)[\(tensor.count)];")
        lines.append("#pragma HLS ARRAY_PARTITION variable = \(tensor.id) complete dim = 0")
      }
      let code = writer.parallel(
        inputs: op.inputs.map { plan.tensor($0).id }, output: tensor.id)
      for local in code.locals {
        lines.append("  " + local.declaration)
        lines.append("#pragma HLS ARRAY_PARTITION variable = \(local.name) complete dim = 0")
      }
      lines += code.statements.map { "  " + $0 }
      lines.append("  ETCH_TRACE_ARRAY(\"\(tensor.id)\", \(tensor.id), \(tensor.count));")
    }
    let copies = plan.outputs.indices.filter { outputPort($0) != plan.outputs[$0].id }
    if !copies.isEmpty { lines += ["", "  // Outputs that other layers also read."] }
    for index in copies {
      let tensor = plan.outputs[index]
      lines.append(
        "  for (int i = 0; i < \(tensor.count); i++) \(outputPort(index))[i] = \(tensor.id)[i];")
    }
    lines += ["}", ""]
    return lines.joined(separator: "\n")
  }
}
