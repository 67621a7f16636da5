#!/usr/bin/env bash
# The Debian package: cpack builds it from this build tree, dpkg -x unpacks it into a scratch root, the
# CLI runs from there, the package declares libopenblas0-openmp, and the desktop entry and the AppStream
# metainfo pass their validators. Usage: deb_test.sh BUILD_DIR
set -euo pipefail
build=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$build"
cpack -G DEB -B "$scratch/out" >"$scratch/cpack.log" 2>&1 || { cat "$scratch/cpack.log"; exit 1; }
deb=$(ls "$scratch"/out/latentlab_*.deb)
echo "built $(basename "$deb") ($(du -h "$deb" | cut -f1))"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for need in libopenblas0-openmp qt6-qpa-plugins libtorch libhdf5 libqt6widgets6 libqcustomplot libgif7; do
  grep -q "$need" <<<"$depends" || { echo "FAIL: Depends lacks $need"; exit 1; }
done
dpkg -x "$deb" "$scratch/root"
for f in usr/bin/latentlab usr/bin/latentlab-cli usr/bin/latentlab-render usr/share/applications/latentlab.desktop \
         usr/share/icons/hicolor/scalable/apps/latentlab.svg usr/share/metainfo/io.github.latentlab.LatentLab.metainfo.xml \
         usr/share/latentlab/models/dsprites-v2-mae/demo.json usr/share/latentlab/models/dsprites-v2-mae/checkpoint.pt \
         usr/share/doc/latentlab/copyright usr/share/man/man1/latentlab.1.gz usr/share/man/man1/latentlab-cli.1.gz; do
  [ -e "$scratch/root/$f" ] || { echo "FAIL: the package lacks /$f"; exit 1; }
done
version=$("$scratch/root/usr/bin/latentlab-cli" --version)
echo "installed latentlab-cli --version: $version"
grep -q "$(dpkg-deb -f "$deb" Version)" <<<"$version" || { echo "FAIL: version mismatch"; exit 1; }
# The manual pages: every command of the CLI's help has its section, and the roff is clean.
for command in "DATASET GENERATE" TRAIN EVAL RENDER "BENCH DECODE"; do
  zgrep -q "^.SH \"$command\"" "$scratch/root/usr/share/man/man1/latentlab-cli.1.gz" || { echo "FAIL: latentlab-cli.1 lacks $command"; exit 1; }
done
if command -v groff >/dev/null; then
  for page in latentlab latentlab-cli; do
    warnings=$(zcat "$scratch/root/usr/share/man/man1/$page.1.gz" | groff -man -ww -z 2>&1)
    [ -z "$warnings" ] || { echo "FAIL: $page.1: $warnings"; exit 1; }
  done
fi
grep -q "^License: GPL-3+" "$scratch/root/usr/share/doc/latentlab/copyright" || { echo "FAIL: copyright file lacks its license"; exit 1; }
desktop-file-validate "$scratch/root/usr/share/applications/latentlab.desktop"
appstreamcli validate --no-net --explain "$scratch/root/usr/share/metainfo/io.github.latentlab.LatentLab.metainfo.xml"
echo "deb test passed"
