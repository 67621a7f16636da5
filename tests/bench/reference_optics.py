#!/usr/bin/python3
"""Times sklearn.cluster.OPTICS (metric="precomputed", max_eps=inf, cluster_method="xi") on the distance
matrix /distances [M, M] of an HDF5 file: the reference of `latentlab-cli bench optics`, which reads the
same file. Prints one JSON line with the median seconds of --repeats fits, the ordering, the
reachability per point (null for infinity), the xi labels and the peak RSS. Used by
tests/bench/run_all.py; Debian's python3-sklearn and python3-h5py. Not a test.
"""
import argparse
import json
import math
import resource
import statistics
import time

import h5py
import numpy as np
import sklearn
from sklearn.cluster import OPTICS


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--distances", required=True)
    ap.add_argument("--dataset", default="distances")
    ap.add_argument("--min-samples", type=int, default=20)
    ap.add_argument("--xi", type=float, default=0.05)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    with h5py.File(a.distances, "r") as f:
        d = np.asarray(f[a.dataset], dtype=np.float64)
    seconds = []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        o = OPTICS(min_samples=a.min_samples, xi=a.xi, metric="precomputed", max_eps=np.inf, cluster_method="xi").fit(d)
        seconds.append(time.perf_counter() - t0)
    reach = [None if not math.isfinite(v) else float(v) for v in o.reachability_]
    print(json.dumps({"points": int(d.shape[0]), "seconds": statistics.median(seconds), "seconds_all": seconds,
                      "clusters": int(len(o.cluster_hierarchy_)), "ordering": o.ordering_.tolist(), "reachability": reach,
                      "labels": o.labels_.tolist(), "sklearn_version": sklearn.__version__,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))


if __name__ == "__main__":
    main()
