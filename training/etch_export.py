"""Export PyTorch models to the Etch model format, version 1 (docs/model-format.md).

The one exporter of this repository: the training scripts build an ``EtchGraph`` node by
node (or from an ``nn.Sequential``) and ``save`` writes ``NAME.json`` and
``NAME.safetensors`` into a folder. It needs only torch and numpy: the safetensors file is
written by hand (8-byte little-endian header length, JSON header, raw float32 data).

    graph = EtchGraph("strain_encoder", [("frame", [1, 64, 64])])
    out = graph.sequential(model, "frame")
    graph.save("models/strain_encoder", outputs=[out])
"""

import json
import os
import struct

import numpy as np
import torch
from torch import nn


def _pair(value):
    return list(value) if isinstance(value, (tuple, list)) else [value, value]


class EtchGraph:
    """An Etch model document under construction: inputs, nodes and their weights."""

    def __init__(self, name, inputs):
        self.name = name
        self.inputs = [{"name": n, "shape": list(s)} for n, s in inputs]
        self.nodes = []
        self.tensors = {}

    def node(self, name, op, inputs, params=None, **attributes):
        """Appends a node; ``params`` maps roles to (tensor name, torch tensor)."""
        node = {"name": name, "op": op, "inputs": list(inputs)}
        node.update(attributes)
        if params:
            node["params"] = {}
            for role, (key, tensor) in params.items():
                if tensor is None:
                    continue
                node["params"][role] = key
                self.tensors[key] = tensor.detach().cpu().float().contiguous().numpy()
        self.nodes.append(node)
        return name

    def module(self, name, module, source):
        """Appends the node for one PyTorch module reading ``source``; returns its name."""
        weights = lambda: {"weight": (f"{name}.weight", module.weight),
                           "bias": (f"{name}.bias", module.bias)}
        if isinstance(module, nn.Conv2d):
            if isinstance(module.padding, str):
                raise ValueError(f"{name}: write padding as numbers, not '{module.padding}'")
            return self.node(name, "conv2d", [source], weights(),
                             stride=_pair(module.stride), padding=_pair(module.padding),
                             dilation=_pair(module.dilation), groups=module.groups)
        if isinstance(module, nn.Linear):
            return self.node(name, "dense", [source], weights())
        if isinstance(module, (nn.BatchNorm1d, nn.BatchNorm2d)):
            return self.node(name, "batchnorm", [source], {
                "weight": (f"{name}.weight", module.weight), "bias": (f"{name}.bias", module.bias),
                "running_mean": (f"{name}.running_mean", module.running_mean),
                "running_var": (f"{name}.running_var", module.running_var)}, eps=module.eps)
        if isinstance(module, nn.ReLU):
            return self.node(name, "relu", [source])
        if isinstance(module, nn.LeakyReLU):
            return self.node(name, "leaky_relu", [source], alpha=module.negative_slope)
        if isinstance(module, nn.Sigmoid):
            return self.node(name, "sigmoid", [source])
        if isinstance(module, nn.Tanh):
            return self.node(name, "tanh", [source])
        if isinstance(module, nn.Softmax):
            return self.node(name, "softmax", [source], axis=-1 if module.dim is None else module.dim - 1
                             if module.dim > 0 else module.dim)
        if isinstance(module, nn.Flatten):
            if module.start_dim != 1:
                raise ValueError(f"{name}: only Flatten(start_dim=1) has an Etch equivalent")
            return self.node(name, "flatten", [source])
        if isinstance(module, (nn.MaxPool2d, nn.AvgPool2d)):
            if module.ceil_mode or getattr(module, "count_include_pad", True) is False:
                raise ValueError(f"{name}: ceil_mode / count_include_pad=False have no v1 form")
            op = "maxpool2d" if isinstance(module, nn.MaxPool2d) else "avgpool2d"
            return self.node(name, op, [source], kernel=_pair(module.kernel_size),
                             stride=_pair(module.stride or module.kernel_size),
                             padding=_pair(module.padding))
        if isinstance(module, (nn.Identity, nn.Dropout)):
            return self.node(name, "identity", [source])
        raise ValueError(f"{name}: no Etch operator for {type(module).__name__}")

    def sequential(self, model, source, names=None):
        """Appends every module of an ``nn.Sequential``; returns the last node's name."""
        for index, module in enumerate(model):
            name = names[index] if names else f"{type(module).__name__.lower()}{index}"
            source = self.module(name, module, source)
        return source

    def save(self, folder, outputs):
        """Writes ``folder/NAME.json`` and ``folder/NAME.safetensors``."""
        os.makedirs(folder, exist_ok=True)
        document = {"format": "etch-model", "version": 1, "name": self.name,
                    "weights": f"{self.name}.safetensors", "inputs": self.inputs,
                    "outputs": list(outputs), "nodes": self.nodes}
        write_safetensors(os.path.join(folder, f"{self.name}.safetensors"), self.tensors)
        lines = [json.dumps(node) for node in self.nodes]
        text = json.dumps({k: v for k, v in document.items() if k != "nodes"}, indent=2)
        text = text[:-2] + ',\n  "nodes": [\n    ' + ",\n    ".join(lines) + "\n  ]\n}\n"
        with open(os.path.join(folder, f"{self.name}.json"), "w") as f:
            f.write(text)


def write_safetensors(path, tensors):
    """Writes float32 tensors in the safetensors layout, sorted by name, header padded to 8."""
    header, offset, blobs = {}, 0, []
    for key in sorted(tensors):
        data = np.ascontiguousarray(tensors[key], dtype="<f4")
        if not np.all(np.isfinite(data)):
            raise ValueError(f"tensor '{key}' holds a non-finite value")
        header[key] = {"dtype": "F32", "shape": list(data.shape),
                       "data_offsets": [offset, offset + data.nbytes]}
        offset += data.nbytes
        blobs.append(data.tobytes())
    text = json.dumps(header).encode()
    text += b" " * (-(8 + len(text)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
