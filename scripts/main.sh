#!/usr/bin/env bash
# The main job on the bundled defaults: builds etch in release mode, then for every model
# under models/ prints `etch inspect` and runs `etch run` (float32) on its bundled data,
# comparing the outputs with the bundled reference outputs (PyTorch's) when there are any.
# A peak finder bundled with pixel labels (BraggNN: real_labels.npy and synthetic_centres.npy;
# NAME ending in _szN for N×N patches, else 11) is then validated in fixed point, calibrated
# and uniform ap_fixed<16,6>, and the mean peak distance between the fixed and float peaks
# printed. Any other model bundled with labels.npy is validated at the default (calibrated)
# precision, on calibration.npy when it has one, against those labels.
# Everything written goes under .build/main-job/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product etch
etch="$(swift build -c release --show-bin-path)/etch"
out=.build/main-job
mkdir -p "$out"

# The first of the given files in a model's folder that exists, or nothing.
first_of() {
  local folder=$1
  shift
  for file in "$@"; do
    if [[ -f "$folder/$file" ]]; then
      echo "$folder/$file"
      return
    fi
  done
}

for document in models/*/*.json models/*.json; do
  [[ -f "$document" ]] || continue
  name=$(basename "$document" .json)
  folder=$(dirname "$document")
  # A model folder holds NAME/NAME.json; other JSON files in it are not models.
  if [[ "$folder" != models && "$(basename "$folder")" != "$name" ]]; then continue; fi

  echo
  echo "=== $name"
  echo
  "$etch" inspect "$document" | tee "$out/$name.inspect.txt"
  "$etch" inspect "$document" --json >"$out/$name.inspect.json"

  [[ "$folder" != models ]] || continue
  input=$(first_of "$folder" patches.npy input.npy)
  if [[ -z "$input" ]]; then
    echo "(no bundled input data: patches.npy or input.npy)"
    continue
  fi
  reference=$(first_of "$folder" pytorch_output.npy output.npy)
  echo
  "$etch" run "$document" --input "$input" --output "$out/$name/" \
    ${reference:+--compare "$reference"} | tee "$out/$name.run.txt"

  if [[ -f "$folder/labels.npy" ]]; then
    calibration=$(first_of "$folder" calibration.npy)
    echo
    "$etch" validate "$document" --data "$input" --labels "$folder/labels.npy" \
      ${calibration:+--calibration "$calibration"} | tee "$out/$name.validate.txt"
  fi

  if [[ -f "$folder/real_labels.npy" && -f "$folder/synthetic_centres.npy" ]]; then
    pixels=11
    if [[ "$name" == *_sz* ]]; then pixels=${name##*_sz}; fi
    for precision in calibrated 'ap_fixed<16,6>'; do
      tag=${precision//[<>,]/_}
      echo
      "$etch" validate "$document" --data "$input" --pixels "$pixels" \
        --labels "$folder/real_labels.npy" --labels "$folder/synthetic_centres.npy" \
        --precision "$precision" --plot "$out/$name.validate.$tag.svg" \
        | tee "$out/$name.validate.$tag.txt"
    done
    echo
    for precision in calibrated 'ap_fixed<16,6>'; do
      tag=${precision//[<>,]/_}
      distance=$(grep -o 'mean peak distance [0-9.e+-]* px (fixed vs float)' \
        "$out/$name.validate.$tag.txt")
      echo "$name, precision $precision: $distance"
    done
  fi
done

echo
echo "Outputs are in $out/."
