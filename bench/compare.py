#!/usr/bin/env python3
"""Etch's CPU runtime against ONNX Runtime and PyTorch, in one run, on one thread.

For each model (an Etch model document NAME.json beside NAME.safetensors) this script
  1. builds the same network twice from the Etch files: as a PyTorch module (torch.nn.functional,
     node by node) and as an ONNX graph (onnx.helper, node by node; no exporter involved);
  2. writes N random frames in [0, 1) to a temporary .npy and checks that ONNX Runtime, PyTorch
     and `etch bench --engine float --output` agree on them (1e-4 relative);
  3. measures, in rounds that alternate the engines (the best of the rounds is kept, so a
     burst of load on a shared machine hurts every engine alike), frames per second at batch 1
     and batch 256, one thread each: ONNX Runtime (intra- and inter-op threads 1, sequential),
     PyTorch (torch.set_num_threads(1), inference mode), and `etch bench --threads 1` with the
     float and the fixed engine (the Simulator) at each --fixed precision: by default the
     calibrated precision (etch bench's default; it calibrates on the first 1,000 frames
     before timing starts) and uniform ap_fixed<16,6> (hls4ml's default);
  4. prints a table with the ratios Etch / ONNX Runtime and Etch / PyTorch, and --json FILE
     writes every number.

Etch's figures come from `etch bench`, the full streaming path (reader, queue, worker, ordered
sink); ONNX Runtime and PyTorch are timed as a plain loop of calls from Python.

    pip install onnxruntime onnx  &&  pip install /path/to/torch-*+cpu-*.whl   # CPU builds
    swift build -c release --product etch
    python3 bench/compare.py --etch .build/release/etch \
        ../shared/golden/jet_tagger/jet_tagger.json models/braggnn_fc16_8_4_2_sz11 \
        bench/models/cnn64/cnn64.json
"""
import argparse
import json
import os
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np


def load_etch(path):
    """The model document and its weights as numpy arrays."""
    if os.path.isdir(path):
        path = os.path.join(path, os.path.basename(os.path.normpath(path)) + ".json")
    with open(path) as f:
        doc = json.load(f)
    weights_path = os.path.join(os.path.dirname(path), doc.get("weights", doc["name"] + ".safetensors"))
    with open(weights_path, "rb") as f:
        raw = f.read()
    (length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + length])
    dtypes = {"F32": "<f4", "F64": "<f8", "F16": "<f2", "I8": "i1", "I16": "<i2", "I32": "<i4"}
    weights = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        data = raw[8 + length + begin:8 + length + end]
        weights[name] = np.frombuffer(data, dtype=dtypes[info["dtype"]]).reshape(info["shape"]).astype(np.float32)
    return path, doc, weights


def pair(value, default):
    value = default if value is None else value
    return list(value) if isinstance(value, list) else [value, value]


def conv_padding(node, rank):
    pad = node.get("padding", 0)
    if rank == 1:
        left, right = pad if isinstance(pad, list) else (pad, pad)
        return [left], [right]
    if isinstance(pad, list) and len(pad) == 4:
        top, left, bottom, right = pad
        return [top, left], [bottom, right]
    ph, pw = pair(pad, 0)
    return [ph, pw], [ph, pw]


def batch_axis(axis):
    return axis + 1 if axis >= 0 else axis


# --- PyTorch ---------------------------------------------------------------------------------

