#!/usr/bin/env bash
# GPU readiness check: builds latentlab_core + latentlab-cli against the LibTorch inside a CUDA PyTorch
# installation (LibTorch 2.x; Debian's libtorch-dev is 1.13 and CPU only), with our other C/C++
# dependencies (HDF5 C/C++, nlohmann-json, liblinear, BLAS, zlib) carried as Debian packages unpacked into
# a prefix, then
#   1. trains the `test` preset on the CPU and on CUDA from the same seed and compares them,
#   2. times a step of the `paper` preset (batch 1024) on CUDA.
# Two steps, on two machines:
#   packaging/gpu-check.sh bundle DIR   on a Debian 12 machine with apt: downloads the .deb files of the
#                                       dependencies (and what they depend on) into DIR
#   packaging/gpu-check.sh run DIR      on the GPU machine (python3 with CUDA torch, cmake, a C++17 compiler,
#                                       ninja or make; no network needed): unpacks DIR's .debs into
#                                       DIR/prefix, builds into build/gpu, runs the checks, writes
#                                       build/gpu/gpu-check.txt
# Exit status: 0 when CUDA trained and its losses match the CPU run's within tolerance.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
log() { printf 'gpu-check: %s\n' "$*" >&2; }

deb_packages=(libhdf5-dev libhdf5-103-1 libhdf5-cpp-103-1 libhdf5-hl-100 libhdf5-hl-cpp-100 libsz2 libaec0 libcurl3-gnutls
  nlohmann-json3-dev liblinear-dev liblinear4 libblas-dev libblas3 libopenblas0-openmp libopenblas0 zlib1g-dev libgomp1
  libgif-dev libgif7)

case "$cmd" in
  bundle)
    mkdir -p "$dir"
    (cd "$dir" && apt-get download "${deb_packages[@]}")
    log "downloaded $(ls "$dir"/*.deb | wc -l) packages into $dir; copy it to the GPU machine with this repository"
    ;;
  run)
    python=${PYTHON:-python3}
    read -r torch_prefix torch_version cuda_ok < <("$python" -c 'import torch; print(torch.utils.cmake_prefix_path, torch.__version__, torch.cuda.is_available())')
    log "PyTorch $torch_version (CMake prefix $torch_prefix), CUDA available: $cuda_ok"
    [ "$cuda_ok" = True ] || { log "this PyTorch sees no CUDA device"; exit 1; }
    prefix=$(cd "$dir" && pwd)/prefix
    mkdir -p "$prefix"
    for deb in "$dir"/*.deb; do
      if command -v dpkg-deb >/dev/null; then dpkg-deb -x "$deb" "$prefix"
      else # ar + tar where dpkg is missing
        tmp=$(mktemp -d); (cd "$tmp" && ar x "$deb" && tar -xf data.tar.* -C "$prefix"); rm -rf "$tmp"
      fi
    done
    multiarch=$prefix/usr/lib/x86_64-linux-gnu
    export LD_LIBRARY_PATH=$multiarch:$multiarch/hdf5/serial:$multiarch/openblas-openmp:$multiarch/blas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    build=$here/build/gpu
    # Debian's HDF5 lives under hdf5/serial; FindHDF5 is pointed at it explicitly (no h5cc wrapper in a prefix).
    cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DLATENTLAB_BUILD_GUI=OFF -DLATENTLAB_BUILD_TESTS=OFF \
      -DLATENTLAB_USE_CCACHE=OFF -DCMAKE_PREFIX_PATH="$torch_prefix;$prefix/usr" \
      -DHDF5_C_INCLUDE_DIR="$prefix/usr/include/hdf5/serial" -DHDF5_CXX_INCLUDE_DIR="$prefix/usr/include/hdf5/serial" \
      -DHDF5_C_LIBRARY_hdf5="$multiarch/hdf5/serial/libhdf5.so" -DHDF5_CXX_LIBRARY_hdf5_cpp="$multiarch/hdf5/serial/libhdf5_cpp.so" \
      -DHDF5_C_LIBRARY_hdf5_hl="$multiarch/hdf5/serial/libhdf5_hl.so" -DHDF5_CXX_LIBRARY_hdf5_hl_cpp="$multiarch/hdf5/serial/libhdf5_hl_cpp.so" \
      -Dnlohmann_json_DIR="$prefix/usr/share/cmake/nlohmann_json" \
      -DCMAKE_CXX_FLAGS="-I$prefix/usr/include" \
      -DCMAKE_EXE_LINKER_FLAGS="-L$multiarch -L$multiarch/blas -Wl,-rpath-link,$multiarch:$multiarch/hdf5/serial"
    cmake --build "$build" --target latentlab-cli -j "$(nproc)"
    cli=$build/src/cli/latentlab-cli
    work=$build/gpu-check
    rm -rf "$work" && mkdir -p "$work"
    export OMP_WAIT_POLICY=PASSIVE
    "$cli" device --device cuda
    "$cli" dataset generate --kind dsprites --version dsprites-v2 --out "$work/d2.h5" --rows 2000 --seed 1
    for device in cpu cuda; do
      "$cli" train --data "$work/d2.h5" --version dsprites-v2 --preset test --epochs 2 --seed 0 --device "$device" \
        --out "$work/test-$device" --json > "$work/test-$device.json"
    done
    "$cli" dataset generate --kind dsprites --version dsprites-v2 --out "$work/d2-full.h5"
    "$cli" train --data "$work/d2-full.h5" --version dsprites-v2 --preset paper --epochs 3 --seed 0 --device cuda \
      --out "$work/paper-cuda" --json > "$work/paper-cuda.json"
    "$python" - "$work" <<'PY' | tee "$build/gpu-check.txt"
import json, sys
work = sys.argv[1]
cpu, cuda = (json.load(open(f"{work}/test-{d}.json")) for d in ("cpu", "cuda"))
paper = json.load(open(f"{work}/paper-cuda.json"))
print(f"device: {cuda['device']}")
for key in ("reconstruction_bce", "relation_accuracy", "image_relation_accuracy"):
    print(f"test preset, {key}: cpu {cpu[key]:.5f}  cuda {cuda[key]:.5f}")
ok = abs(cpu["reconstruction_bce"] - cuda["reconstruction_bce"]) <= 0.05 * cpu["reconstruction_bce"]
print(f"test BCE within 5 % of the CPU run: {ok}")
print(f"paper preset on cuda: {paper['steps']} steps of 1024 images in {paper['seconds_this_session']:.1f} s "
      f"({paper['seconds_this_session'] / paper['steps'] * 1000:.0f} ms per step including evaluation)")
sys.exit(0 if ok else 1)
PY
    ;;
  *) log "unknown command '$cmd'; expected bundle or run"; exit 2 ;;
esac
