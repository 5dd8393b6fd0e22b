import FixedIR

/// Writes the project's `README.md`: what each file is, how to run each step, which Vitis
/// HLS version the project targets, and that synthesis was not run where it was emitted.
struct ReadmeWriter {
  let plan: FirmwarePlan

  /// The Vitis HLS release the scripts and pragmas are written for.
  static let vitisVersion = "Vitis HLS 2023.2"

  /// `README.md`.
  func readme() -> String {
    let name = plan.name
    let io = plan.options.io
    let inputs = plan.inputs.map { "`\($0.name)` \(shape($0.shape)) as `\($0.type)`" }
    let outputs = plan.outputs.map { "`\($0.name)` \(shape($0.shape)) as `\($0.type)`" }
    let architecture =
      io == .parallel
      ? "`parallel`: arrays between layers, partitioned into registers; the top function is "
        + "pipelined (a `DATAFLOW` of layers when a reuse factor is above 1); ports `ap_vld`."
      : "`stream`: `hls::stream`s of beats between layers under `DATAFLOW`; convolutions and "
        + "pooling keep line buffers of the rows a window spans; dense, matmul, transpose and "
        + "layout-changing reshapes run on whole frames; ports `axis`."
    return """
      # \(name)

      A Vitis HLS project emitted by Etch from the fixed-point program `\(plan.programName)`.
      It targets **\(Self.vitisVersion)**, part `\(plan.options.part)`, clock \
      \(plan.options.clockPeriodNs) ns. **Synthesis was not run where this project was \
      emitted** (no vendor tools there); what was checked is that the C++ compiled with g++ \
      and Xilinx's `ap_types` headers gives the same bits as Etch's Simulator.

      - Inputs: \(inputs.joined(separator: ", ")).
      - Outputs: \(outputs.joined(separator: ", ")).
      - Architecture: \(architecture)

      ## Files

      | file | holds |
      |---|---|
      | `firmware/\(name).h` | one `ap_fixed`/`ap_int` type per tensor, accumulator, sum and constant; the top function |
      | `firmware/\(name).cpp` | the layers' configurations and the top function `\(name)` |
      | `firmware/weights/*.h` | weights, biases, scalars and lookup tables as raw integers (`value = raw · 2^−F`) |
      | `firmware/etch/*.h` | the kernel library (dense, convolutions, pooling, element-wise, softmax, layout, streams) |
      | `tb/\(name)_tb.cpp`, `tb/etch_tb.h` | the testbench |
      | `tb_data/*.txt` | sample frames, one per line |
      | `build_prj.tcl` | C simulation, synthesis, co-simulation and IP export |
      | `csim.sh` | C simulation with g++ alone |

      ## Steps

      1. **C simulation with g++** (no vendor tools): `./csim.sh AP_TYPES_DIR`, where
         `AP_TYPES_DIR` holds `ap_fixed.h`, `ap_int.h` and `hls_stream.h` (Xilinx's open-source
         headers; the hls4ml wheel ships them in `hls4ml/templates/vivado/ap_types/`). It runs
         the sample frames; `./csim.sh AP_TYPES_DIR x.npy out/` runs your own.
      2. **C simulation in Vitis HLS**: `vitis_hls -f build_prj.tcl -tclargs csim=1 synth=0 cosim=0 export=0`.
      3. **C synthesis**: `vitis_hls -f build_prj.tcl -tclargs csim=0 synth=1 cosim=0 export=0`;
         the report is in `\(name)_prj/solution1/syn/report/`.
      4. **Co-simulation** (after synthesis): `... -tclargs csim=0 synth=1 cosim=1 export=0`.
      5. **Export the IP**: `... -tclargs csim=0 synth=1 cosim=0 export=1`.

      `vitis_hls -f build_prj.tcl` runs every step.

      ## The testbench

      `\(name)_tb INPUT... OUTPUT_PREFIX` takes one file per graph input, in order: an `.npy` of
      float32 (or float64) frames, or a text file with one frame per line. Each value is
      converted to the input's type exactly as `ap_fixed`'s constructor converts a `double`.
      The top function runs once per frame; each output is written as
      `OUTPUT_PREFIX<output>.raw.npy` (int64 raws) and `OUTPUT_PREFIX<output>.npy` (float64
      values), or `.raw.txt` and `.txt` for text inputs. Built with `-DETCH_TRACE`
      (`CXXFLAGS=-DETCH_TRACE ./csim.sh ...`) it also writes `OUTPUT_PREFIXtrace.txt`: every
      tensor's raws per frame, to compare layer by layer with `etch`'s Simulator.

      ## Numbers

      Every step follows Etch's fixed-point IR: `acc = acc + x * w` with `acc` of the
      accumulator type quantises and handles overflow at every step, each write into a typed
      variable applies that type's rounding and overflow modes, and non-linear functions are
      lookup tables computed by Etch. No floating point is used in the datapath, and no decimal
      constant is parsed by the C++ compiler: constants are raw integers.

      """
  }

  private func shape(_ shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}
