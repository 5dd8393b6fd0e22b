#!/usr/bin/env bash
# The main job on the bundled defaults: every model under models/ end to end, offline, with
# neither Python nor network.
#
#   1. compile: the passes, calibrated quantisation and the Vitis HLS project of every model,
#      written into hls-out/NAME/ by scripts/emit-hls.sh (the committed projects; a test
#      keeps them byte-identical to what this writes);
#   2. per model:
#      - inspect: layers, parameters, multiply-accumulates;
#      - run: float32 on the bundled frames, compared with the bundled PyTorch outputs;
#      - validate: fixed point (calibrated on the model's calibration frames, the program in
#        hls-out/) against float, per layer and end to end, against the bundled labels; a
#        peak finder (BraggNN) also at uniform ap_fixed<16,6>, in pixels;
#      - budget: the cost model's verdict on an xcvu9p against the LBNL 4D Camera and the
#        EMPAD-G2, with reuse factors fitted to each frame period (estimates);
#      - bench: the CPU runtime's frames/s, float and fixed, one thread, batch 1;
#   3. a summary table.
# Everything else written goes under .build/main-job/ (ignored by git): each command's full
# output as NAME.COMMAND.txt, the float outputs, validation plots and fitted configs.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product etch
etch="$(swift build -c release --show-bin-path)/etch"
out=.build/main-job
mkdir -p "$out"
part=xcvu9p
detectors=(4d-camera empad-g2)

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

echo
echo "=== compile: passes, quantisation and the HLS project of every model (hls-out/)"
echo
ETCH="$etch" bash scripts/emit-hls.sh | tee "$out/emit-hls.txt"

summary=()
for document in models/*/*.json; do
  name=$(basename "$document" .json)
  folder=$(dirname "$document")
  # A model folder holds NAME/NAME.json; other JSON files in it are not models.
  [[ "$(basename "$folder")" == "$name" ]] || continue
  input=$(first_of "$folder" patches.npy input.npy)
  calibration=$(first_of "$folder" calibration.npy patches.npy input.npy)
  reference=$(first_of "$folder" pytorch_output.npy output.npy)

  echo
  echo "=== $name"
  echo
  "$etch" inspect "$document" >"$out/$name.inspect.txt"
  grep -E '^(model|input|output) ' "$out/$name.inspect.txt"
  tail -n 1 "$out/$name.inspect.txt"
  if [[ -z "$input" ]]; then
    echo "(no bundled frames: patches.npy or input.npy)"
    continue
  fi

  "$etch" run "$document" --input "$input" --output "$out/$name/" \
    ${reference:+--compare "$reference"} >"$out/$name.run.txt"
  grep -E 'frames in|vs ' "$out/$name.run.txt" | sed 's/^/run: /'

  metric=""
  if [[ -f "$folder/real_labels.npy" && -f "$folder/synthetic_centres.npy" ]]; then
    pixels=11
    if [[ "$name" == *_sz* ]]; then pixels=${name##*_sz}; fi
    for precision in calibrated 'ap_fixed<16,6>'; do
      tag=${precision//[<>,]/_}
      "$etch" validate "$document" --data "$input" --calibration "$calibration" \
        --pixels "$pixels" --labels "$folder/real_labels.npy" \
        --labels "$folder/synthetic_centres.npy" --precision "$precision" \
        --plot "$out/$name.validate.$tag.svg" >"$out/$name.validate.$tag.txt"
      distance=$(grep -o 'mean peak distance [0-9.e+-]* px (fixed vs float)' \
        "$out/$name.validate.$tag.txt" || true)
      echo "validate, precision $precision: $distance"
      [[ "$precision" != calibrated ]] || metric=$distance
    done
  elif [[ -f "$folder/labels.npy" ]]; then
    "$etch" validate "$document" --data "$input" --calibration "$calibration" \
      --labels "$folder/labels.npy" --plot "$out/$name.validate.svg" \
      >"$out/$name.validate.txt"
    grep -E 'vs labels|vs float|mean distance|macro-F1|RMSE' "$out/$name.validate.txt" \
      | sed 's/^ */validate: /'
    metric=$(grep -o 'macro-F1 float [0-9.]*, fixed [0-9.]*' "$out/$name.validate.txt" || true)
    if [[ -z "$metric" ]]; then
      metric=$(grep -o 'vs labels: .*' "$out/$name.validate.txt" | sed 's/^vs labels: //' || true)
      metric=${metric:+$metric (vs labels)}
    fi
  fi

  verdicts=""
  for detector in "${detectors[@]}"; do
    "$etch" budget "$document" --target "$part" --detector "$detector" \
      --calibration "$calibration" --fit --out-config "$out/$name.fit.$detector.json" \
      >"$out/$name.budget.$detector.txt"
    verdict=$(grep '^verdict' "$out/$name.budget.$detector.txt")
    echo "budget, $part vs $detector: ${verdict#verdict (estimate): }"
    verdicts+="${verdicts:+; }$detector: $(echo "${verdict#verdict (estimate): }" | cut -d: -f1)"
  done

  rates=""
  for engine in float fixed; do
    calibrate=()
    [[ "$engine" == float ]] || calibrate=(--calibration "$calibration")
    "$etch" bench "$document" --engine "$engine" --data "$input" "${calibrate[@]}" \
      >"$out/$name.bench.$engine.txt" 2>&1
    rate=$(grep -o '[0-9,]* frames/s' "$out/$name.bench.$engine.txt" | head -n 1)
    echo "bench, $engine engine: $rate, one thread"
    rates+="${rates:+, }$engine $rate"
  done
  summary+=("$name | ${metric:-–} | $verdicts | $rates")
done

echo
echo "=== summary (budget verdicts are estimates on $part, with fitted reuse factors)"
echo
echo "model | fixed point, calibrated | budget | CPU runtime"
for row in "${summary[@]}"; do echo "$row"; done
echo
echo "HLS projects are in hls-out/; everything else is in $out/."
