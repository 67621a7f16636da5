#!/usr/bin/env bash
# Retrains the bundled demo runs in models/ from their seeds and exports them (no optimizer state,
# data recipe in demo.json). Deterministic on the CPU for a given thread count; on 2 cores about 10 minutes
# for the dSprites M-AE and 11-15 minutes for its AbsAE baseline (demo-cpu preset); the 3D Shapes pair
# trains on one thread (--threads 1: the 30-epoch M-AE 17-26 min, its 10-epoch AbsAE 5-6 min); the metric
# evaluation of each run ('eval --metrics all', for metrics.json) adds 5-10 minutes per run.
# Usage: packaging/retrain-demos.sh [BUILD_DIR]
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
"$cli" train --data "$work/dsprites-v2.h5" --version dsprites-v2 --model absae --preset demo-cpu --seed 0 --out "$work/absae"
"$cli" eval --run "$work/absae" --metrics all --json >/dev/null
rm -rf "$here/models/dsprites-v2-absae"
"$cli" export --run "$work/absae" --out "$here/models/dsprites-v2-absae" --data-kind dsprites \
  --title "WCCI'22 baseline (AbsAE) on procedural dSprites (dsprites-v2)"
"$cli" dataset generate --kind shapes3d --version shapes3d-v2 --out "$work/shapes3d-v2.h5"
for model in mae absae; do
  # The M-AE's shape partition needs 30 epochs (change-shape 0.27 after the preset's 10, 0.97 after 30).
  epochs=10
  [ $model = mae ] && epochs=30
  "$cli" train --data "$work/shapes3d-v2.h5" --version shapes3d-v2 --model $model --preset demo-cpu --epochs $epochs --seed 0 \
    --threads 1 --out "$work/s3-$model"
  "$cli" eval --run "$work/s3-$model" --metrics all --json >/dev/null
  keep=$(mktemp); cp "$here/models/shapes3d-v2-$model/demo.json" "$keep" 2>/dev/null || true
  rm -rf "$here/models/shapes3d-v2-$model"
  title="M-AE on procedural 3D Shapes (shapes3d-v2)"
  [ $model = absae ] && title="WCCI'22 baseline (AbsAE) on procedural 3D Shapes (shapes3d-v2)"
  "$cli" export --run "$work/s3-$model" --out "$here/models/shapes3d-v2-$model" --data-kind shapes3d --title "$title"
  [ -s "$keep" ] && mv "$keep" "$here/models/shapes3d-v2-$model/demo.json"
done
ens=$here/models/dsprites-v2-betavae-ensemble
keep=$(mktemp); cp "$ens/demo.json" "$keep"
rm -rf "$ens"
"$cli" ensemble train --data "$work/dsprites-v2.h5" --members 4 --preset test --latent-dim 6 --steps 1500 --out "$ens"
"$cli" ensemble encode --runs "$ens" --samples 400 --out "$ens/enc.h5"
"$cli" similarity --encodings "$ens/enc.h5" --min-samples 3 --out "$ens/sim.h5"
mv "$keep" "$ens/demo.json"
echo "retrained models/dsprites-v2-{mae,absae}, models/shapes3d-v2-{mae,absae} and models/dsprites-v2-betavae-ensemble; check their demo.json descriptions against the new summaries" >&2
