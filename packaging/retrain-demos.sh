#!/usr/bin/env bash
# Retrains the bundled demo runs in models/ from their seeds and exports them (no optimizer state,
# data recipe in demo.json). Deterministic on the CPU for a given thread count; about 10 minutes on
# 2 cores for the dSprites M-AE (demo-cpu preset). Usage: packaging/retrain-demos.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${1:-$here/build/release}/src/cli/latentlab-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_WAIT_POLICY=PASSIVE

"$cli" dataset generate --kind dsprites --version dsprites-v2 --out "$work/dsprites-v2.h5"
"$cli" train --data "$work/dsprites-v2.h5" --version dsprites-v2 --model mae --preset demo-cpu --seed 0 --out "$work/mae"
"$cli" eval --run "$work/mae" --metrics all --json >/dev/null
rm -rf "$here/models/dsprites-v2-mae"
"$cli" export --run "$work/mae" --out "$here/models/dsprites-v2-mae" --data-kind dsprites \
  --title "M-AE on procedural dSprites (dsprites-v2)"
echo "retrained models/dsprites-v2-mae; edit its demo.json description with the new summary numbers" >&2
