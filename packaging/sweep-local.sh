#!/usr/bin/env bash
# Runs a sweep (versions × models × seeds, then the table beside the paper's) on this machine with the
# same scripts a SLURM cluster runs: each task is packaging/slurm/sweep-array.sbatch with
# SLURM_ARRAY_TASK_ID set, --jobs N of them at a time (default: one per core, one thread each, the
# fastest use of a small machine), then sweep-reduce.sbatch.
#   packaging/sweep-local.sh --out sweeps/a [--versions "..."] [--models "..."] [--seeds "..."] [--preset P]
#       [--data-dir DIR] [--train-args "..."] [--jobs N]
# Each task's output goes to OUT/slurm/task-N.out. Exits non-zero when a task failed (the table is still
# written from the runs that finished).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=slurm/sweep-options.sh
source "$here/slurm/sweep-options.sh"
sweep_prepare "$@"
total=$sweep_total
jobs=${SWEEP_JOBS:-$(nproc)}
failed=0
running=0
for ((t = 0; t < total; t++)); do
  SLURM_ARRAY_TASK_ID=$t SLURM_CPUS_PER_TASK=1 bash "$here/slurm/sweep-array.sbatch" > "$SWEEP_DIR/slurm/task-$t.out" 2>&1 &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n || failed=1
    running=$((running - 1))
  fi
done
while [ "$running" -gt 0 ]; do
  wait -n || failed=1
  running=$((running - 1))
done
bash "$here/slurm/sweep-reduce.sbatch"
echo "sweep: $total runs; table in $SWEEP_DIR/table.md"
exit "$failed"
