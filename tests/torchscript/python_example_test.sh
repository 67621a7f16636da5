#!/bin/bash
# The README's "Bring your own model" example end to end (issue 20): the Python helper scripts a beta-VAE,
# latentlab-cli fingerprints it and scores it. Skips (77) where /usr/bin/python3 has no torch (python3-torch).
# Usage: python_example_test.sh SOURCE_DIR LATENTLAB_CLI
set -euo pipefail
src=$1
cli=$2
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    echo "SKIP: /usr/bin/python3 has no torch (apt-get install python3-torch)"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# The README's python block after the torchscript-example marker, as written there (untrained weights).
awk '/<!-- torchscript-example/{found=1; next} found && /^```python/{code=1; next} code && /^```/{exit} code{print}' "$src/README.md" > example.py
test -s example.py
PYTHONPATH="$src/packaging/python" /usr/bin/python3 example.py
test -s my-betavae.pt && test -s my-betavae.json
# The helper's own example (a smaller network) too.
PYTHONPATH="$src/packaging/python" /usr/bin/python3 "$src/packaging/python/latentlab_torchscript.py" "$work" > /dev/null
"$cli" dataset generate --kind dsprites --version dsprites-v2 --rows 1500 --threads 2 --out d2.h5 > /dev/null 2>&1
# Either file of a pair opens the model: the same model twice is a two-model ensemble.
"$cli" ensemble encode --models my-betavae.pt,my-betavae.json --data d2.h5 --samples 100 --out enc.h5 2>&1 | tail -1
"$cli" similarity --encodings enc.h5 --out sim.h5 --min-samples 2 --info-threshold 0 2>&1 | tail -1
"$cli" eval --model example-betavae.json --data d2.h5 --metrics mig,sap --points-train 200 --points-test 100 --json 2> eval.err > eval.json || { cat eval.err; exit 1; }
/usr/bin/python3 - <<'PY'
import json
j = json.load(open("eval.json"))
assert j["version"] == "dsprites-v2", j
assert "metrics" in j, j
print("eval --model:", json.dumps(j["metrics"])[:200])
PY
echo "README example: scripted, fingerprinted and scored"
