#!/bin/sh
# Reproducibility check: builds the DLLs and the programs twice, in two build folders of different
# names, seconds apart, and compares their sha256.  A difference (a build path, a link time, an
# archive date) is printed.  Uses the GnuTLS cache of tools/build-gnutls.sh.
#   tools/reproducible-build.sh [HOST]        (default x86_64-w64-mingw32)
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
host=${1:-x86_64-w64-mingw32}
jobs=$(nproc 2>/dev/null || echo 2)
deps=$("$top/tools/build-gnutls.sh" "$host" | tail -n 1)
outputs="dlls/secur32/secur32.dll dlls/schannel/schannel.dll programs/sspi-tls.exe programs/sspi-packages.exe"
work=$(mktemp -d "${TMPDIR:-/tmp}/secur32-repro.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tree in a second-build-folder; do
    mkdir -p "$work/$tree"
    (cd "$work/$tree" && "$top/configure" -q --host="$host" PKG_CONFIG_LIBDIR="$deps/lib/pkgconfig" >/dev/null 2>&1 &&
        make -s -j"$jobs" $outputs >/dev/null 2>&1) || { echo "FAIL: the build in $work/$tree failed"; exit 1; }
    (cd "$work/$tree" && sha256sum $outputs) >"$work/$tree.sha256"
    sleep 1   # the second build's link time differs from the first one's
done
if cmp -s "$work/a.sha256" "$work/second-build-folder.sha256"; then
    echo "ok: two builds give byte-identical $outputs"
    cat "$work/a.sha256"
else
    echo "FAIL: the two builds differ:"
    diff "$work/a.sha256" "$work/second-build-folder.sha256" || true
    exit 1
fi
