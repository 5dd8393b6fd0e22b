#!/usr/bin/env python3
"""Writes bench/models/cnn64: a 64x64 single-channel CNN with random weights, for benchmarks.

A stand-in for a 4D-STEM frame classifier (no trained model of this size exists in the
repository): conv 1->8, 3x3 pad 1, ReLU, maxpool 2 (32x32); conv 8->16, ReLU, maxpool 2
(16x16); conv 16->32, ReLU, maxpool 2 (8x8); flatten 2048 -> dense 32, ReLU -> dense 4.
About 2.8 M multiply-accumulates per frame. Weights are He-scaled normal from seed 0, so
activations keep a sensible range. Needs only numpy.
"""
import json
import os
import struct

import numpy as np

rng = np.random.default_rng(0)
folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models", "cnn64")
os.makedirs(folder, exist_ok=True)

tensors = {}
nodes = []


def conv(name, source, cin, cout):
    tensors[f"{name}.weight"] = (rng.standard_normal((cout, cin, 3, 3)) * np.sqrt(2 / (cin * 9))).astype("<f4")
    tensors[f"{name}.bias"] = (rng.standard_normal(cout) * 0.01).astype("<f4")
    nodes.append({"name": name, "op": "conv2d", "inputs": [source], "padding": [1, 1],
                  "params": {"weight": f"{name}.weight", "bias": f"{name}.bias"}})
    nodes.append({"name": f"{name}_relu", "op": "relu", "inputs": [name]})
    nodes.append({"name": f"{name}_pool", "op": "maxpool2d", "inputs": [f"{name}_relu"],
                  "kernel": 2})
    return f"{name}_pool"


def dense(name, source, fin, fout):
    tensors[f"{name}.weight"] = (rng.standard_normal((fout, fin)) * np.sqrt(2 / fin)).astype("<f4")
    tensors[f"{name}.bias"] = (rng.standard_normal(fout) * 0.01).astype("<f4")
    nodes.append({"name": name, "op": "dense", "inputs": [source],
                  "params": {"weight": f"{name}.weight", "bias": f"{name}.bias"}})
    return name


x = conv("conv1", "frame", 1, 8)
x = conv("conv2", x, 8, 16)
x = conv("conv3", x, 16, 32)
nodes.append({"name": "flat", "op": "flatten", "inputs": [x]})
x = dense("fc1", "flat", 2048, 32)
nodes.append({"name": "fc1_relu", "op": "relu", "inputs": ["fc1"]})
dense("fc2", "fc1_relu", 32, 4)

model = {"format": "etch-model", "version": 1, "name": "cnn64", "weights": "cnn64.safetensors",
         "inputs": [{"name": "frame", "shape": [1, 64, 64]}], "outputs": ["fc2"], "nodes": nodes}
with open(os.path.join(folder, "cnn64.json"), "w") as f:
    json.dump(model, f, indent=1)
    f.write("\n")

header, offset, blobs = {}, 0, []
for name, array in tensors.items():
    data = array.tobytes()
    header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
    offset += len(data)
    blobs.append(data)
text = json.dumps(header).encode()
text += b" " * (-len(text) % 8)
with open(os.path.join(folder, "cnn64.safetensors"), "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
print(f"wrote {folder}")
