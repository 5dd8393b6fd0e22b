#!/usr/bin/env bash
# The test command: builds Etch in release mode and runs every test.
# Release mode because the fixed-point property sweeps run 10^6 cases per operation.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release
swift test -c release "$@"
