#!/bin/sh
# Makes the bundle for Windows (make winetest): the runner, and per architecture our two DLLs and
# every test program (the peer programs, which need tests/real-peers.sh, left out).
#
#   tools/winetest-bundle.sh OUT BUILD_DIR [BUILD_DIR]      e.g. OUT build/x86_64 build/i686
#
# The runner comes from the first build tree; each tree gives its own architecture (its Makefile's
# DLL_ARCH).  OUT becomes OUT/ and OUT.tar.gz (Windows' tar extracts it).  See docs/testing.md.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
out=${1:?usage: $0 OUT BUILD_DIR [BUILD_DIR]}
shift
rm -rf "$out"
mkdir -p "$out"
cp "$1/tests/winetest/runner.exe" "$out/"
for build in "$@"; do
    arch=$(sed -n 's/^DLL_ARCH = //p' "$build/Makefile")
    [ -n "$arch" ] || { echo "winetest-bundle: no DLL_ARCH in $build/Makefile" >&2; exit 1; }
    mkdir -p "$out/$arch/tests"
    cp "$build/dlls/secur32/secur32.dll" "$build/dlls/schannel/schannel.dll" "$out/$arch/"
    for exe in "$build"/tests/*.exe; do
        case $(basename "$exe") in peer_*) ;; *) cp "$exe" "$out/$arch/tests/" ;; esac
    done
done
cat >"$out/README.txt" <<'TEXT'
secur32-schannel test bundle.  Run runner.exe (as an administrator: some tests add a root
certificate to LocalMachine\Root for a moment).  Every test program runs twice per architecture:
"system" (Windows' own Schannel) and "ours" (our secur32.dll and schannel.dll beside it).
Results: results\report.txt, results\junit.xml, results\<arch>-<mode>\<test>.log.
Options: --timeout SECONDS (300), --arch x86_64|i686, --only NAME,NAME, --out DIR.
TEXT
(cd "$(dirname "$out")" && tar czf "$(basename "$out").tar.gz" "$(basename "$out")")
echo "$out"
