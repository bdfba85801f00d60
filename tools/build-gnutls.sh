#!/bin/sh
# Cross-builds GMP, nettle and GnuTLS as static libraries for a MinGW host, from Debian's source
# packages, into a cache outside the work tree.  Prints the install prefix on its last line.
#
#   tools/build-gnutls.sh x86_64-w64-mingw32
#
# Cache: $SECUR32_DEPS_CACHE (default ~/.cache/secur32-deps)/<host>-<key>, where <key> hashes the
# three source versions and this script, so a rerun with nothing changed takes a second.
# Needs root (or sudo) only to add a deb-src entry on a machine that has none.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -eu
host=${1:?usage: $0 HOST (x86_64-w64-mingw32 or i686-w64-mingw32)}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/debian-source.sh"

cache=${SECUR32_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secur32-deps}
jobs=$(nproc 2>/dev/null || echo 2)

debsrc_enable
v_gmp=$(debsrc_version gmp)
v_nettle=$(debsrc_version nettle)
v_gnutls=$(debsrc_version gnutls28)
[ -n "$v_gmp" ] && [ -n "$v_nettle" ] && [ -n "$v_gnutls" ] || { echo "error: source versions unknown" >&2; exit 1; }
key=$( (echo "$v_gmp $v_nettle $v_gnutls"; cat "$0") | sha256sum | cut -c1-16)
prefix="$cache/$host-$key"

if [ -f "$prefix/.complete" ]; then
    echo "$prefix"
    exit 0
fi

# A failed run leaves its finished packages (stamped) and resumes after them.
work="$cache/build-$host-$key"
mkdir -p "$work" "$prefix"
log="$work/build.log"
echo "building GMP $v_gmp, nettle $v_nettle, GnuTLS $v_gnutls for $host (log: $log)" >&2

export PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig"
export PKG_CONFIG_PATH=
export CPPFLAGS="-I$prefix/include"
export LDFLAGS="-L$prefix/lib"
export CFLAGS="-O2 -g0"
common="--host=$host --prefix=$prefix --enable-static --disable-shared"

step()
{
    echo "  $1" >&2
    shift
    "$@" >>"$log" 2>&1 || { tail -n 40 "$log" >&2; echo "error: dependency build failed, see $log" >&2; exit 1; }
}

built() { [ -f "$prefix/.built-$1" ]; }
stamp() { touch "$prefix/.built-$1"; }

if ! built gmp; then
    src=$(debsrc_unpack gmp "$v_gmp" "$work")
    step "gmp: autoreconf" sh -c "cd '$src' && autoreconf -fi"
    step "gmp: configure" sh -c "cd '$src' && ./configure $common"
    step "gmp: build" make -C "$src" -j"$jobs"
    step "gmp: install" make -C "$src" install
    stamp gmp
fi

if ! built nettle; then
    src=$(debsrc_unpack nettle "$v_nettle" "$work")
    step "nettle: configure" sh -c "cd '$src' && ./configure $common --enable-fat --disable-documentation --disable-openssl"
    step "nettle: build" make -C "$src" -j"$jobs"
    step "nettle: install" make -C "$src" install
    stamp nettle
fi

src=$(debsrc_unpack gnutls28 "$v_gnutls" "$work")
# Our DLLs must initialise GnuTLS on first use, never from DllMain under the loader lock, so the
# library's implicit constructor/destructor pair is compiled out.
sed -i 's/^\(# define _CONSTRUCTOR\) __attribute__((constructor))/\1/; s/^\(# define _DESTRUCTOR\) __attribute__((destructor))/\1/' "$src/lib/global.c"
grep -q '__attribute__((constructor))' "$src/lib/global.c" && { echo "error: could not disable the GnuTLS constructor" >&2; exit 1; }
# Debian's patches touch m4/ and gl/; these two m4 files need a newer gettext than autoreconf has.
grep -l 'gettext-0.20' "$src"/m4/*.m4 | xargs -r rm -f
step "gnutls: autoreconf" sh -c "cd '$src' && GTKDOCIZE=echo autoreconf -fi"
# gnulib wraps free() to keep errno unless it knows free() leaves it alone, and its wrapper reads
# and writes errno through five calls into msvcrt's _errno (under Wine each fetches the thread's
# CRT data), 65 frees in a reconnect.  free() of a valid block leaves errno alone on Windows
# (Microsoft sets it only for a bad pointer), and so does our DLLs' allocator (tls/tls_malloc.c).
step "gnutls: configure" sh -c "cd '$src' && ./configure $common --enable-threads=windows \
    gl_cv_func_free_preserves_errno=yes \
    --disable-doc --disable-manpages --disable-tests --disable-tools --disable-cxx --disable-guile \
    --disable-libdane --disable-nls --without-p11-kit --with-included-libtasn1 \
    --with-included-unistring --without-idn --without-tpm --without-tpm2 --without-zlib \
    --without-brotli --without-zstd --disable-gcc-warnings --disable-full-test-suite"
step "gnutls: build" make -C "$src" -j"$jobs"
step "gnutls: install" make -C "$src" install
# A static library is not a DLL: its header must not declare gnutls_malloc and friends dllimport.
sed -i 's/^# define _SYM_EXPORT __declspec(dllimport)$/# define _SYM_EXPORT/' "$prefix/include/gnutls/gnutls.h"

rm -f "$prefix"/.built-*
echo "gmp $v_gmp nettle $v_nettle gnutls $v_gnutls" >"$prefix/.complete"
rm -rf "$work"
echo "$prefix"
