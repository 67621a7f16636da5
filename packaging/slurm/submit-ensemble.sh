#!/usr/bin/env bash
# Submits a β-VAE ensemble to SLURM: an array job with one task per member, and the reduce job
# (fingerprint encodings + similarity) that runs only after every task succeeded (afterok).
#   packaging/slurm/submit-ensemble.sh --data d.h5 --members 10 --out ens [--beta 4] [--preset demo-cpu]
#       [--seed 0] [--samples 1000] [--train-args "..."] [--similarity-args "..."] [--wait] [-- extra sbatch options]
# Prints the two job ids. With --wait it blocks until the reduce job ends and exits with its status.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
wait_flag=() extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) export ENSEMBLE_DATA=$2; shift 2 ;;
    --members) export ENSEMBLE_MEMBERS=$2; shift 2 ;;
    --out) export ENSEMBLE_DIR=$2; shift 2 ;;
    --beta) export ENSEMBLE_BETA=$2; shift 2 ;;
    --preset) export ENSEMBLE_PRESET=$2; shift 2 ;;
    --seed) export ENSEMBLE_SEED=$2; shift 2 ;;
    --samples) export ENSEMBLE_SAMPLES=$2; shift 2 ;;
    --train-args) export ENSEMBLE_TRAIN_ARGS=$2; shift 2 ;;
    --similarity-args) export ENSEMBLE_SIMILARITY_ARGS=$2; shift 2 ;;
    --wait) wait_flag=(--wait); shift ;;
    --) shift; extra=("$@"); break ;;
    *) echo "submit-ensemble.sh: unknown option '$1'" >&2; exit 2 ;;
  esac
done
: "${ENSEMBLE_DATA:?--data is required}" "${ENSEMBLE_MEMBERS:?--members is required}" "${ENSEMBLE_DIR:?--out is required}"
mkdir -p "$ENSEMBLE_DIR/slurm"
array=$(sbatch --parsable --array=0-$((ENSEMBLE_MEMBERS - 1)) -o "$ENSEMBLE_DIR/slurm/member-%a.out" "${extra[@]}" \
  "$here/ensemble-array.sbatch")
array=${array%%;*}
echo "array job $array ($ENSEMBLE_MEMBERS members)"
reduce=$(sbatch --parsable "${wait_flag[@]}" --dependency=afterok:"$array" --kill-on-invalid-dep=yes \
  -o "$ENSEMBLE_DIR/slurm/reduce.out" "${extra[@]}" "$here/ensemble-reduce.sbatch")
echo "reduce job ${reduce%%;*} (after every member succeeded)"
