#!/usr/bin/env bash
# Fetches Xilinx's ap_fixed / ap_int headers (and hls_stream.h) that the HLS emitter's tests
# compile the emitted C++ against, and prints the directory that holds them.
#
# The headers ship in the hls4ml 1.3.0 wheel on PyPI (hls4ml/templates/vivado/ap_types/).
# They are cached under .build/ap_types (git-ignored) and never committed; a second run
# only prints the path. Python is used for one thing here: unpacking the wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
target="$root/.build/ap_types"
if [[ -f "$target/ap_fixed.h" && -f "$target/hls_stream.h" ]]; then
  echo "$target"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m pip download --quiet --no-deps --dest "$work" hls4ml==1.3.0 >&2
wheel="$(ls "$work"/hls4ml-1.3.0-*.whl)"
python3 -m zipfile -e "$wheel" "$work/wheel" >&2
source="$work/wheel/hls4ml/templates/vivado/ap_types"
if [[ ! -f "$source/ap_fixed.h" ]]; then
  echo "error: $wheel has no hls4ml/templates/vivado/ap_types/ap_fixed.h" >&2
  exit 1
fi
mkdir -p "$root/.build"
rm -rf "$target.partial"
cp -R "$source" "$target.partial"
rm -rf "$target"
mv "$target.partial" "$target"
echo "$target"
