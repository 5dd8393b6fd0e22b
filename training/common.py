"""Shared pieces of the training scripts: the built etch, data sets, a training loop."""

import json
import os
import subprocess
import sys
import time

import numpy as np
import torch

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


def train(model, loss_fn, x, y, epochs, batch=128, lr=2e-3, seed=0, log=""):
    """Adam with a cosine schedule over shuffled mini-batches; returns the model."""
    torch.manual_seed(seed)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    steps = epochs * ((len(x) + batch - 1) // batch)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=lr, total_steps=steps)
    start = time.time()
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x))
        total = 0.0
        for i in range(0, len(x), batch):
            index = order[i:i + batch]
            optimiser.zero_grad()
            loss = loss_fn(model(x[index]), y[index])
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item() * len(index)
        print(f"{log} epoch {epoch + 1}/{epochs}: loss {total / len(x):.5f} "
              f"({time.time() - start:.0f} s)", file=sys.stderr)
    model.eval()
    return model


def predict(model, x, batch=512):
    """The model's float32 outputs on x, in batches, without gradients."""
    with torch.no_grad():
        return torch.cat([model(x[i:i + batch]) for i in range(0, len(x), batch)]).numpy()


def load(folder, name):
    return np.load(os.path.join(folder, name))
