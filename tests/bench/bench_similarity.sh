#!/usr/bin/env bash
# Benchmark (not a test): all-pairs NMI/VI + OPTICS for 500 channels (50 models × 10 dims) × N = 1000
# fingerprint samples with `latentlab-cli similarity`, against the straightforward numpy pairwise loop of
# the reference ref_similarity.py (not part of LatentLab; its path in LATENTLAB_REF_SIMILARITY), timed on
# 200 pairs and extrapolated to all 124,750. Run from the repository root after a build; needs Debian's
# python3-numpy and python3-h5py.
set -euo pipefail
cli=${LATENTLAB_CLI:-build/release/src/cli/latentlab-cli}
ref=${LATENTLAB_REF_SIMILARITY:?set LATENTLAB_REF_SIMILARITY to the path of the reference ref_similarity.py}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export OMP_WAIT_POLICY=PASSIVE
/usr/bin/python3 - "$dir/enc.h5" <<'PY'
import sys, h5py, numpy as np
rs = np.random.RandomState(0); R, N, D = 50, 1000, 10
z = rs.uniform(-2, 2, (N, 4))
mu = np.zeros((R, N, D)); lv = np.zeros((R, N, D))
for m in range(R):
    for d in range(D):
        k = rs.randint(4)
        mu[m, :, d] = np.tanh(z[:, k] * rs.uniform(.5, 1.5)) * 3 + rs.normal(0, .05, N)
        lv[m, :, d] = rs.uniform(-3, -1)
with h5py.File(sys.argv[1], "w") as f:
    f["mu"] = mu.astype(np.float32); f["logvar"] = lv.astype(np.float32)
    f["factors"] = np.digitize(z, [-1, 0, 1]).astype(np.int64)
PY
/usr/bin/time -f "latentlab: %e s wall, %M KiB peak RSS" "$cli" similarity --encodings "$dir/enc.h5" --out "$dir/sim.h5" 2>&1 | grep -v "channel similarity"
OMP_NUM_THREADS=1 /usr/bin/python3 tests/bench/reference_similarity_pairs.py --encodings "$dir/enc.h5" --ref "$ref"
