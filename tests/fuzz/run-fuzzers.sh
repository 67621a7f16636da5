#!/usr/bin/env bash
# Runs every libFuzzer harness for SECONDS each (default 600) from a clang fuzz build:
#   CC=clang CXX=clang++ cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Release \
#     -DLATENTLAB_SANITIZE=address,undefined -DLATENTLAB_FUZZ=ON && cmake --build build/asan -j2
#   tests/fuzz/run-fuzzers.sh build/asan [SECONDS] [PARALLEL]
# Each harness starts from a copy of its committed corpus and regression inputs (the committed corpus is
# not touched); crashes, leaks, timeouts and out-of-memory inputs land in WORK/artifacts/HARNESS/, and a
# one-line summary per harness (executions, coverage, findings) is printed at the end. Exit 1 on any find.
# A find is fixed, then its input is committed under tests/fuzz/regressions/HARNESS/ (ctest replays it).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=${1:?usage: run-fuzzers.sh BUILD_DIR [SECONDS] [PARALLEL]}
seconds=${2:-600}
parallel=${3:-2}
work=${LATENTLAB_FUZZ_WORK:-$build/fuzz-work}
# LATENTLAB_FUZZERS="fuzz_a fuzz_b" runs only those (e.g. again after fixing what one of them found).
read -r -a harnesses <<< "${LATENTLAB_FUZZERS:-fuzz_dataset_file fuzz_encodings_file fuzz_similarity_file fuzz_run_directory fuzz_checkpoint}"
export OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=1
# Leaks are findings too; LibTorch's and HDF5's process-lifetime registries are not (lsan.supp).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../sanitizers/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$here/../sanitizers/ubsan.supp}

run_one() {
  local h=$1 bin=$build/tests/fuzz/$1
  [ -x "$bin" ] || { echo "$h: not built ($bin); configure with -DLATENTLAB_FUZZ=ON" >&2; return 2; }
  mkdir -p "$work/corpus/$h" "$work/artifacts/$h"
  cp -n "$here/corpus/$h/"* "$work/corpus/$h/" 2>/dev/null
  [ -d "$here/regressions/$h" ] && cp -n "$here/regressions/$h/"* "$work/corpus/$h/" 2>/dev/null
  local dict=()
  [ "$h" = fuzz_run_directory ] && dict=(-dict="$here/json.dict")
  # -rss_limit_mb: a reader that allocates what a corrupt header claims is a finding, not a slow run.
  "$bin" "$work/corpus/$h" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -max_len=2000000 \
    -print_final_stats=1 "${dict[@]}" -artifact_prefix="$work/artifacts/$h/" >"$work/$h.log" 2>&1
  local rc=$?
  local execs cov finds slow
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$h.log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$work/$h.log" | tail -1 | grep -o '[0-9]*')
  # slow-unit-* files are inputs over 10 s (reported, not failures); crash-, leak-, oom-, timeout- are findings.
  finds=$(find "$work/artifacts/$h" -type f ! -name 'slow-unit-*' | wc -l)
  slow=$(find "$work/artifacts/$h" -type f -name 'slow-unit-*' | wc -l)
  printf '%-22s exit %-3s %10s executions  coverage %6s  findings %s  slow inputs %s\n' "$h" "$rc" "${execs:-?}" "${cov:-?}" "$finds" "$slow"
  [ "$rc" -eq 0 ] && [ "$finds" -eq 0 ]
}

status=0
pids=()
for h in "${harnesses[@]}"; do
  run_one "$h" > "$work.$h.summary" 2>&1 &
  pids+=($!)
  if [ ${#pids[@]} -ge "$parallel" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done 2>/dev/null
for p in "${pids[@]}"; do wait "$p" || status=1; done
cat "$work".*.summary
rm -f "$work".*.summary
exit $status
