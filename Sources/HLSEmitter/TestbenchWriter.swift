import FixedIR

/// Writes `tb/NAME_tb.cpp`: reads each graph input's frames from the file named on the
/// command line (`.npy` or text), converts every float32 to the input's type as
/// `ap_fixed`'s constructor converts the `double` it widens to (the FixedIR's input rule),
/// calls the top function once per frame, and writes every output as raws and as values.
///
///     ./NAME_tb x.npy out/        # writes out/y.raw.npy (int64) and out/y.npy (float64)
///
/// Compiled with `-DETCH_TRACE`, it also writes `PREFIXtrace.txt`: a line per tensor and
/// frame, `id raw raw ...`, in execution order (inputs first).
struct TestbenchWriter {
  let plan: FirmwarePlan

  var path: String { "tb/\(plan.name)_tb.cpp" }

  /// The testbench source.
  func source() -> String {
    let inputFiles = plan.inputs.map { "\($0.id).npy|txt" }.joined(separator: " ")
    var lines = [
      "// Testbench of \(plan.name), emitted by Etch: runs the top function on every frame of",
      "// its inputs and writes its outputs as raw integers and as decimals.",
      "//   usage: \(plan.name)_tb \(inputFiles) OUTPUT_PREFIX",
      "// An .npy input (float32 or float64, frames first) gives PREFIX<output>.raw.npy (int64",
      "// raws) and PREFIX<output>.npy (float64 values); a text input (one frame per line)",
      "// gives .raw.txt and .txt. With -DETCH_TRACE, PREFIXtrace.txt gets every tensor.",
      "#include \"etch_tb.h\"",
      "#include \"../firmware/\(plan.name).h\"",
      "",
      "int main(int argc, char** argv) {",
      "  if (argc != \(plan.inputs.count + 2)) {",
      "    std::fprintf(stderr, \"usage: %s \(inputFiles) OUTPUT_PREFIX\\n\", argv[0]);",
      "    return 64;",
      "  }",
      "  const std::string tb_prefix = argv[\(plan.inputs.count + 1)];",
      "  const bool tb_npy = etch_tb::ends_with(argv[1], \".npy\");",
      "  std::string tb_error;",
      "  long tb_frames = -1;",
    ]
    for (k, input) in plan.inputs.enumerated() {
      lines += [
        "  std::vector<float> tb_in\(k);",
        "  if (!etch_tb::read_values(argv[\(k + 1)], tb_in\(k), tb_error)) {",
        "    std::fprintf(stderr, \"%s: %s\\n\", argv[\(k + 1)], tb_error.c_str());",
        "    return 1;",
        "  }",
        "  if (tb_in\(k).size() % \(input.count) != 0 ||",
        "      (tb_frames >= 0 && (long)(tb_in\(k).size() / \(input.count)) != tb_frames)) {",
        "    std::fprintf(stderr, \"%s: %zu values; expected frames of \(input.count)\\n\",",
        "                 argv[\(k + 1)], tb_in\(k).size());",
        "    return 1;",
        "  }",
        "  tb_frames = tb_in\(k).size() / \(input.count);",
      ]
    }
    for (k, output) in plan.outputs.enumerated() {
      lines += [
        "  std::vector<long long> tb_raw\(k)(tb_frames * \(output.count));",
        "  std::vector<double> tb_value\(k)(tb_frames * \(output.count));",
      ]
    }
    lines += [
      "#ifdef ETCH_TRACE",
      "  etch::trace_file() = std::fopen((tb_prefix + \"trace.txt\").c_str(), \"w\");",
      "#endif",
      "  for (long tb_f = 0; tb_f < tb_frames; tb_f++) {",
    ]
    lines += plan.options.io == .parallel ? parallelFrame() : streamFrame()
    lines += [
      "  }",
      "#ifdef ETCH_TRACE",
      "  if (etch::trace_file()) std::fclose(etch::trace_file());",
      "#endif",
    ]
    for (k, output) in plan.outputs.enumerated() {
      let shape = (["tb_frames"] + output.shape.map { "\($0)" }).joined(separator: ", ")
      lines += [
        "  {",
        "    long tb_shape[] = {\(shape)};",
        "    std::vector<long> tb_dims(tb_shape, tb_shape + \(output.shape.count + 1));",
        "    if (!etch_tb::write_output(tb_prefix, \"\(output.id)\", tb_npy, tb_raw\(k), "
          + "tb_value\(k), tb_dims)) {",
        "      std::fprintf(stderr, \"%s\(output.id): cannot write\\n\", tb_prefix.c_str());",
        "      return 1;",
        "    }",
        "  }",
      ]
    }
    lines += [
      "  std::printf(\"\(plan.name): %ld frames; outputs written to %s*\\n\", tb_frames,",
      "              tb_prefix.c_str());",
      "  return 0;",
      "}",
      "",
    ]
    return lines.joined(separator: "\n")
  }

