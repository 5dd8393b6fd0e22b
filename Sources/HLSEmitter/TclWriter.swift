/// Writes the build scripts: `build_prj.tcl` for Vitis HLS (C simulation, synthesis,
/// co-simulation, IP export, with the options' part and clock) and `csim.sh`, which builds
/// and runs the testbench with g++ alone.
struct TclWriter {
  let plan: FirmwarePlan

  /// The sample input files the scripts pass to the testbench, one per graph input.
  var sampleInputPaths: [String] { plan.inputs.map { "tb_data/\($0.id).txt" } }

  /// `build_prj.tcl`.
  func tcl() -> String {
    let name = plan.name
    let inputs = sampleInputPaths.map { "[file normalize \($0)]" }.joined(separator: " ")
    return """
      # Vitis HLS project of \(name), emitted by Etch (written for Vitis HLS 2023.2).
      #   vitis_hls -f build_prj.tcl                          # every step
      #   vitis_hls -f build_prj.tcl -tclargs csim=1 synth=0  # choose steps
      # Steps: csim (C simulation of tb/\(name)_tb.cpp), synth (C synthesis), cosim (RTL
      # co-simulation with the same testbench), export (IP catalog archive).
      array set step {csim 1 synth 1 cosim 1 export 1}
      foreach arg $argv {
        if {[regexp {^(csim|synth|cosim|export)=([01])$} $arg -> key value]} {
          set step($key) $value
        }
      }
      set part {\(plan.options.part)}
      set clock_period \(clockText)

      open_project -reset \(name)_prj
      set_top \(name)
      add_files firmware/\(name).cpp -cflags "-std=c++14 -DNDEBUG"
      add_files -tb tb/\(name)_tb.cpp -cflags "-std=c++14 -DNDEBUG"
      open_solution -reset solution1 -flow_target vivado
      set_part $part
      create_clock -period $clock_period -name default

      # The testbench reads the sample frames and writes its outputs next to them.
      set tb_args "\(inputs) [file normalize tb_data]/out_"
      if {$step(csim)} { csim_design -argv $tb_args }
      if {$step(synth)} { csynth_design }
      if {$step(cosim)} { cosim_design -argv $tb_args }
      if {$step(export)} { export_design -format ip_catalog }
      exit

      """
  }

  /// The clock period without a trailing `.0`.
  private var clockText: String {
    let period = plan.options.clockPeriodNs
    return period == period.rounded() && abs(period) < 1e9 ? "\(Int(period))" : "\(period)"
  }

  /// `csim.sh`.
  func csim() -> String {
    let name = plan.name
    let defaults = (sampleInputPaths + ["tb_data/out_"]).joined(separator: " ")
    return """
      #!/bin/sh
      # C simulation of \(name) with g++ alone (no Vitis HLS): builds the testbench against
      # Xilinx's ap_types headers and runs it.
      #   ./csim.sh AP_TYPES_DIR [INPUT... OUTPUT_PREFIX]
      # AP_TYPES_DIR holds ap_fixed.h, ap_int.h and hls_stream.h (or set AP_TYPES). With no
      # inputs it runs the sample frames: \(defaults). CXX and CXXFLAGS
      # choose the compiler and add flags (CXXFLAGS=-DETCH_TRACE writes every tensor).
      # NDEBUG: the headers' debug assertion aborts some legal roundings (a source entirely
      # below half an LSB of the target); without it they give the exact result.
      set -eu
      cd "$(dirname "$0")"
      ap_types="${AP_TYPES:-}"
      if [ $# -gt 0 ] && [ -d "$1" ]; then
        ap_types="$1"
        shift
      fi
      if [ -z "$ap_types" ] || [ ! -f "$ap_types/ap_fixed.h" ]; then
        echo "error: give the ap_types include directory (first argument or AP_TYPES)" >&2
        exit 64
      fi
      mkdir -p build
      ${CXX:-g++} -std=c++14 -O1 -DNDEBUG ${CXXFLAGS:-} -I"$ap_types" \\
        firmware/\(name).cpp tb/\(name)_tb.cpp -o build/\(name)_tb
      if [ $# -eq 0 ]; then
        set -- \(defaults)
      fi
      exec ./build/\(name)_tb "$@"

      """
  }
}
