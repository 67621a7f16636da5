#!/usr/bin/env bash
# LatentLab set-up and entry script. One idempotent command per job:
#   packaging/latentlab.sh run     install dependencies, build (Release), launch the GUI on the bundled dSprites demo
#   packaging/latentlab.sh test    install dependencies, build with tests, run ctest offscreen
#   packaging/latentlab.sh deps    install the Debian packages only
#   packaging/latentlab.sh build   configure and build only
#   packaging/latentlab.sh sanitize   clang ASan+UBSan build of everything, whole ctest suite under the sanitizers
#   packaging/latentlab.sh fuzz [S]   the same build, then every libFuzzer harness for S seconds (default 600)
# Environment: LATENTLAB_BUILD_DIR (default build/release), LATENTLAB_JOBS (default: nproc).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${LATENTLAB_BUILD_DIR:-$here/build/release}
jobs=${LATENTLAB_JOBS:-$(nproc)}

# Debian 12 packages only (docs/design/build.md#build-dependencies). libopenblas0-openmp is explicit: without it libblas.so.3
# is the reference BLAS and training is ~6x slower; never the -pthread variant (it oversubscribes next
# to torch's OpenMP).
packages=(
  cmake ninja-build g++ ccache pkg-config
  qt6-base-dev qt6-svg-dev libqt6svg6 qt6-qpa-plugins
  libqcustomplot-dev libqcustomplot2.1-qt6
  libtorch-dev libopenblas0-openmp
  libhdf5-dev zlib1g-dev liblinear-dev libblas-dev nlohmann-json3-dev
  libgif-dev
  xvfb xauth fonts-dejavu-core
)

# Only for the test suite: a real single-node SLURM for the ensemble integration test (docs/design/cluster.md#local-test-cluster;
# postinst scripts start nothing under policy-rc.d, and the test runs its own daemons), and the tools
# the .deb test needs (dpkg-shlibdeps, desktop-file-validate, appstreamcli), and clang-format-14 for format_check.
test_packages=(slurmctld slurmd slurm-client desktop-file-utils appstream dpkg-dev clang-format-14)
# Only for the sanitizer and fuzzing jobs (docs/robustness.md): clang with its libFuzzer runtime.
sanitize_packages=(clang libclang-rt-14-dev)

log() { printf 'latentlab.sh: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else log "need root (or sudo) to run: $*"; exit 1; fi
}

install_deps() {
  local missing=() wanted=("${packages[@]}")
  [ "${1:-}" = test ] && wanted+=("${test_packages[@]}")
  [ "${1:-}" = sanitize ] && wanted+=("${test_packages[@]}" "${sanitize_packages[@]}")
  for p in "${wanted[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      missing+=("$p")
    fi
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "all ${#wanted[@]} Debian packages present"
    return
  fi
  log "installing ${#missing[@]} Debian package(s): ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  if dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'install ok installed'; then
    log "warning: libopenblas0-pthread is installed; it wins the BLAS alternative and slows training (see docs/design/build.md#blas-choice)"
  fi
}

configure_and_build() {
  local tests=$1
  export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/latentlab-ccache}
  # Paths under the checkout are hashed relative to it, so clones in other folders share cache entries.
  export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$here}
  cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLATENTLAB_BUILD_TESTS="$tests" >/dev/null
  cmake --build "$build_dir" -j "$jobs"
}

cmd=${1:-}
case "$cmd" in
  deps) install_deps ;;
  build) install_deps; configure_and_build OFF ;;
  run)
    install_deps
    configure_and_build OFF
    # The GUI opens the bundled M-AE demo (models/dsprites-v2-mae) in the explorer; the procedural data it
    # was trained on is regenerated into the user cache on first use (about a second).
    export OMP_WAIT_POLICY=PASSIVE
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      log "no display found: starting the GUI under xvfb-run (invisible); set DISPLAY to see it"
      exec xvfb-run -a "$build_dir/src/app/latentlab" --demo default
    fi
    exec "$build_dir/src/app/latentlab" --demo default
    ;;
  test)
    install_deps test
    configure_and_build ON
    export QT_QPA_PLATFORM=offscreen OMP_WAIT_POLICY=PASSIVE
    cd "$build_dir"
    exec ctest --output-on-failure -j "$jobs"
    ;;
  sanitize|fuzz)
    # One clang tree serves both jobs: ASan + UBSan everywhere, plus libFuzzer's coverage instrumentation
    # (it costs the tests little and lets tests/fuzz link real libFuzzer executables).
    install_deps sanitize
    asan_dir=${LATENTLAB_ASAN_DIR:-$here/build/asan}
    export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/latentlab-ccache}
    CC=clang CXX=clang++ cmake -S "$here" -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLATENTLAB_BUILD_TESTS=ON \
      -DLATENTLAB_SANITIZE=address,undefined -DLATENTLAB_FUZZ=ON >/dev/null
    cmake --build "$asan_dir" -j "$jobs"
    export OMP_WAIT_POLICY=PASSIVE
    if [ "$cmd" = fuzz ]; then
      exec "$here/tests/fuzz/run-fuzzers.sh" "$asan_dir" "${2:-600}" "$jobs"
    fi
    # Sanitized code runs 2-3x slower: tests that wait for workers scale their limits (never their work).
    export QT_QPA_PLATFORM=offscreen LATENTLAB_TEST_TIME_FACTOR=4
    export ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=0:check_initialization_order=1:strict_init_order=0
    export LSAN_OPTIONS=suppressions=$here/tests/sanitizers/lsan.supp:print_suppressions=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$here/tests/sanitizers/ubsan.supp
    cd "$asan_dir"
    exec ctest --output-on-failure -j "$jobs"
    ;;
  *)
    sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
