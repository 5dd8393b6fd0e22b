#!/bin/sh
# C simulation of braggnn with g++ alone (no Vitis HLS): builds the testbench against
# Xilinx's ap_types headers and runs it.
#   ./csim.sh AP_TYPES_DIR [INPUT... OUTPUT_PREFIX]
# AP_TYPES_DIR holds ap_fixed.h, ap_int.h and hls_stream.h (or set AP_TYPES). With no
# inputs it runs the sample frames: tb_data/patch.txt tb_data/out_. CXX and CXXFLAGS
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
${CXX:-g++} -std=c++14 -O1 -DNDEBUG ${CXXFLAGS:-} -I"$ap_types" \
  firmware/braggnn.cpp tb/braggnn_tb.cpp -o build/braggnn_tb
if [ $# -eq 0 ]; then
  set -- tb_data/patch.txt tb_data/out_
fi
exec ./build/braggnn_tb "$@"
