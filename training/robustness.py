"""Writes docs/robustness.md: the strain encoder's and the lattice classifier's float and
fixed-point metrics across doses of 10 to 10,000 electrons per frame.

For each dose, fresh frames from `etch synth` (a seed of their own), run through the model
by `etch run` (float32) and `etch run --fixed` (bit-accurate, default calibrated precision,
calibrated on the model's bundled calibration.npy); metrics computed against the labels.

    python training/robustness.py [--count 256]
"""

import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from etch_tools import ROOT, etch_binary, macro_f1, synth  # noqa: E402

DOSES = [10, 30, 100, 300, 1000, 3000, 10000]


CLEAN = "/tmp/etch-training-clean"


def run(etch, model, frames, out, fixed):
    """Outputs of `etch run` on frames; model is a folder holding NAME.json and calibration."""
    command = [etch, "run", model, "--input", frames, "--output", out]
    if fixed:
        command += ["--fixed", "--calibration", os.path.join(model, "calibration.npy")]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return np.load(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=256)
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "robustness.md"))
    parser.add_argument("--epochs", type=int, default=12)
    args = parser.parse_args()
    etch = etch_binary()
    # The effect of training with noise: the same encoder trained on near-noiseless frames
    # (dose 100,000 only), unless already trained.
    clean = os.path.join(CLEAN, "strain_encoder")
    if not os.path.exists(os.path.join(clean, "strain_encoder.json")):
        subprocess.run([sys.executable, os.path.join(ROOT, "training", "train_strain_encoder.py"),
                        "--train-dose", "100000", "--data", CLEAN, "--out", clean,
                        "--epochs", str(args.epochs)], check=True)
    encoder = os.path.join(ROOT, "models", "strain_encoder")
    classifier = os.path.join(ROOT, "models", "lattice_classifier")
    rows_strain, rows_clean, rows_lattice, all_labels = [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        for dose in DOSES:
            stem = synth("stem", f"{folder}/stem-{dose}", args.count, 100 + dose, "--dose", dose,
                         "--scan", 4)
            labels = np.load(f"{stem}/labels.npy") * 100
            for model, rows in [(encoder, rows_strain), (clean, rows_clean)]:
                row = [dose]
                for fixed in (False, True):
                    y = run(etch, model, f"{stem}/frames.npy", f"{stem}/y.npy", fixed)
                    row += list(np.sqrt(np.mean((y - labels) ** 2, axis=0)))
                rows.append(row)
            all_labels.append(labels)
            lattice = synth("lattice", f"{folder}/lattice-{dose}", args.count, 200 + dose,
                            "--dose", dose)
            truth = np.load(f"{lattice}/labels.npy")
            row = [dose]
            for fixed in (False, True):
                p = run(etch, classifier, f"{lattice}/frames.npy", f"{lattice}/p.npy",
                        fixed).argmax(1)
                row += [float(np.mean(p == truth)), macro_f1(p, truth)]
            rows_lattice.append(row)
            print(f"dose {dose}: strain {rows_strain[-1][1:]}, clean {rows_clean[-1][1:]}, "
                  f"lattice {rows_lattice[-1][1:]}", file=sys.stderr)

    lines = [
        "# Robustness to dose",
        "",
        "How the bundled 4D-STEM models degrade as the dose (electrons per frame) falls, in",
        "float32 and in fixed point at Etch's default precision (calibrated on each model's",
        "`calibration.npy`), and the effect of training with noise. Produced by one command",
        "(it builds etch in release mode unless `ETCH_BINARY` is set, and trains the",
        "noiseless-trained comparison encoder with PyTorch if it is not in",
        f"`{CLEAN}` yet):",
        "",
        "```",
        f"python training/robustness.py --count {args.count}  # about a minute, plus training",
        "```",
        "",
        f"Each dose uses {args.count} fresh frames from `etch synth stem --scan 4` and `etch synth",
        "lattice` at `--dose D` (seeds 100 + D and 200 + D), run through `etch run` (float) and",
        "`etch run --fixed`.",
        "",
        "## strain_encoder: RMSE per output, in units of 1e-2 (strain in %, rotation in "
        "centiradians)",
        "",
        "Trained on doses drawn log-uniformly from 100 to 100,000 electrons per frame.",
        "",
        "| dose | float εxx | εyy | εxy | θ | fixed εxx | εyy | εxy | θ |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows_strain:
        lines.append(f"| {row[0]:,} | " + " | ".join(f"{v:.3f}" for v in row[1:]) + " |")
    lines += [
        "",
        "For scale, predicting the labels' mean gives an RMSE of "
        + ", ".join(f"{v:.2f}" for v in np.concatenate(all_labels).std(axis=0))
        + " (their standard deviations over all doses' frames).",
        "",
        "### Trained without noise",
        "",
        "The same encoder, script and epochs, trained on frames at 100,000 electrons only",
        "(`train_strain_encoder.py --train-dose 100000`):",
        "",
        "| dose | float εxx | εyy | εxy | θ | fixed εxx | εyy | εxy | θ |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows_clean:
        lines.append(f"| {row[0]:,} | " + " | ".join(f"{v:.3f}" for v in row[1:]) + " |")
    ratios = [np.mean(c[1:5]) / np.mean(n[1:5]) for c, n in zip(rows_clean, rows_strain)]
    gap = max(abs(a - b) for row in rows_strain + rows_clean for a, b in zip(row[1:5], row[5:]))
    lines += [
        "",
        "Training with noise: the mean float RMSE of the noiseless-trained encoder divided by",
        "the noise-trained one's is " + ", ".join(f"{x:.2f}" for x in ratios)
        + " at the doses above, in order. Fixed point (calibrated) differs from float by at",
        f"most {gap:.4f} in any RMSE above.",
    ]
    lines += [
        "",
        "## lattice_classifier: accuracy and macro-F1 over the five classes",
        "",
        "Trained on doses drawn log-uniformly from 100 to 10,000 electrons per frame; chance",
        "is 0.2.",
        "",
        "| dose | float accuracy | float macro-F1 | fixed accuracy | fixed macro-F1 |",
        "|---:|---:|---:|---:|---:|",
    ]
    for row in rows_lattice:
        lines.append(f"| {row[0]:,} | " + " | ".join(f"{v:.3f}" for v in row[1:]) + " |")
    gap = max(abs(row[2] - row[4]) for row in rows_lattice)
    lines += ["", f"Fixed point (calibrated) differs from float by at most {gap:.4f} in macro-F1."]
    open(args.out, "w").write("\n".join(lines) + "\n")
    print(f"wrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