def torch_module(doc, weights):
    import torch
    import torch.nn.functional as F

    params = {k: torch.from_numpy(v.copy()) for k, v in weights.items()}

    class EtchModule(torch.nn.Module):
        def forward(self, x):
            values = {doc["inputs"][0]["name"]: x}
            for node in doc["nodes"]:
                a = [values[i] for i in node["inputs"]]
                p = {role: params[name] for role, name in node.get("params", {}).items()}
                op = node["op"]
                if op == "dense":
                    y = F.linear(a[0], p["weight"], p.get("bias"))
                elif op in ("conv1d", "conv2d"):
                    rank = 1 if op == "conv1d" else 2
                    begin, end = conv_padding(node, rank)
                    x0 = a[0]
                    if begin != end:
                        pads = [begin[-1], end[-1]] + ([begin[0], end[0]] if rank == 2 else [])
                        x0, begin = F.pad(x0, pads), [0] * rank
                    conv = F.conv1d if rank == 1 else F.conv2d
                    y = conv(x0, p["weight"], p.get("bias"), stride=node.get("stride", 1),
                             padding=begin if rank == 2 else begin[0],
                             dilation=node.get("dilation", 1), groups=node.get("groups", 1))
                elif op == "batchnorm":
                    y = F.batch_norm(a[0], p["running_mean"], p["running_var"], p["weight"], p["bias"],
                                     False, 0.0, node.get("eps", 1e-5))
                elif op == "relu":
                    y = F.relu(a[0])
                elif op == "leaky_relu":
                    y = F.leaky_relu(a[0], node.get("alpha", 0.01))
                elif op == "sigmoid":
                    y = torch.sigmoid(a[0])
                elif op == "tanh":
                    y = torch.tanh(a[0])
                elif op == "softmax":
                    y = F.softmax(a[0], dim=batch_axis(node.get("axis", -1)))
                elif op in ("maxpool2d", "avgpool2d"):
                    kernel = pair(node["kernel"], None)
                    stride = pair(node.get("stride"), kernel)
                    padding = pair(node.get("padding"), 0)
                    if op == "maxpool2d":
                        y = F.max_pool2d(a[0], kernel, stride, padding)
                    else:
                        y = F.avg_pool2d(a[0], kernel, stride, padding, count_include_pad=True)
                elif op == "global_avgpool2d":
                    y = a[0].mean(dim=(2, 3))
                elif op == "upsample2d":
                    y = F.interpolate(a[0], scale_factor=pair(node.get("scale"), 2), mode="nearest")
                elif op == "flatten":
                    y = torch.flatten(a[0], 1)
                elif op == "reshape":
                    y = a[0].reshape([-1] + node["shape"])
                elif op == "add":
                    y = a[0] + a[1]
                elif op == "mul":
                    y = a[0] * a[1]
                elif op == "concat":
                    y = torch.cat(a, dim=batch_axis(node.get("axis", 0)))
                elif op == "matmul":
                    y = torch.matmul(a[0], a[1])
                elif op == "transpose":
                    y = a[0].permute([0] + [batch_axis(q) if q >= 0 else q for q in node["perm"]])
                elif op in ("dropout", "identity"):
                    y = a[0]
                else:
                    raise ValueError(f"op {op} not supported by compare.py")
                values[node["name"]] = y
            return values[doc["outputs"][0]]

    return EtchModule().eval()


# --- ONNX ------------------------------------------------------------------------------------

