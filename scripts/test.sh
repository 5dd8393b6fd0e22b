#!/usr/bin/env bash
# The test command: builds Etch in release mode and runs every test.
# Release mode because the fixed-point property sweeps run 10^6 cases per operation.
# First it fetches Xilinx's ap_types headers (once, cached in .build/ap_types), which the
# HLS emitter's tests compile the emitted C++ against.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fetch-ap-types.sh >/dev/null
swift build -c release
swift test -c release "$@"
