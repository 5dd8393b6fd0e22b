"""The torch-free helpers of the training scripts: the built etch, data sets, metrics."""

import json
import os
import subprocess
import sys

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def etch_binary():
    """The release etch of this checkout (built if needed), or $ETCH_BINARY."""
    if os.environ.get("ETCH_BINARY"):
        return os.environ["ETCH_BINARY"]
    subprocess.run(["swift", "build", "-c", "release", "--product", "etch"], cwd=ROOT,
                   check=True, stdout=sys.stderr)
    folder = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(folder, "etch")


def synth(kind, folder, count, seed, *options):
    """Runs `etch synth KIND` into folder (reusing it if already complete); returns folder."""
    stamp = os.path.join(folder, "command.json")
    command = [etch_binary(), "synth", kind, "--count", str(count), "--seed", str(seed),
               "--out", folder, "--json", *map(str, options)]
    if os.path.exists(stamp) and json.load(open(stamp))["command"][1:] == command[1:]:
        return folder
    print("$ etch " + " ".join(command[1:]), file=sys.stderr)
    result = subprocess.run(command, check=True, capture_output=True, text=True)
    os.makedirs(folder, exist_ok=True)
    json.dump({"command": command, "report": json.loads(result.stdout)}, open(stamp, "w"))
    return folder


def macro_f1(predicted, truth, classes=5):
    """The mean over classes of 2·TP / (2·TP + FP + FN) (1 for a class never seen)."""
    scores = []
    for c in range(classes):
        tp = np.sum((predicted == c) & (truth == c))
        fp = np.sum((predicted == c) & (truth != c))
        fn = np.sum((predicted != c) & (truth == c))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
    return float(np.mean(scores))
