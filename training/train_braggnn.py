"""Trains models/braggnn: the published BraggNN architecture (Liu et al., IUCrJ 9, 2022:
conv 64, non-local block, convs 32 and 8, dense 16-8-4-2-2, LeakyReLU) on synthetic
pseudo-Voigt peaks from `etch synth bragg`.

The output is the peak centre (row, column) divided by 11, as in the published model.
Reports the peak error in pixels (median, 75th and 95th percentile) on synthetic
validation patches and on the ten real HEDM patches in ../shared/real/braggnn.

    python training/train_braggnn.py [--epochs 12] [--train 8000]
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

NAME = "braggnn"
SIZE = 11


class NonLocalBlock(nn.Module):
    def __init__(self, channels=64, inner=32):
        super().__init__()
        self.inner = inner
        self.theta_layer = nn.Conv2d(channels, inner, 1)
        self.phi_layer = nn.Conv2d(channels, inner, 1)
        self.g_layer = nn.Conv2d(channels, inner, 1)
        self.out_cnn = nn.Conv2d(inner, channels, 1)

    def forward(self, x):
        b, _, h, w = x.shape
        theta = self.theta_layer(x).view(b, self.inner, -1).permute(0, 2, 1)
        phi = self.phi_layer(x).view(b, self.inner, -1)
        attention = torch.softmax(torch.matmul(theta, phi), dim=-1)
        g = self.g_layer(x).view(b, self.inner, -1).permute(0, 2, 1)
        y = torch.matmul(attention, g).permute(0, 2, 1).contiguous().view(b, self.inner, h, w)
        return self.out_cnn(y) + x


class BraggNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 64, 3)
        self.nlb = NonLocalBlock()
        self.conv2 = nn.Conv2d(64, 32, 3)
        self.conv3 = nn.Conv2d(32, 8, 3)
        self.dense = nn.ModuleList(
            [nn.Linear(200, 16), nn.Linear(16, 8), nn.Linear(8, 4), nn.Linear(4, 2),
             nn.Linear(2, 2)])
        self.act = nn.LeakyReLU(0.01)
        # The 4- and 2-unit layers die easily (a dead unit freezes one coordinate): start
        # every hidden dense unit active.
        for layer in self.dense[:-1]:
            nn.init.constant_(layer.bias, 0.1)

    def forward(self, x):
        x = self.act(self.nlb(self.conv1(x)))
        x = self.act(self.conv3(self.act(self.conv2(x)))).flatten(1)
        for layer in self.dense[:-1]:
            x = self.act(layer(x))
        return self.dense[-1](x)


def export(model, folder):
    g = EtchGraph(NAME, [("patch", [1, SIZE, SIZE])])
    p = lambda name, m: {"weight": (f"{name}.weight", m.weight), "bias": (f"{name}.bias", m.bias)}
    nlb = model.nlb
    g.node("conv1", "conv2d", ["patch"], p("conv1", model.conv1))
    for branch, layer in [("theta", nlb.theta_layer), ("phi", nlb.phi_layer), ("g", nlb.g_layer)]:
        g.node(f"nlb_{branch}", "conv2d", ["conv1"], p(f"nlb.{branch}_layer", layer))
    g.node("nlb_theta_flat", "reshape", ["nlb_theta"], shape=[32, 81])
    g.node("nlb_theta_t", "transpose", ["nlb_theta_flat"], perm=[1, 0])
    g.node("nlb_phi_flat", "reshape", ["nlb_phi"], shape=[32, 81])
    g.node("nlb_g_flat", "reshape", ["nlb_g"], shape=[32, 81])
    g.node("nlb_g_t", "transpose", ["nlb_g_flat"], perm=[1, 0])
    g.node("nlb_affinity", "matmul", ["nlb_theta_t", "nlb_phi_flat"])
    g.node("nlb_attention", "softmax", ["nlb_affinity"], axis=-1)
    g.node("nlb_y", "matmul", ["nlb_attention", "nlb_g_t"])
    g.node("nlb_y_t", "transpose", ["nlb_y"], perm=[1, 0])
    g.node("nlb_y_map", "reshape", ["nlb_y_t"], shape=[32, 9, 9])
    g.node("nlb_out", "conv2d", ["nlb_y_map"], p("nlb.out_cnn", nlb.out_cnn))
    g.node("nlb_residual", "add", ["nlb_out", "conv1"])
    g.node("act1", "leaky_relu", ["nlb_residual"], alpha=0.01)
    g.node("conv2", "conv2d", ["act1"], p("conv2", model.conv2))
    g.node("act2", "leaky_relu", ["conv2"], alpha=0.01)
    g.node("conv3", "conv2d", ["act2"], p("conv3", model.conv3))
    g.node("act3", "leaky_relu", ["conv3"], alpha=0.01)
    source = g.node("flatten", "flatten", ["act3"])
    for i, layer in enumerate(model.dense[:-1]):
        g.node(f"fc{i + 1}", "dense", [source], p(f"dense.{i}", layer))
        source = g.node(f"fc{i + 1}_act", "leaky_relu", [f"fc{i + 1}"], alpha=0.01)
    g.node("peak", "dense", [source], p("dense.4", model.dense[4]))
    g.save(folder, ["peak"])


def percentiles(errors):
    return {f"p{q}": float(np.percentile(errors, q)) for q in (50, 75, 95)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--train", type=int, default=8000)
    parser.add_argument("--data", default="/tmp/etch-training")
    parser.add_argument("--real", default=os.path.join(os.path.dirname(ROOT), "shared", "real",
                                                       "braggnn"))
    parser.add_argument("--out", default=os.path.join(ROOT, "models", NAME))
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    train_dir = synth("bragg", f"{args.data}/bragg-train", args.train, 21, "--dose", "200:20000")
    calib_dir = synth("bragg", f"{args.data}/bragg-calibration", 256, 22)
    valid_dir = synth("bragg", f"{args.data}/bragg-validation", 1000, 23)
    x = torch.from_numpy(load(train_dir, "patches.npy"))
    # Trained on standardised centres ((c - 5) / 1.5, of unit scale), then the last layer is
    # rescaled so that the exported model outputs centre / 11 as the published one does.
    middle, spread = (SIZE - 1) / 2, 1.5
    y = torch.from_numpy((load(train_dir, "centres.npy") - middle) / spread)
    model = train(BraggNN(), nn.MSELoss(), x, y, args.epochs, lr=1e-3, log=NAME)
    with torch.no_grad():
        last = model.dense[-1]
        last.weight.mul_(spread / SIZE)
        last.bias.mul_(spread / SIZE).add_(middle / SIZE)
    export(model, args.out)

    real = np.load(os.path.join(args.real, "input.npy"))[:10]
    # The published labels of the real patches are in the published model's output order,
    # which is (column, row): that model matches the bundled synthetic_centres (row, column)
    # to 0.14 px median only with the two swapped (1.18 px as stored). Ours are (row, column).
    real_labels = np.load(os.path.join(args.real, "real_labels.npy"))[:, ::-1].copy()
    synthetic = load(valid_dir, "patches.npy")
    centres = load(valid_dir, "centres.npy")
    patches = np.concatenate([real, synthetic]).astype(np.float32)
    outputs = predict(model, torch.from_numpy(patches))
    np.save(os.path.join(args.out, "patches.npy"), patches)
    np.save(os.path.join(args.out, "output.npy"), outputs)
    np.save(os.path.join(args.out, "real_labels.npy"), real_labels)
    np.save(os.path.join(args.out, "synthetic_centres.npy"), centres)
    np.save(os.path.join(args.out, "calibration.npy"), load(calib_dir, "patches.npy"))
    errors = np.linalg.norm(outputs * SIZE - np.concatenate([real_labels, centres]), axis=1)
    metrics = {"real_px": percentiles(errors[:10]), "synthetic_px": percentiles(errors[10:]),
               "validation": "etch synth bragg --count 1000 --seed 23 (dose 1000)",
               "parameters": sum(p.numel() for p in model.parameters())}
    json.dump(metrics, open(os.path.join(args.data, f"{NAME}.metrics.json"), "w"), indent=2)
    print(json.dumps(metrics, indent=2))


if __name__ == "__main__":
    main()
