# Vitis HLS project of braggnn, emitted by Etch (written for Vitis HLS 2023.2).
#   vitis_hls -f build_prj.tcl                          # every step
#   vitis_hls -f build_prj.tcl -tclargs csim=1 synth=0  # choose steps
# Steps: csim (C simulation of tb/braggnn_tb.cpp), synth (C synthesis), cosim (RTL
# co-simulation with the same testbench), export (IP catalog archive).
array set step {csim 1 synth 1 cosim 1 export 1}
foreach arg $argv {
  if {[regexp {^(csim|synth|cosim|export)=([01])$} $arg -> key value]} {
    set step($key) $value
  }
}
set part {xcvu9p-flga2104-2L-e}
set clock_period 5

open_project -reset braggnn_prj
set_top braggnn
add_files firmware/braggnn.cpp -cflags "-std=c++14 -DNDEBUG"
add_files -tb tb/braggnn_tb.cpp -cflags "-std=c++14 -DNDEBUG"
open_solution -reset solution1 -flow_target vivado
set_part $part
create_clock -period $clock_period -name default

# The testbench reads the sample frames and writes its outputs next to them.
set tb_args "[file normalize tb_data/patch.txt] [file normalize tb_data]/out_"
if {$step(csim)} { csim_design -argv $tb_args }
if {$step(synth)} { csynth_design }
if {$step(cosim)} { cosim_design -argv $tb_args }
if {$step(export)} { export_design -format ip_catalog }
exit
