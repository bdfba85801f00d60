#!/bin/sh
# The first of the README's two commands: on a fresh Debian 12 machine, installs what the build
# needs, cross-builds GnuTLS (cached), builds secur32.dll and schannel.dll for x86_64 and i686 into
# build/<arch>/, builds the Wine 10 chroot the tests also run in (cached), and runs the main job
# (tools/demo.sh).  Rerunning it takes seconds.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
jobs=$(nproc 2>/dev/null || echo 2)

# Build tools, MinGW-w64, Wine (64-bit: 32-bit Wine does not run on every kernel), the TLS peers
# the tests talk to (openssl, gnutls-bin), what the Debian source builds of GMP, nettle and GnuTLS
# need, debootstrap for the Wine 10 chroot of the test legs, and the Debian package's build and check.
packages="mingw-w64 wine wine64 autoconf automake autopoint gettext libtool pkg-config m4 make dpkg-dev xz-utils openssl gnutls-bin debootstrap winbind krb5-kdc krb5-admin-server krb5-user debhelper lintian clang-14 libclang-rt-14-dev"
missing=
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "== installing:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

echo "== Wine test harness header and conformance tests (Wine 8's, and Wine 10's for its legs)"
wine_include=$(tools/fetch-wine-test-h.sh)
wine_conformance=$(tools/fetch-wine-tests.sh)
wine10_tests=$(tools/fetch-wine10-tests.sh)

[ -x configure ] && [ configure -nt configure.ac ] || { echo "== autoreconf"; autoreconf -fi; }

for arch in x86_64 i686; do
    host=$arch-w64-mingw32
    echo "== GnuTLS for $host"
    # The script prints the prefix last; its failure must stop setup (a pipe would hide it).
    deps=$(tools/build-gnutls.sh "$host")
    deps=$(echo "$deps" | tail -n 1)
    build=build/$arch
    mkdir -p "$build"
    # Reconfigure when the dependency prefix changed (new Debian versions or a new build script)
    # or the fetched Wine parts moved.
    key="$deps $wine_include $wine_conformance $wine10_tests"
    if [ ! -f "$build/Makefile" ] || [ "$(cat "$build/.deps-prefix" 2>/dev/null)" != "$key" ]; then
        echo "== configure $arch"
        (cd "$build" && "$top/configure" -q --host="$host" --with-wine-test-include="$wine_include" \
            --with-wine-conformance="$wine_conformance" --with-wine10-tests="$wine10_tests" \
            PKG_CONFIG_LIBDIR="$deps/lib/pkgconfig")
        echo "$key" >"$build/.deps-prefix"
    fi
    echo "== build $arch"
    make -s -C "$build" -j"$jobs" >/dev/null
done

# Wine 10 beside Wine 8 for tools/run-tests.sh (cached; needs root for debootstrap and chroot).
echo "== Wine 10 chroot"
$SUDO tools/wine10-chroot.sh

echo "== main job"
tools/demo.sh build/x86_64
