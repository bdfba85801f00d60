#!/bin/sh
# Extracts Wine's test harness headers (wine/test.h, wine/debug.h) from Debian's wine source package
# into a cache outside the work tree; prints the include directory.  Debian's libwine-dev does not
# ship them.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/debian-source.sh"

cache=${SECUR32_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secur32-deps}
debsrc_enable
version=$(debsrc_version wine)
[ -n "$version" ] || { echo "error: no wine source package known to apt" >&2; exit 1; }
dir="$cache/wine-test-$version"
if [ ! -f "$dir/include/wine/test.h" ]; then
    work="$cache/wine-src-download"
    rm -rf "$work"
    mkdir -p "$work"
    (cd "$work" && apt-get source -qq --download-only "wine=$version" >/dev/null 2>&1)
    orig=$(ls "$work"/wine_*.orig.tar.* | head -n 1)
    mkdir -p "$dir/include"
    tar -xf "$orig" -C "$work" --wildcards '*/include/wine/test.h' '*/include/wine/debug.h'
    mv "$work"/*/include/wine "$dir/include/"
    rm -rf "$work"
fi
echo "$dir/include"
