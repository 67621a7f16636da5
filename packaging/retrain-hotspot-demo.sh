#!/usr/bin/env bash
# Retrains the bundled hotspot demo, models/dsprites-full-betavae-hotspots: ten β-VAEs on procedural dSprites
# with all five factors varying (the dsprites-full version, 60 000 images), five at β = 16 and five at β = 8
# (seeds 0-4 each), then their fingerprints on 1000 shared images and the similarity file the Similarity tab
# opens. Every member is a single-thread process, two side by side (on 2 cores that beats two-thread runs in a
# row): about 16 minutes per member, 80 minutes in all on 2 cores. The recipe and the measured hotspots are
# in docs/design/information.md#hotspot-demo; the demo.json description states them, so the script keeps it.
# Usage: packaging/retrain-hotspot-demo.sh [BUILD_DIR]
# shellcheck source=retrain-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/retrain-common.sh"
demo=$here/models/dsprites-full-betavae-hotspots

"$cli" dataset generate --kind dsprites --version dsprites-full --rows 60000 --seed 0 --out "$work/dsprites-full.h5"
for beta in 16 8; do
  "$cli" ensemble train --data "$work/dsprites-full.h5" --version dsprites-full --members 5 --seed 0 --jobs 2 --threads 1 \
    --preset demo-cpu --steps 25000 --batch-size 32 --filters 16 --learning-rate 1e-3 --beta "$beta" --out "$work/beta$beta"
done

keep=$(mktemp); cp "$demo/demo.json" "$keep"
rm -rf "$demo"; mkdir -p "$demo"
runs=()
for beta in 16 8; do
  for i in 0 1 2 3 4; do
    # The similarity file names each channel's model by its directory: "beta16-000 (seed 0)".
    mv "$work/beta$beta/member-00$i" "$demo/beta$beta-00$i"
    rm -f "$demo/beta$beta-00$i"/*.tmp
    runs+=("$demo/beta$beta-00$i")
  done
done
(IFS=,; "$cli" ensemble encode --runs "${runs[*]}" --data "$work/dsprites-full.h5" --samples 1000 --out "$demo/enc.h5")
"$cli" similarity --encodings "$demo/enc.h5" --min-samples 4 --out "$demo/sim.h5"
mv "$keep" "$demo/demo.json"
echo "retrained models/dsprites-full-betavae-hotspots; check its demo.json description and docs/design/information.md#hotspot-demo against the new hotspots" >&2
