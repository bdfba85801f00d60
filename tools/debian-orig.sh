#!/bin/sh
# Before dpkg-buildpackage: makes the orig tarballs of the Debian package in the parent folder,
#   secur32-schannel_VERSION.orig.tar.xz             this tree (git archive HEAD, without debian/)
#   secur32-schannel_VERSION.orig-gmp.tar.xz         Debian's GMP, nettle and GnuTLS sources with
#   secur32-schannel_VERSION.orig-nettle.tar.xz      their Debian patches applied (apt-get source,
#   secur32-schannel_VERSION.orig-gnutls28.tar.xz    the one step that needs the network)
# and unpacks the three into gmp/, nettle/ and gnutls28/ here, where dpkg-source expects them.
# The package build then needs no network.
#   tools/debian-orig.sh && dpkg-buildpackage -us -uc
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
. tools/debian-source.sh
unset SECUR32_DEBIAN_SOURCES
version=$(dpkg-parsechangelog -S Version | sed 's/-[^-]*$//')
base=../secur32-schannel_$version
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

git archive --format=tar --prefix="secur32-schannel-$version/" HEAD -- . ':!debian' | xz -T1 -9 >"$base.orig.tar.xz"
debsrc_enable
# Fixed owner, mode and dates: the same sources give the same tarballs.
epoch=$(dpkg-parsechangelog -S Timestamp)
for pkg in gmp nettle gnutls28; do
    v=$(debsrc_version "$pkg")
    dir=$(debsrc_unpack "$pkg" "$v" "$work/$pkg-src")
    rm -rf "$dir/.pc"
    (cd "$(dirname "$dir")" && mv "$(basename "$dir")" "$pkg" &&
        tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$pkg") | xz -T1 -9 >"$base.orig-$pkg.tar.xz"
    rm -rf "$pkg"
    tar -xJf "$base.orig-$pkg.tar.xz"
    echo "$base.orig-$pkg.tar.xz: $pkg $v"
done
echo "$base.orig.tar.xz: this tree at $(git rev-parse --short HEAD)"
