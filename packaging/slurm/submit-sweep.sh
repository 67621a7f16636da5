#!/usr/bin/env bash
# Submits a sweep over dataset versions × models × seeds to SLURM: the procedural dataset files are
# generated first (here, once per version, if missing), then an array job with one training + evaluation
# per task, then the reduce job (the table beside the paper's) after every task succeeded (afterok).
#   packaging/slurm/submit-sweep.sh --out sweeps/a [--versions "dsprites-v2 shapes3d-v2"] [--models "mae absae"]
#       [--seeds "0 1 2"] [--preset demo-cpu] [--data-dir DIR] [--train-args "..."] [--wait] [-- extra sbatch options]
# Prints the two job ids. With --wait it blocks until the reduce job ends and exits with its status.
# packaging/sweep-local.sh takes the same options and runs the sweep on this machine instead.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=sweep-options.sh
source "$here/sweep-options.sh"
sweep_prepare "$@"
total=$sweep_total
array=$(sbatch --parsable --array=0-$((total - 1)) -o "$SWEEP_DIR/slurm/task-%a.out" "${sweep_extra[@]}" "$here/sweep-array.sbatch")
array=${array%%;*}
echo "array job $array ($total runs)"
reduce=$(sbatch --parsable "${sweep_wait[@]}" --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
  -o "$SWEEP_DIR/slurm/reduce.out" "${sweep_extra[@]}" "$here/sweep-reduce.sbatch")
echo "reduce job ${reduce%%;*} (after every run succeeded)"
