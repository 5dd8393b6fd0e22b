"""Trains models/lattice_classifier: a 64x64 diffraction frame to one of the five 2D
Bravais lattices (oblique, rectangular, centred rectangular, square, hexagonal).

The strain encoder's backbone (8x8 stride-4 convolution, two 3x3 stride-2 convolutions)
with a dense layer to five classes and a softmax. Data from `etch synth lattice` (random
orientation, lattice constant, probe radius, strain and dose 100-10,000 electrons).

    python training/train_lattice_classifier.py [--epochs 15] [--train 20000]
"""

import argparse
import json
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import ROOT, load, macro_f1, predict, synth, train  # noqa: E402
from etch_export import EtchGraph  # noqa: E402

NAME = "lattice_classifier"
CLASSES = ["oblique", "rectangular", "centred-rectangular", "square", "hexagonal"]


def network(width):
    return nn.Sequential(
        nn.Conv2d(1, width, 8, stride=4), nn.ReLU(),
        nn.Conv2d(width, 2 * width, 3, stride=2), nn.ReLU(),
        nn.Conv2d(2 * width, 2 * width, 3, stride=2), nn.ReLU(),
        nn.Flatten(), nn.Linear(2 * width * 9, 5))


NODES = ["conv1", "relu1", "conv2", "relu2", "conv3", "relu3", "flatten", "logits"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--train", type=int, default=20000)
    parser.add_argument("--width", type=int, default=16)
    parser.add_argument("--data", default="/tmp/etch-training")
    parser.add_argument("--out", default=os.path.join(ROOT, "models", NAME))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    train_dir = synth("lattice", f"{args.data}/lattice-train", args.train, 11)
    calib_dir = synth("lattice", f"{args.data}/lattice-calibration", 128, 12)
    valid_dir = synth("lattice", f"{args.data}/lattice-validation", 384, 13)
    x = torch.from_numpy(load(train_dir, "frames.npy"))
    y = torch.from_numpy(load(train_dir, "labels.npy"))

    model = train(network(args.width), nn.CrossEntropyLoss(), x, y, args.epochs, log=NAME)
    graph = EtchGraph(NAME, [("frame", [1, 64, 64])])
    logits = graph.sequential(model, "frame", NODES)
    out = graph.node("probabilities", "softmax", [logits], axis=-1)
    graph.save(args.out, [out])

    frames = load(valid_dir, "frames.npy")
    labels = load(valid_dir, "labels.npy")
    probabilities = torch.softmax(torch.from_numpy(predict(model, torch.from_numpy(frames))), 1)
    probabilities = probabilities.numpy()
    np.save(os.path.join(args.out, "input.npy"), frames)
    np.save(os.path.join(args.out, "labels.npy"), labels)
    np.save(os.path.join(args.out, "output.npy"), probabilities)
    np.save(os.path.join(args.out, "calibration.npy"), load(calib_dir, "frames.npy"))
    predicted = probabilities.argmax(1)
    metrics = {"accuracy": float(np.mean(predicted == labels)),
               "macro_f1": macro_f1(predicted, labels),
               "validation": "etch synth lattice --count 384 --seed 13 (dose 100:10000)",
               "parameters": sum(p.numel() for p in model.parameters())}
    json.dump(metrics, open(os.path.join(args.data, f"{NAME}.metrics.json"), "w"), indent=2)
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
