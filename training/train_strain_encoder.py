"""Trains models/strain_encoder: a 64x64 4D-STEM frame to (exx, eyy, exy, theta).

A small CNN in the spirit of the CC-ST-AE encoder for FPGAs: an 8x8 stride-4 first
convolution, two 3x3 stride-2 convolutions, one dense layer; about 16k parameters. Outputs
are in units of 1e-2 (strain in percent, rotation in centiradians) so that fixed point
resolves them. Data from `etch synth stem`; trained on CPU in a few minutes.

    python training/train_strain_encoder.py [--epochs 12] [--train 16384]
"""

import argparse
import json
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, load, predict, synth, train  # noqa: E402
from etch_export import EtchGraph  # noqa: E402

NAME = "strain_encoder"
SCALE = 100.0  # labels are written and predicted in units of 1e-2
OUTPUTS = ["exx", "eyy", "exy", "theta"]


def network():
    return nn.Sequential(
        nn.Conv2d(1, 16, 8, stride=4), nn.ReLU(),
        nn.Conv2d(16, 32, 3, stride=2), nn.ReLU(),
        nn.Conv2d(32, 32, 3, stride=2), nn.ReLU(),
        nn.Flatten(), nn.Linear(288, 4))


NODES = ["conv1", "relu1", "conv2", "relu2", "conv3", "relu3", "flatten", "strain"]


def rmse(prediction, truth):
    return np.sqrt(np.mean((prediction - truth) ** 2, axis=0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--train", type=int, default=16384)
    parser.add_argument("--train-dose", default="100:100000")
    parser.add_argument("--data", default="/tmp/etch-training")
    parser.add_argument("--out", default=os.path.join(ROOT, "models", NAME))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    train_dir = synth("stem", f"{args.data}/stem-train", args.train, 1, "--dose", args.train_dose)
    # Small scans (4x4) so that the few validation frames cover many strain states.
    calib_dir = synth("stem", f"{args.data}/stem-calibration", 128, 2, "--scan", 4)
    valid_dir = synth("stem", f"{args.data}/stem-validation", 384, 3, "--scan", 4)
    x = torch.from_numpy(load(train_dir, "frames.npy"))
    y = torch.from_numpy(load(train_dir, "labels.npy") * SCALE)

    model = train(network(), nn.MSELoss(), x, y, args.epochs, log=NAME)
    graph = EtchGraph(NAME, [("frame", [1, 64, 64])])
    out = graph.sequential(model, "frame", NODES)
    graph.save(args.out, [out])

    frames = load(valid_dir, "frames.npy")
    labels = (load(valid_dir, "labels.npy") * SCALE).astype(np.float32)
    outputs = predict(model, torch.from_numpy(frames))
    np.save(os.path.join(args.out, "input.npy"), frames)
    np.save(os.path.join(args.out, "labels.npy"), labels)
    np.save(os.path.join(args.out, "output.npy"), outputs)
    np.save(os.path.join(args.out, "calibration.npy"), load(calib_dir, "frames.npy"))
    errors = rmse(outputs, labels)
    metrics = {"rmse_1e-2": dict(zip(OUTPUTS, map(float, errors))),
               "label_std_1e-2": dict(zip(OUTPUTS, map(float, labels.std(axis=0)))),
               "validation": "etch synth stem --count 384 --seed 3 --scan 4 (dose 10000)",
               "parameters": sum(p.numel() for p in model.parameters())}
    json.dump(metrics, open(os.path.join(args.data, f"{NAME}.metrics.json"), "w"), indent=2)
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
