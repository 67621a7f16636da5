#!/usr/bin/env bash
# Retrains the bundled demo runs in models/ from their seeds and exports them (no optimizer state,
# data recipe in demo.json). Deterministic on the CPU for a given thread count. Every M-AE/AbsAE demo uses
# the demo-cpu preset (20 epochs, right on real images: docs/design/model-quality.md) on one thread, two
# runs side by side (on 2 cores two single-thread runs finish sooner than two two-thread runs in a row):
# about 20 minutes per dSprites pair and 15 per 3D Shapes pair; the metric evaluation of each run (the dashboard's metrics with the
# matrices behind them, for metrics.json and the Runs tab's Matrices view) adds under a minute per run.
# Usage: packaging/retrain-demos.sh [BUILD_DIR]
# shellcheck source=retrain-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/retrain-common.sh"

"$cli" dataset generate --kind dsprites --version dsprites-v2 --out "$work/dsprites-v2.h5"
"$cli" dataset generate --kind shapes3d --version shapes3d-v2 --out "$work/shapes3d-v2.h5"
train() { # KIND VERSION MODEL: train, evaluate with the dashboard's metrics, export (keeping the hand-written demo.json text)
  local kind=$1 version=$2 model=$3 run="$work/$2-$3"
  "$cli" train --data "$work/$version.h5" --version "$version" --model "$model" --preset demo-cpu --seed 0 --threads 1 --out "$run"
  "$cli" eval --run "$run" --metrics mig,sap,dci,modularity,explicitness --details --threads 1 --json >/dev/null
}
export_demo() { # KIND VERSION MODEL TITLE
  local kind=$1 version=$2 model=$3 title=$4 demo="$here/models/$2-$3" keep
  keep=$(mktemp); cp "$demo/demo.json" "$keep" 2>/dev/null || true
  rm -rf "$demo"
  "$cli" export --run "$work/$version-$model" --out "$demo" --data-kind "$kind" --title "$title"
  # The description states measured figures: keep the hand-written one when there was one, and check it.
  if [ -s "$keep" ]; then mv "$keep" "$demo/demo.json"; fi
}
for pair in "dsprites dsprites-v2" "shapes3d shapes3d-v2"; do
  read -r kind version <<< "$pair"
  train "$kind" "$version" mae & first=$!
  train "$kind" "$version" absae & second=$!
  wait "$first"; wait "$second" # each wait fails the script when its run failed
done
export_demo dsprites dsprites-v2 mae "M-AE on procedural dSprites (dsprites-v2)"
export_demo dsprites dsprites-v2 absae "WCCI'22 baseline (AbsAE) on procedural dSprites (dsprites-v2)"
export_demo shapes3d shapes3d-v2 mae "M-AE on procedural 3D Shapes (shapes3d-v2)"
export_demo shapes3d shapes3d-v2 absae "WCCI'22 baseline (AbsAE) on procedural 3D Shapes (shapes3d-v2)"
ens=$here/models/dsprites-v2-betavae-ensemble
keep=$(mktemp); cp "$ens/demo.json" "$keep"
rm -rf "$ens"
"$cli" ensemble train --data "$work/dsprites-v2.h5" --members 4 --preset test --latent-dim 6 --steps 1500 --out "$ens"
"$cli" ensemble encode --runs "$ens" --samples 400 --out "$ens/enc.h5"
"$cli" similarity --encodings "$ens/enc.h5" --min-samples 3 --out "$ens/sim.h5"
mv "$keep" "$ens/demo.json"
echo "retrained models/dsprites-v2-{mae,absae}, models/shapes3d-v2-{mae,absae} and models/dsprites-v2-betavae-ensemble; check their demo.json descriptions against the new summaries" >&2
