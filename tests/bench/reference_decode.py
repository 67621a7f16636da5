#!/usr/bin/python3
"""Decode latency of a LatentLab run's decoder in Debian's python3-torch: the reference of
`latentlab-cli bench decode`. The decoder is tests/bench/reference_train_step.py's Conv64Decoder (the
same net, docs/design/models.md#decoder) with the weights of RUN_DIR/checkpoint.pt (a LibTorch archive, which
torch.jit.load reads). Each row of the codes file's /codes [N, codeDim] is decoded alone (batch of 1):
decoder → sigmoid × 255 → rounded uint8 HWC bytes, eval mode, no autograd; the first --warmup rows are
not timed. Prints one JSON line with p50/p95/max ms, the mean logit and the byte sum over the timed
decodes (to check that both sides compute the same images) and the peak RSS. Not a test.
"""
import os
import sys

if "OMP_WAIT_POLICY" not in os.environ:  # libgomp reads it when torch is imported (see reference_train_step.py)
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, OMP_WAIT_POLICY="PASSIVE"))

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import time  # noqa: E402

import h5py  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402

# Our checkpoint's decoder names → the reference Conv64Decoder's Sequential indices.
NAME_MAP = {"fc1": "fc.0", "fc2": "fc.2", "deconv1": "deconv.0", "bn1": "deconv.1", "deconv2": "deconv.3", "bn2": "deconv.4",
            "deconv3": "deconv.6", "bn3": "deconv.7", "deconv4": "deconv.9"}


def load_decoder(run_dir):
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("reference_train_step", os.path.join(here, "reference_train_step.py"))
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    archive = torch.jit.load(os.path.join(run_dir, "checkpoint.pt"), map_location="cpu")
    prefix = "model.decoder."
    state = {}
    for name, t in list(archive.named_parameters()) + list(archive.named_buffers()):
        if name.startswith(prefix):
            layer, _, field = name[len(prefix):].partition(".")
            state[NAME_MAP[layer] + "." + field] = t.detach().clone()
    z_dim = state["fc.0.weight"].shape[1]
    nf, nc = state["deconv.9.weight"].shape[0], state["deconv.9.weight"].shape[1]
    decoder = ref.Conv64Decoder(nc, nf, z_dim)
    decoder.load_state_dict(state, strict=True)
    return decoder.eval(), z_dim


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--run", required=True)
    ap.add_argument("--codes", required=True)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    decoder, z_dim = load_decoder(a.run)
    with h5py.File(a.codes, "r") as f:
        codes = np.asarray(f["codes"], dtype=np.float32)
    if codes.shape[1] != z_dim:
        sys.exit(f"Codes file '{a.codes}' has {codes.shape[1]} columns; the run's decoder expects {z_dim}.")
    ms, logit_sum, logit_count, byte_sum = [], 0.0, 0, 0
    with torch.no_grad():
        for i in range(codes.shape[0]):
            row = codes[i].copy()
            t0 = time.perf_counter()
            logits = decoder(torch.from_numpy(row).view(1, -1))  # [1, nc, 64, 64]
            image = (torch.sigmoid(logits) * 255.0).round().clamp(0, 255).to(torch.uint8).permute(0, 2, 3, 1).contiguous().numpy().copy()
            elapsed = (time.perf_counter() - t0) * 1000.0
            if i < a.warmup:
                continue
            ms.append(elapsed)
            logit_sum += float(logits.double().sum())
            logit_count += logits.numel()
            byte_sum += int(image.astype(np.int64).sum())
    ms.sort()

    def pct(q):
        return ms[min(len(ms) - 1, int(q * (len(ms) - 1) + 0.5))]

    print(json.dumps({"decodes": len(ms), "threads": a.threads, "code_dim": int(z_dim), "p50_ms": pct(0.5), "p95_ms": pct(0.95),
                      "max_ms": pct(1.0), "mean_logit": logit_sum / logit_count, "byte_sum": byte_sum,
                      "torch_version": torch.__version__,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))


if __name__ == "__main__":
    main()
