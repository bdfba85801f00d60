#!/bin/sh
# The parts of Debian's wine source package the tests use, extracted once into a cache outside the
# work tree: the test harness headers (include/wine/test.h, debug.h; Debian's libwine-dev does not
# ship them) and Wine's secur32 conformance tests (dlls/secur32/tests/*.c), run unmodified against
# our DLLs.  Sourced by tools/fetch-wine-test-h.sh and tools/fetch-wine-tests.sh.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/debian-source.sh"

# Prints the cache directory holding include/wine/ and dlls/secur32/tests/, extracting them first
# when either is missing (one download of the source package serves both).
wine_source_dir()
{
    cache=${SECUR32_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secur32-deps}
    debsrc_enable
    version=$(debsrc_version wine)
    [ -n "$version" ] || { echo "error: no wine source package known to apt" >&2; return 1; }
    dir="$cache/wine-test-$version"
    if [ ! -f "$dir/include/wine/test.h" ] || [ ! -f "$dir/dlls/secur32/tests/schannel.c" ]; then
        mkdir -p "$cache"
        work=$(mktemp -d "$cache/wine-src-download.XXXXXX")
        (cd "$work" && apt-get source -qq --download-only "wine=$version" >/dev/null 2>&1)
        orig=$(ls "$work"/wine_*.orig.tar.* 2>/dev/null | head -n 1)
        [ -n "$orig" ] || { echo "error: could not download the wine=$version source package" >&2; rm -rf "$work"; return 1; }
        tar -xf "$orig" -C "$work" --wildcards '*/include/wine/test.h' '*/include/wine/debug.h' \
            '*/dlls/secur32/tests/*.c' || { rm -rf "$work"; return 1; }
        # Each part moves in whole and only when missing (another build may be reading the cache,
        # or may have just put it there).
        mkdir -p "$dir/include" "$dir/dlls/secur32"
        mv -T "$work"/*/include/wine "$dir/include/wine" 2>/dev/null || true
        mv -T "$work"/*/dlls/secur32/tests "$dir/dlls/secur32/tests" 2>/dev/null || true
        rm -rf "$work"
    fi
    echo "$dir"
}
