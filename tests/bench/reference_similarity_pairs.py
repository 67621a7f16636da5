#!/usr/bin/python3
"""Times the straightforward numpy pairwise NMI/VI of the reference ref_similarity.py on an encodings
file: builds every channel's N×N Bhattacharyya matrix, runs `pair()` on --pairs channel pairs and
extrapolates to all C(C−1)/2 pairs. Prints one JSON line. Used by tests/bench/bench_similarity.sh.
"""
import argparse
import importlib.util
import json
import resource
import time

import h5py
import numpy as np


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--encodings", required=True)
    ap.add_argument("--ref", required=True, help="path of ref_similarity.py, the numpy reference (not part of LatentLab)")
    ap.add_argument("--pairs", type=int, default=200)
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("ref_similarity", a.ref)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    with h5py.File(a.encodings, "r") as f:
        mu = np.asarray(f["mu"], dtype=np.float64)
        lv = np.asarray(f["logvar"], dtype=np.float64)
    r, n, d = mu.shape
    c = r * d
    t0 = time.perf_counter()
    probe = min(c, 40)
    dists = [ref.bhattacharyya(mu[i // d, :, i % d:i % d + 1], lv[i // d, :, i % d:i % d + 1]) for i in range(probe)]
    per_channel = (time.perf_counter() - t0) / probe
    rs = np.random.RandomState(0)
    t1 = time.perf_counter()
    for _ in range(a.pairs):
        x, y = rs.choice(probe, 2, replace=False)
        ref.pair(dists[x], dists[y])
    per_pair = (time.perf_counter() - t1) / a.pairs
    total = per_channel * c + per_pair * c * (c - 1) / 2
    print(json.dumps({"channels": c, "samples": n, "seconds_per_pair": per_pair, "seconds_per_channel": per_channel,
                      "extrapolated_total_seconds": total, "pairs_timed": a.pairs,
                      "peak_rss_mib_for_40_channels": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
                      "numpy_version": np.__version__}))


if __name__ == "__main__":
    main()
