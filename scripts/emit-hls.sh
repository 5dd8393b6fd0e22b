#!/usr/bin/env bash
# Writes the Vitis HLS project of every model under models/ into hls-out/NAME/ (committed, so
# the generated C++ can be reviewed; a test fails when re-emitting would change a byte).
#
#   scripts/emit-hls.sh [OUT]     # OUT defaults to hls-out
#
# Settings, those of the main job: the calibrated precision, calibrated on the model's bundled
# frames (calibration.npy, else patches.npy, else input.npy; all of them), the architecture
# by model size (parallel when every tensor holds at most 4,096 values, else stream), part
# xcvu9p at 5 ns, reuse 1. A model without bundled frames is compiled at ap_fixed<16,6>. Each
# OUT/NAME is removed and written afresh. ETCH=PATH uses that etch executable instead of
# building one in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-hls-out}"
if [[ -z "${ETCH:-}" ]]; then
  swift build -c release --product etch >&2
  ETCH="$(swift build -c release --show-bin-path)/etch"
fi

for document in models/*/*.json models/*.json; do
  [[ -f "$document" ]] || continue
  name=$(basename "$document" .json)
  folder=$(dirname "$document")
  # A model folder holds NAME/NAME.json; other JSON files in it are not models.
  if [[ "$folder" != models && "$(basename "$folder")" != "$name" ]]; then continue; fi
  precision=(--precision 'ap_fixed<16,6>')
  for frames in calibration.npy patches.npy input.npy; do
    if [[ "$folder" != models && -f "$folder/$frames" ]]; then
      precision=(--precision calibrated --calibration "$folder/$frames")
      break
    fi
  done
  rm -rf "${out:?}/$name"
  "$ETCH" compile "$document" "${precision[@]}" --out "$out/$name" >/dev/null
  echo "$out/$name: $(find "$out/$name" -type f | wc -l) files, $(du -sk "$out/$name" | cut -f1) KiB"
done
