# Shared by submit-sweep.sh and ../sweep-local.sh (sourced): parses the sweep options into the SWEEP_*
# environment the array and reduce scripts read, and generates each version's dataset file when missing.
# sweep_prepare "$@" sets sweep_total (the number of array tasks); sweep_extra and sweep_wait hold what follows.
sweep_extra=() sweep_wait=()
sweep_parse() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --out) export SWEEP_DIR=$2; shift 2 ;;
      --versions) export SWEEP_VERSIONS=$2; shift 2 ;;
      --models) export SWEEP_MODELS=$2; shift 2 ;;
      --seeds) export SWEEP_SEEDS=$2; shift 2 ;;
      --preset) export SWEEP_PRESET=$2; shift 2 ;;
      --data-dir) export SWEEP_DATA_DIR=$2; shift 2 ;;
      --train-args) export SWEEP_TRAIN_ARGS=$2; shift 2 ;;
      --metrics) export SWEEP_METRICS=$2; shift 2 ;;
      --jobs) export SWEEP_JOBS=$2; shift 2 ;;
      --wait) sweep_wait=(--wait); shift ;;
      --) shift; sweep_extra=("$@"); break ;;
      *) echo "sweep: unknown option '$1'" >&2; exit 2 ;;
    esac
  done
}
sweep_prepare() {
  sweep_parse "$@"
  : "${SWEEP_DIR:?--out is required}"
  export SWEEP_VERSIONS=${SWEEP_VERSIONS:-dsprites-v2} SWEEP_MODELS=${SWEEP_MODELS:-mae absae} SWEEP_SEEDS=${SWEEP_SEEDS:-0 1 2}
  export SWEEP_DATA_DIR=${SWEEP_DATA_DIR:-$SWEEP_DIR/data}
  mkdir -p "$SWEEP_DIR/slurm" "$SWEEP_DATA_DIR"
  local cli=${LATENTLAB_CLI:-latentlab-cli} v kind
  for v in $SWEEP_VERSIONS; do
    kind=${v%%-*}
    [ -f "$SWEEP_DATA_DIR/$v.h5" ] || "$cli" dataset generate --kind "$kind" --version "$v" --out "$SWEEP_DATA_DIR/$v.h5" >&2
  done
  local -a versions models seeds
  read -r -a versions <<< "$SWEEP_VERSIONS"
  read -r -a models <<< "$SWEEP_MODELS"
  read -r -a seeds <<< "$SWEEP_SEEDS"
  sweep_total=$(( ${#versions[@]} * ${#models[@]} * ${#seeds[@]} ))
}
