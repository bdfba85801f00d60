#!/bin/sh
# Helpers for fetching Debian source packages; sourced by the build scripts.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo

# With SECUR32_DEBIAN_SOURCES=DIR the sources are DIR/<package>/, unpacked already (the Debian
# package build: tools/debian-orig.sh put them there), and nothing is fetched.
local_src() { [ -n "${SECUR32_DEBIAN_SOURCES:-}" ] && echo "$SECUR32_DEBIAN_SOURCES/$1"; }

# A fresh Debian machine has no deb-src entry: add one mirroring the binary sources.
debsrc_enable()
{
    [ -z "${SECUR32_DEBIAN_SOURCES:-}" ] || return 0
    if grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
        apt-cache showsrc gnutls28 >/dev/null 2>&1 && return 0
    else
        src=/etc/apt/sources.list.d/debian.sources
        [ -f "$src" ] || { echo "error: no $src to derive a deb-src entry from" >&2; return 1; }
        sed 's/^Types: deb$/Types: deb-src/' "$src" | $SUDO tee /etc/apt/sources.list.d/secur32-deb-src.sources >/dev/null
    fi
    $SUDO apt-get update -qq >/dev/null
}

# Prints the newest source version apt knows for a package.
debsrc_version()
{
    if src=$(local_src "$1"); then dpkg-parsechangelog -l "$src/debian/changelog" -S Version; return; fi
    apt-cache showsrc "$1" | sed -n 's/^Version: //p' | sort -V | tail -n 1
}

# Downloads and unpacks source package $1 at version $2 into directory $3; prints the tree's path.
debsrc_unpack()
{
    mkdir -p "$3"
    if src=$(local_src "$1"); then
        rm -rf "$3/$1"
        cp -a "$src" "$3/$1" && echo "$3/$1"
        return
    fi
    (cd "$3" && apt-get source -qq --download-only "$1=$2" >/dev/null)
    upstream=$(echo "$2" | sed 's/^[0-9]*://; s/-[^-]*$//')
    dir="$3/$1-$(echo "$upstream" | sed 's/+dfsg.*//')"
    rm -rf "$dir"
    dsc=$(ls "$3"/"$1"_*.dsc | head -n 1)
    dpkg-source -q -x "$dsc" "$dir" >/dev/null 2>&1
    echo "$dir"
}

# Prints the machine's own Debian archive, as apt is set up here (the first URI of its main
# sources); $SECUR32_DEBIAN_MIRROR wins.
debian_mirror()
{
    mirror=${SECUR32_DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
    [ -n "$mirror" ] || mirror=$(sed -n 's/^deb  *\(\[[^]]*\] *\)\{0,1\}\([^ ]*\/debian\) .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
    [ -n "$mirror" ] || { echo "error: no Debian archive named in apt's sources (set SECUR32_DEBIAN_MIRROR)" >&2; return 1; }
    echo "$mirror"
}
