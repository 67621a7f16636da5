#!/usr/bin/python3
"""Times one metric group of the reference ref_metrics.py (numpy + scikit-learn) on a codes file.

Used by `latentlab-cli bench metrics` to measure LatentLab's metrics against the reference on the same
machine and the same codes. Prints one JSON line: {"group", "seconds", "peak_rss_mib", "values",
"sklearn_version"}. Not a test.
"""
import argparse
import importlib.util
import json
import resource
import time

import h5py
import numpy as np
import sklearn


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--codes", required=True)
    ap.add_argument("--train", type=int, required=True)
    ap.add_argument("--group", required=True, choices=["mig", "sap", "dci", "modularity", "explicitness"])
    ap.add_argument("--ref", required=True, help="path of ref_metrics.py, the numpy/scikit-learn reference (not part of LatentLab)")
    a = ap.parse_args()
    spec = importlib.util.spec_from_file_location("ref_metrics", a.ref)
    ref = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ref)
    with h5py.File(a.codes, "r") as f:
        codes = np.asarray(f["codes"], dtype=np.float64)
        factors = np.asarray(f["factors"], dtype=np.int64)
    n = a.train
    ctr, ftr, cte, fte = codes[:n], factors[:n], codes[n:], factors[n:]
    t0 = time.perf_counter()
    if a.group == "mig":
        values = {"mig": ref.mig(ctr, ftr)}
    elif a.group == "modularity":
        values = {"modularity": ref.modularity(ctr, ftr)}
    elif a.group == "sap":
        values = {"sap": ref.sap(ctr, ftr, cte, fte)}
    elif a.group == "dci":
        d, c, itr, ite = ref.dci(ctr, ftr, cte, fte, 0)
        values = {"dci_disentanglement": d, "dci_completeness": c, "dci_informativeness_train": itr, "dci_informativeness_test": ite}
    else:
        tr, te = ref.explicitness(ctr, ftr, cte, fte)
        values = {"explicitness_train": tr, "explicitness_test": te}
    seconds = time.perf_counter() - t0
    print(json.dumps({"group": a.group, "seconds": seconds, "values": values, "sklearn_version": sklearn.__version__,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0}))


if __name__ == "__main__":
    main()
