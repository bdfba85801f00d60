#!/bin/sh
# CI step: builds the Debian package from a clean clone of this repository's HEAD (tools/debian-orig.sh,
# then dpkg-buildpackage -us -uc) and runs lintian on the result; lintian's errors and warnings
# fail the step.  Prints the package's file list and size.
#   tools/debian-package.sh [OUTDIR]      (default build/debian; the .deb and the log stay there)
# The GnuTLS cross-builds inside the package build take ~10 minutes on two cores; with
# SECUR32_DEPS_CACHE set (CI passes the cache tools/setup.sh filled) the package build takes the
# same cache key tools/build-gnutls.sh computes from the same sources, and reuses it.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$top/build/debian}
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
git clone -q "$top" "$out/secur32-schannel"
cd "$out/secur32-schannel"
tools/debian-orig.sh >"$out/orig.log" 2>&1 || { tail -n 20 "$out/orig.log"; echo "FAIL: tools/debian-orig.sh"; exit 1; }
dpkg-buildpackage -us -uc >"$out/build.log" 2>&1 || { tail -n 40 "$out/build.log"; echo "FAIL: dpkg-buildpackage"; exit 1; }
cd "$out"
deb=$(ls secur32-schannel_*_all.deb)
echo "ok: built $deb ($(du -k "$deb" | cut -f1) kB; installed $(dpkg-deb -f "$deb" Installed-Size) kB)"
dpkg-deb -c "$deb" | awk '{ print $3, $6 }'
lintian --info --display-info --pedantic secur32-schannel_*.changes >"$out/lintian.log" 2>&1 || true
cat "$out/lintian.log"
if grep -q '^[EW]:' "$out/lintian.log"; then echo "FAIL: lintian reports errors or warnings"; exit 1; fi
echo "ok: lintian: no errors, no warnings"
