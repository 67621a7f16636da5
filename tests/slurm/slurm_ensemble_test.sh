#!/usr/bin/env bash
# Integration test on a real SLURM (docs/design/cluster.md#local-test-cluster): starts slurmctld + slurmd on 127.0.0.1 (auth/none, no
# cgroups, private state directory and ports), submits a 3-member β-VAE ensemble of the `test` preset as
# a job array plus the afterok reduce job through packaging/slurm/submit-ensemble.sh, checks every
# member's run directory and the similarity file, and stops every process it started (also on failure or
# when killed). Usage: slurm_ensemble_test.sh LATENTLAB_CLI [STATE_DIR]
set -euo pipefail
cli=$(readlink -f "$1")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
base=${2:-$(mktemp -d /tmp/latentlab-slurm.XXXXXX)}
rm -rf "$base"
mkdir -p "$base"/{etc,state,spool,log,out,work}
pids=()

cleanup() {
  set +e
  if scontrol ping >/dev/null 2>&1; then
    scancel --partition=debug >/dev/null 2>&1
    for _ in $(seq 75); do
      if [ -z "$(squeue -h -o %A 2>/dev/null)" ] && ! ls "$base/spool" 2>/dev/null | grep -q '^localhost_'; then break; fi
      sleep 0.2
    done
  fi
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for _ in $(seq 50); do
    alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && break
    sleep 0.2
  done
  for p in "${pids[@]}"; do kill -KILL "$p" 2>/dev/null; done
  [ -n "${KEEP_SLURM_STATE:-}" ] || rm -rf "$base"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

mem=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 1024 ))
cat > "$base/etc/slurm.conf" <<CONF
ClusterName=latentlab-ci
SlurmctldHost=localhost
AuthType=auth/none
CredType=cred/none
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$base/state
SlurmdSpoolDir=$base/spool
SlurmctldPidFile=$base/slurmctld.pid
SlurmdPidFile=$base/slurmd.pid
SlurmctldLogFile=$base/log/slurmctld.log
SlurmdLogFile=$base/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
SwitchType=switch/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
ReturnToService=2
MinJobAge=4
KillWait=5
InactiveLimit=0
Waittime=0
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$base/etc/slurm.conf

setsid slurmctld -D -i -f "$SLURM_CONF" > "$base/log/slurmctld.out" 2>&1 &
pids+=($!)
setsid slurmd -D -N localhost -f "$SLURM_CONF" > "$base/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 120); do
  [ "$(sinfo -h -N -o %T 2>/dev/null | head -1)" = "idle" ] && break
  sleep 0.5
done
if [ "$(sinfo -h -N -o %T 2>/dev/null | head -1)" != "idle" ]; then
  echo "slurm_ensemble_test: the node never became idle" >&2
  tail -n 20 "$base"/log/* >&2
  exit 1
fi

# A small procedural dataset, then the ensemble through the real submission script.
"$cli" dataset generate --kind dsprites --version dsprites-v2 --rows 400 --seed 2 --out "$base/work/d2.h5" >/dev/null 2>&1
export LATENTLAB_CLI=$cli OMP_WAIT_POLICY=PASSIVE
cd "$base/work"
timeout --foreground 240 "$here/packaging/slurm/submit-ensemble.sh" --data "$base/work/d2.h5" --members 3 --out "$base/work/ens" \
  --preset test --seed 10 --samples 60 --train-args "--steps 10 --device cpu" --similarity-args "--min-samples 2 --info-threshold 0" \
  --wait -- --time=5

fail() { echo "slurm_ensemble_test: $*" >&2; tail -n 5 "$base"/work/ens/slurm/*.out >&2 || true; exit 1; }
for i in 0 1 2; do
  m=$base/work/ens/member-00$i
  for f in config.json checkpoint.pt summary.json; do [ -s "$m/$f" ] || fail "member $i lacks $f"; done
  grep -q '"status": "completed"' "$m/summary.json" || fail "member $i did not complete"
  grep -q "\"seed\": 1$i" "$m/config.json" || fail "member $i has the wrong seed"
done
[ -s "$base/work/ens/encodings.h5" ] || fail "the reduce job wrote no encodings file"
[ -s "$base/work/ens/similarity.h5" ] || fail "the reduce job wrote no similarity file"
# The similarity file is complete: 3 models x 4 dims = 12 channels, and it opens as HDF5.
"$cli" similarity --encodings "$base/work/ens/encodings.h5" --out "$base/work/check.h5" --min-samples 2 --info-threshold 0 --json \
  2>/dev/null | grep -q '"channels":12' || fail "the encodings file does not hold 12 channels"
head -c 4 "$base/work/ens/similarity.h5" | grep -q HDF || fail "the similarity file is not HDF5"
grep -q "hotspot\|channels" "$base/work/ens/slurm/reduce.out" || fail "the reduce job printed no similarity summary"
# A sweep (issue 15's scale-out) through its submission script: M-AE and AbsAE, one seed, the `test`
# preset; the reduce job's table has one row per model, next to the paper's Table 1 figure.
mkdir -p "$base/work/sweep-data"
cp "$base/work/d2.h5" "$base/work/sweep-data/dsprites-v2.h5"
timeout --foreground 240 "$here/packaging/slurm/submit-sweep.sh" --out "$base/work/sweep" --data-dir "$base/work/sweep-data" \
  --versions dsprites-v2 --models "mae absae" --seeds 0 --preset test --train-args "--epochs 2 --device cpu" --metrics mig \
  --wait -- --time=5
for m in mae absae; do
  grep -q '"status": "completed"' "$base/work/sweep/dsprites-v2-$m-test-s0/summary.json" || fail "the sweep's $m run did not complete"
  [ -s "$base/work/sweep/dsprites-v2-$m-test-s0/metrics.json" ] || fail "the sweep's $m run was not evaluated"
done
grep -q '| dsprites-v2 | mae | test | .* | 0.724 |' "$base/work/sweep/table.md" || fail "the sweep table lacks the M-AE row"
grep -q '| dsprites-v2 | absae | test | .* | 0.592 |' "$base/work/sweep/table.md" || fail "the sweep table lacks the AbsAE row"
echo "slurm_ensemble_test: PASS (3 array tasks + afterok reduce, and a 2-run sweep + its table, on a local SLURM)"
exit 0
