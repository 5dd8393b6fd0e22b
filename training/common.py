"""Shared pieces of the training scripts that need PyTorch: a training loop, prediction."""

import os
import sys
import time

import numpy as np
import torch

from etch_tools import ROOT, etch_binary, macro_f1, synth  # noqa: F401


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
