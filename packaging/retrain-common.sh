# Shared start of the retrain scripts (sourced, not run): strict mode, the repository root ($here), the
# CLI of BUILD_DIR (the script's first argument, default build/release) as $cli, a scratch folder ($work)
# removed on exit, and the thread policy every process we start runs with.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cli=${1:-$here/build/release}/src/cli/latentlab-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMP_WAIT_POLICY=PASSIVE