  /// One frame through the arrays of the `parallel` top function.
  private func parallelFrame() -> [String] {
    var lines: [String] = []
    for (k, input) in plan.inputs.enumerated() {
      lines += [
        "    \(input.type) tb_x\(k)[\(input.count)];",
        "    for (int i = 0; i < \(input.count); i++) {",
        "      tb_x\(k)[i] = (double)tb_in\(k)[tb_f * \(input.count) + i];",
        "    }",
      ]
    }
    for (k, output) in plan.outputs.enumerated() {
      lines.append("    \(output.type) tb_y\(k)[\(output.count)];")
    }
    let arguments =
      plan.inputs.indices.map { "tb_x\($0)" } + plan.outputs.indices.map { "tb_y\($0)" }
    lines.append("    \(plan.name)(\(arguments.joined(separator: ", ")));")
    for (k, output) in plan.outputs.enumerated() {
      lines += [
        "    for (int i = 0; i < \(output.count); i++) {",
        "      tb_raw\(k)[tb_f * \(output.count) + i] = etch::raw(tb_y\(k)[i]).to_int64();",
        "      tb_value\(k)[tb_f * \(output.count) + i] = tb_y\(k)[i].to_double();",
        "    }",
      ]
    }
    return lines
  }

  /// One frame through the streams of the `stream` top function: element (c, p) of the
  /// `[C, P]` view travels as value c of beat p.
  private func streamFrame() -> [String] {
    var lines: [String] = []
    for (k, input) in plan.inputs.enumerated() {
      let (c, p) = (input.channels, input.beats)
      lines += [
        "    hls::stream<\(input.beatType)> tb_x\(k)(\"\(input.id)\");",
        "    for (int p = 0; p < \(p); p++) {",
        "      \(input.beatType) tb_beat;",
        "      for (int c = 0; c < \(c); c++) {",
        "        tb_beat.data[c] = (double)tb_in\(k)[tb_f * \(input.count) + c * \(p) + p];",
        "      }",
        "      tb_x\(k).write(tb_beat);",
        "    }",
      ]
    }
    for (k, output) in plan.outputs.enumerated() {
      lines.append("    hls::stream<\(output.beatType)> tb_y\(k)(\"\(output.id)\");")
    }
    let arguments =
      plan.inputs.indices.map { "tb_x\($0)" } + plan.outputs.indices.map { "tb_y\($0)" }
    lines.append("    \(plan.name)(\(arguments.joined(separator: ", ")));")
    for (k, output) in plan.outputs.enumerated() {
      let (c, p) = (output.channels, output.beats)
      lines += [
        "    for (int p = 0; p < \(p); p++) {",
        "      \(output.beatType) tb_beat = tb_y\(k).read();",
        "      for (int c = 0; c < \(c); c++) {",
        "        const long tb_i = tb_f * \(output.count) + c * \(p) + p;",
        "        tb_raw\(k)[tb_i] = etch::raw(tb_beat.data[c]).to_int64();",
        "        tb_value\(k)[tb_i] = tb_beat.data[c].to_double();",
        "      }",
        "    }",
      ]
    }
    return lines
  }
}
