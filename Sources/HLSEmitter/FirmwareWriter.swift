import FixedIR
import FixedPoint

/// Writes `firmware/NAME.h` (a type per tensor, accumulator, sum and constant; the top
/// function) and `firmware/NAME.cpp` (layer configurations and the top function) for the
/// architecture of the options.
struct FirmwareWriter {
  let plan: FirmwarePlan

  var headerPath: String { "firmware/\(plan.name).h" }
  var sourcePath: String { "firmware/\(plan.name).cpp" }

  /// Both files by path.
  func files() throws(HLSEmitterError) -> [String: String] {
    let source =
      plan.options.io == .parallel ? try parallelSource() : try streamSource()
    return [headerPath: try header(), sourcePath: source]
  }

  /// The name of output `index`'s port: the tensor's identifier when its op writes it
  /// straight into the port (nothing else reads it), else `id_out`.
  func outputPort(_ index: Int) -> String {
    let tensor = plan.outputs[index]
    let direct =
      plan.uses[tensor.name] == [.output(index: index)]
      && !plan.inputs.contains { $0.name == tensor.name }
    return direct ? tensor.id : tensor.id + "_out"
  }

  /// The top function's parameters.
  var parameters: [String] {
    switch plan.options.io {
    case .parallel:
      plan.inputs.map { "const \($0.type) \($0.id)[\($0.count)]" }
        + plan.outputs.indices.map {
          "\(plan.outputs[$0].type) \(outputPort($0))[\(plan.outputs[$0].count)]"
        }
    case .stream:
      plan.inputs.map { "hls::stream<\($0.beatType)>& \($0.id)" }
        + plan.outputs.indices.map {
          "hls::stream<\(plan.outputs[$0].beatType)>& \(outputPort($0))"
        }
    }
  }

  /// The top function's declaration, without the semicolon.
  var prototype: String {
    "void \(plan.name)(\(parameters.joined(separator: ", ")))"
  }

  private func header() throws(HLSEmitterError) -> String {
    let guardName = "ETCH_\(plan.name)_H"
    var lines = [
      "// \(plan.name): the types and the top function of the firmware that Etch emitted for",
      "// the fixed-point program '\(comment(plan.programName))'. Every tensor has one type; every",
      "// accumulator and exact sum has its own (Etch's docs/fixed-ir.md states each step).",
      "#ifndef \(guardName)",
      "#define \(guardName)",
      "",
      "#include \"etch/etch_types.h\"",
      "",
      "// Tensors: the inputs, then each layer's result in execution order.",
    ]
    for tensor in plan.inputs {
      lines.append(typedef(tensor.format, tensor.type, "input '\(comment(tensor.name))'", tensor))
    }
    for op in plan.ops {
      let tensor = plan.tensor(op.name)
      lines.append(
        typedef(tensor.format, tensor.type, "\(op.kind.name) '\(comment(op.name))'", tensor))
    }
    lines += ["", "// Accumulators and exact sums."]
    for op in plan.ops {
      for (suffix, format) in try internalFormats(op) {
        lines.append("typedef \(format.cppType) \(plan.tensor(op.name).id)\(suffix);")
      }
    }
    lines += ["", "// Constants and tables (their raws are in weights/)."]
    for array in ConstantWriter(plan: plan).arrays {
      lines.append("typedef \(array.format.cppType) \(array.id)_t;")
    }
    if plan.options.io == .stream {
      lines += ["", "// Stream beats: the values of one transfer (TensorInfo layout)."]
      for tensor in plan.inputs + plan.ops.map({ plan.tensor($0.name) }) {
        lines.append("typedef etch::beat<\(tensor.type), \(tensor.channels)> \(tensor.beatType);")
      }
    }
    lines += ["", "// The top function: one frame per call.", prototype + ";", "", "#endif", ""]
    return lines.joined(separator: "\n")
  }

  private func typedef(
    _ format: FixedFormat, _ name: String, _ what: String, _ tensor: TensorInfo
  ) -> String {
    let shape = "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]"
    return "typedef \(format.cppType) \(name);  // \(what) \(shape)"
  }

  /// The accumulator and sum types an op declares, by suffix.
  private func internalFormats(_ op: FixedOp) throws(HLSEmitterError) -> [(String, FixedFormat)] {
    let x = plan.tensor(op.inputs[0])
    do {
      switch op.kind {
      case .dense(_, _, let acc, _), .conv1d(_, _, _, let acc, _), .conv2d(_, _, _, let acc, _),
        .matmul(let acc):
        return [("_accum_t", acc)]
      case .softmax(_, _, let sum, _):
        return [("_sum_t", sum)]
      case .avgpool2d(let p, _):
        return [("_sum_t", try x.format.windowSumFormat(count: p.kernel.h * p.kernel.w))]
      case .globalAvgpool2d:
        return [("_sum_t", try x.format.windowSumFormat(count: x.count / x.shape[0]))]
      default:
        return []
      }
    } catch {
      throw .unsupported(op: op.name, reason: "its window sum has no format: \(error)")
    }
  }

  /// Every layer's configuration structs, in op order.
  func configurations() throws(HLSEmitterError) -> [String] {
    var structs: [String] = []
    for op in plan.ops {
      structs += try LayerWriter(op: op, plan: plan).configs()
    }
    return structs
  }

  /// The opening lines of `NAME.cpp`: comment, includes, configurations.
  func sourcePrologue(_ architecture: String) throws(HLSEmitterError) -> [String] {
    var lines = [
      "// \(plan.name): the firmware of the fixed-point program '\(comment(plan.programName))',",
      "// emitted by Etch. Architecture: \(architecture).",
      "#include \"\(plan.name).h\"",
      "#include \"etch/etch.h\"",
    ]
    lines += ConstantWriter(plan: plan).includes
    lines += ["", "// Layer configurations (read by the kernels of etch/)."]
    for config in try configurations() {
      lines += [config, ""]
    }
    return lines
  }

  /// A name made safe for a `//` comment.
  func comment(_ name: String) -> String {
    String(name.map { $0.isNewline ? " " : $0 })
  }
}
