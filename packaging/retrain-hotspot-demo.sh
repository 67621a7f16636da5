#!/usr/bin/env bash
# Retrains the bundled hotspot demo, models/dsprites-full-betavae-hotspots: ten β-VAEs on procedural dSprites
# with all five factors varying (the dsprites-full version, 60 000 images), five ending at β = 4 and five at β = 8
# (seeds 0-4 each), every one starting at β = 256 and falling geometrically to its own β over the first 8000 of
# its 10 000 steps (docs/design/information.md#beta-schedule), then their fingerprints on 1000 shared images and
# the similarity file the Similarity tab opens. The two β groups train side by side, each a single-thread process
# that trains its five members in a row (on 2 cores that beats two-thread runs, and no core idles on an odd
# member): about 11 minutes per member, 55 minutes in all. The recipe and the measured hotspots are in
# docs/design/information.md#hotspot-demo; the demo.json description states them, so the script keeps it.
# Usage: packaging/retrain-hotspot-demo.sh [BUILD_DIR]
# shellcheck source=retrain-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/retrain-common.sh"
demo=$here/models/dsprites-full-betavae-hotspots

"$cli" dataset generate --kind dsprites --version dsprites-full --rows 60000 --seed 0 --out "$work/dsprites-full.h5"
betas=(4 8)
pids=()
for beta in "${betas[@]}"; do
  "$cli" ensemble train --data "$work/dsprites-full.h5" --version dsprites-full --members 5 --seed 0 --jobs 1 --threads 1 \
    --preset demo-cpu --steps 10000 --batch-size 64 --filters 16 --learning-rate 5e-4 \
    --beta "$beta" --beta-start 256 --beta-anneal-steps 8000 --out "$work/beta$beta" &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done # each wait returns its group's status, so set -e stops on a failed group

keep=$(mktemp); cp "$demo/demo.json" "$keep"
rm -rf "$demo"; mkdir -p "$demo"
runs=()
for beta in "${betas[@]}"; do
  for i in 0 1 2 3 4; do
    # The similarity file names each channel's model by its directory: "beta4-000 (seed 0)".
    mv "$work/beta$beta/member-00$i" "$demo/beta$beta-00$i"
    rm -f "$demo/beta$beta-00$i"/*.tmp
    # The scratch data file goes when the script ends: name it as the dataset's file, not its temporary path.
    sed -i "s#\"data_file\": \"$work/#\"data_file\": \"#" "$demo/beta$beta-00$i/config.json"
    runs+=("$demo/beta$beta-00$i")
  done
done
(IFS=,; "$cli" ensemble encode --runs "${runs[*]}" --data "$work/dsprites-full.h5" --samples 1000 --out "$demo/enc.h5")
"$cli" similarity --encodings "$demo/enc.h5" --min-samples 5 --out "$demo/sim.h5"
mv "$keep" "$demo/demo.json"
# How much of the size hotspot's shortfall against scale is the shape (optional: needs python3-numpy and python3-h5py).
if /usr/bin/python3 -c 'import h5py, numpy' 2>/dev/null; then
  /usr/bin/python3 "$here/packaging/hotspot-size-channel.py" "$demo"
fi
echo "retrained models/dsprites-full-betavae-hotspots; check its demo.json description and docs/design/information.md#hotspot-demo against the new hotspots" >&2