def onnx_model(doc, weights, output_shape):
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    inits, nodes = [], []
    used = set()

    def const(name, array):
        if name not in used:
            inits.append(numpy_helper.from_array(np.asarray(array), name))
            used.add(name)
        return name

    for node in doc["nodes"]:
        a, name, op = node["inputs"], node["name"], node["op"]
        p = node.get("params", {})
        if op == "dense":
            w = const(p["weight"] + ".T", weights[p["weight"]].T.copy())
            if "bias" in p:
                nodes.append(helper.make_node("MatMul", [a[0], w], [name + "_mm"]))
                nodes.append(helper.make_node("Add", [name + "_mm", const(p["bias"], weights[p["bias"]])], [name]))
            else:
                nodes.append(helper.make_node("MatMul", [a[0], w], [name]))
        elif op in ("conv1d", "conv2d"):
            rank = 1 if op == "conv1d" else 2
            begin, end = conv_padding(node, rank)
            stride = node.get("stride", 1)
            dilation = node.get("dilation", 1)
            inputs = [a[0], const(p["weight"], weights[p["weight"]])]
            if "bias" in p:
                inputs.append(const(p["bias"], weights[p["bias"]]))
            nodes.append(helper.make_node(
                "Conv", inputs, [name], pads=begin + end,
                strides=stride if isinstance(stride, list) else [stride] * rank,
                dilations=dilation if isinstance(dilation, list) else [dilation] * rank,
                group=node.get("groups", 1)))
        elif op == "batchnorm":
            nodes.append(helper.make_node(
                "BatchNormalization",
                [a[0]] + [const(p[r], weights[p[r]]) for r in ("weight", "bias", "running_mean", "running_var")],
                [name], epsilon=node.get("eps", 1e-5)))
        elif op in ("relu", "sigmoid", "tanh"):
            nodes.append(helper.make_node({"relu": "Relu", "sigmoid": "Sigmoid", "tanh": "Tanh"}[op], a, [name]))
        elif op == "leaky_relu":
            nodes.append(helper.make_node("LeakyRelu", a, [name], alpha=node.get("alpha", 0.01)))
        elif op == "softmax":
            nodes.append(helper.make_node("Softmax", a, [name], axis=batch_axis(node.get("axis", -1))))
        elif op in ("maxpool2d", "avgpool2d"):
            kernel = pair(node["kernel"], None)
            stride = pair(node.get("stride"), kernel)
            ph, pw = pair(node.get("padding"), 0)
            extra = {"count_include_pad": 1} if op == "avgpool2d" else {}
            nodes.append(helper.make_node(
                "MaxPool" if op == "maxpool2d" else "AveragePool", a, [name], kernel_shape=kernel,
                strides=stride, pads=[ph, pw, ph, pw], **extra))
        elif op == "global_avgpool2d":
            nodes.append(helper.make_node("GlobalAveragePool", a, [name + "_g"]))
            nodes.append(helper.make_node("Flatten", [name + "_g"], [name], axis=1))
        elif op == "flatten":
            nodes.append(helper.make_node("Flatten", a, [name], axis=1))
        elif op == "reshape":
            shape = const(name + ".shape", np.array([-1] + node["shape"], dtype=np.int64))
            nodes.append(helper.make_node("Reshape", [a[0], shape], [name]))
        elif op in ("add", "mul", "matmul"):
            nodes.append(helper.make_node({"add": "Add", "mul": "Mul", "matmul": "MatMul"}[op], a, [name]))
        elif op == "concat":
            nodes.append(helper.make_node("Concat", a, [name], axis=batch_axis(node.get("axis", 0))))
        elif op == "transpose":
            nodes.append(helper.make_node("Transpose", a, [name], perm=[0] + [batch_axis(q) for q in node["perm"]]))
        elif op in ("dropout", "identity"):
            nodes.append(helper.make_node("Identity", a, [name]))
        else:
            raise ValueError(f"op {op} not supported by compare.py")
    graph_input = doc["inputs"][0]
    graph = helper.make_graph(
        nodes, doc["name"],
        [helper.make_tensor_value_info(graph_input["name"], TensorProto.FLOAT, ["N"] + graph_input["shape"])],
        [helper.make_tensor_value_info(doc["outputs"][0], TensorProto.FLOAT, ["N"] + output_shape)], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model.SerializeToString()


# --- timing ----------------------------------------------------------------------------------

def loop_rate(call, frames, batch):
    """Frames per second of calling `call(batch_array)` over all frames in batches."""
    starts = range(0, len(frames), batch)
    chunks = [np.ascontiguousarray(frames[s:s + batch]) for s in starts]
    call(chunks[0])  # warm-up
    begin = time.perf_counter()
    for chunk in chunks:
        call(chunk)
    return len(frames) / (time.perf_counter() - begin)


def etch_rate(etch, model_path, data, batch, engine, precision=None):
    command = [etch, "bench", model_path, "--data", data, "--batch", str(batch), "--threads", "1",
               "--engine", engine, "--json"]
    if precision:
        command += ["--precision", precision]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    report = json.loads(out)
    assert report["frames_out"] == report["frames_in"], report
    return report["frames_per_second"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", help="Etch model documents (NAME.json) or folders")
    parser.add_argument("--etch", default=".build/release/etch", help="the etch executable")
    parser.add_argument("--frames", type=int, default=0, help="frames per measurement (default: by model size)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the best per engine is kept")
    parser.add_argument("--json", help="write every number to this file")
    parser.add_argument("--fixed", action="append", metavar="PRECISION",
                        help="a precision for the fixed engine, repeatable "
                             "(default: calibrated and ap_fixed<16,6>)")
    args = parser.parse_args()
    fixed_precisions = args.fixed or ["calibrated", "ap_fixed<16,6>"]

    import onnxruntime as ort
    import torch

    torch.set_num_threads(1)
    torch.set_num_interop_threads(1)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for model_arg in args.models:
            path, doc, weights = load_etch(model_arg)
            shape = doc["inputs"][0]["shape"]
            per_frame = int(np.prod(shape))
            frames_count = args.frames or (50_000 if per_frame < 256 else 4_096 if per_frame < 1024 else 2_048)
            rng = np.random.default_rng(5)
            frames = rng.random((frames_count, *shape), dtype=np.float32)
            data = os.path.join(folder, doc["name"] + ".npy")
            np.save(data, frames)

            module = torch_module(doc, weights)
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            with torch.inference_mode():
                output_shape = list(module(torch.from_numpy(frames[:1])).shape[1:])
            session = ort.InferenceSession(onnx_model(doc, weights, output_shape), options, providers=["CPUExecutionProvider"])
            input_name = doc["inputs"][0]["name"]

            # The three builds must compute the same function.
            check = frames[:64]
            out_path = os.path.join(folder, doc["name"] + "_out.npy")
            np.save(os.path.join(folder, "check.npy"), check)
            subprocess.run([args.etch, "bench", path, "--data", os.path.join(folder, "check.npy"),
                            "--output", out_path], check=True, capture_output=True)
            etch_out = np.load(out_path).reshape(64, -1)
            ort_out = session.run(None, {input_name: check})[0].reshape(64, -1)
            with torch.inference_mode():
                torch_out = module(torch.from_numpy(check)).numpy().reshape(64, -1)
            scale = max(1.0, float(np.abs(ort_out).max()))
            for label, other in (("PyTorch", torch_out), ("etch", etch_out)):
                err = float(np.abs(other - ort_out).max()) / scale
                if err > 1e-4:
                    sys.exit(f"{doc['name']}: {label} differs from ONNX Runtime by {err:.2e} (relative)")

            def ort_call(x):
                session.run(None, {input_name: x})

            def torch_call(x):
                with torch.inference_mode():
                    module(torch.from_numpy(x))

            best = {}
            for _ in range(args.rounds):
                for batch in (1, 256):
                    rates = {
                        "onnxruntime": loop_rate(ort_call, frames, batch),
                        "pytorch": loop_rate(torch_call, frames, batch),
                        "etch float": etch_rate(args.etch, path, data, batch, "float"),
                    }
                    for precision in fixed_precisions:
                        rates[f"etch fixed {precision}"] = etch_rate(
                            args.etch, path, data, batch, "fixed", precision)
                    for engine, rate in rates.items():
                        key = (engine, batch)
                        best[key] = max(best.get(key, 0), rate)
            for (engine, batch), rate in sorted(best.items(), key=lambda kv: (kv[0][1], kv[0][0])):
                results.append({"model": doc["name"], "engine": engine, "batch": batch, "frames": frames_count,
                                "frames_per_second": rate,
                                "ratio_to_onnxruntime": rate / best[("onnxruntime", batch)],
                                "ratio_to_pytorch": rate / best[("pytorch", batch)]})

    print(f"{'model':<26} {'engine':<31} {'batch':>5} {'frames/s':>12} {'/ ORT':>7} {'/ torch':>8}")
    for r in results:
        print(f"{r['model']:<26} {r['engine']:<31} {r['batch']:>5} {r['frames_per_second']:>12,.0f} "
              f"{r['ratio_to_onnxruntime']:>7.2f} {r['ratio_to_pytorch']:>8.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"onnxruntime": ort.__version__, "torch": torch.__version__, "results": results}, f, indent=1)


if __name__ == "__main__":
    main()
