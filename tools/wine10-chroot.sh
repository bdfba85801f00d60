#!/bin/sh
# Wine 10 (Debian 13, trixie) beside the host's Wine 8, in a chroot cached outside the work tree.
#
#   tools/wine10-chroot.sh         builds the chroot when missing; prints its directory
#
# Programs run in it through tools/wine10-run.sh.
#
# The chroot is `debootstrap --variant=minbase` of trixie with wine, wine64, openssl, gnutls-bin,
# ca-certificates, procps, winbind and the Kerberos libraries, plus trixie's libwine:i386 unpacked (not installed) into it: the
# 32-bit PE DLLs Wine 10's experimental wow64 mode needs to run i686 programs in the 64-bit loader
# (the kernel here runs no 32-bit ELF).  Cache: $SECUR32_CHROOT_CACHE (default $SECUR32_DEPS_CACHE,
# default ~/.cache/secur32-deps)/wine10-<key>, <key> hashing the trixie versions of those packages
# and this script; a rerun with nothing changed takes seconds.  Needs root (debootstrap, chroot).
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
script=$(cd "$(dirname "$0")" && pwd)/wine10-chroot.sh
cache=${SECUR32_CHROOT_CACHE:-${SECUR32_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secur32-deps}}
# The machine's own Debian archive, as apt is set up here (the first URI of its main sources).
mirror=${SECUR32_DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb  *\(\[[^]]*\] *\)\{0,1\}\([^ ]*\/debian\) .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
suite=trixie
# winbind for ntlm_auth (Wine's NTLM), the Kerberos libraries Wine's kerberos.dll loads.
packages="wine,wine64,openssl,gnutls-bin,ca-certificates,procps,winbind,libkrb5-3,libgssapi-krb5-2"
# The i386 PE DLLs' folder inside the chroot; tools/wine10-run.sh sets WINEDLLPATH to it.
i386_dlls=/usr/lib/i386-linux-gnu/wine

die() { echo "wine10-chroot: $*" >&2; exit 1; }
[ -n "$mirror" ] || die "no Debian archive named in apt's sources (set SECUR32_DEBIAN_MIRROR)"

# A private apt configuration (amd64 and i386, trixie only) that asks the archive for versions and
# downloads the i386 package, without touching the host's apt.
apt_private()
{
    conf="$cache/apt-$suite"
    mkdir -p "$conf/lists/partial" "$conf/archives/partial" "$conf/state" "$conf/none"
    [ -f "$conf/sources.list" ] ||
        echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" >"$conf/sources.list"
    : >>"$conf/status"
    "$@" -o Dir::Etc::SourceList="$conf/sources.list" -o Dir::Etc::SourceParts="$conf/none" \
        -o Dir::Etc::Preferences=/dev/null -o Dir::Etc::PreferencesParts="$conf/none" \
        -o Dir::State="$conf/state" -o Dir::State::Lists="$conf/lists" -o Dir::State::status="$conf/status" \
        -o Dir::Cache="$conf" -o Dir::Cache::Archives="$conf/archives" \
        -o APT::Architecture=amd64 -o APT::Architectures=amd64,i386 -o Debug::NoLocking=1 \
        -o APT::Sandbox::User=root
}

candidate() { apt_private apt-cache policy "$1" | sed -n 's/^ *Candidate: //p'; }

# Prints the cached chroot's directory, building it first when missing.
chroot_root()
{
    command -v debootstrap >/dev/null || die "debootstrap is missing (tools/setup.sh installs it)"
    mkdir -p "$cache"
    # Reruns refresh the lists (seconds); offline, the last lists still name the cached chroot.
    apt_private apt-get update -qq >/dev/null 2>&1 || echo "wine10-chroot: apt-get update failed; using the last package lists" >&2
    versions=
    for p in wine libwine libwine:i386 openssl gnutls-bin; do
        v=$(candidate "$p")
        [ -n "$v" ] && [ "$v" != "(none)" ] || die "no $suite version of $p known (no network?)"
        versions="$versions $p=$v"
    done
    key=$( (echo "$versions"; cat "$script") | sha256sum | cut -c1-16)
    dir="$cache/wine10-$key"
    [ -f "$dir/.complete" ] && { echo "$dir/root"; return; }

    until mkdir "$dir.lock" 2>/dev/null; do
        echo "wine10-chroot: waiting for another build of $dir" >&2; sleep 10
    done
    trap 'rm -rf "$dir.lock"' EXIT
    if [ ! -f "$dir/.complete" ]; then
        build_chroot "$dir" "$versions" >&2
    fi
    rm -rf "$dir.lock"
    trap - EXIT
    echo "$dir/root"
}

# Builds DIR/root from scratch: debootstrap (in a mount namespace of its own, so an interrupted
# run leaves no mount behind), then the i386 DLLs.
build_chroot()
{
    dir=$1
    echo "wine10-chroot: building $dir ($2; about 2 minutes)"
    rm -rf "$dir"
    mkdir -p "$dir"
    root="$dir/root"
    log="$dir/debootstrap.log"
    unshare --mount --propagation private \
        debootstrap --variant=minbase --include="$packages" "$suite" "$root" "$mirror" >"$log" 2>&1 ||
        { tail -n 20 "$log" >&2; die "debootstrap failed, see $log"; }
    chroot "$root" apt-get clean
    # minbase writes no hosts file: programs in the chroot must find localhost (the HTTP tests).
    printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$root/etc/hosts"

    libwine_i386=$(echo "$2" | sed -n 's/.* libwine:i386=\([^ ]*\).*/\1/p')
    debs="$dir/debs"
    mkdir -p "$debs"
    (cd "$debs" && apt_private apt-get download -qq "libwine:i386=$libwine_i386") ||
        die "could not download libwine:i386=$libwine_i386"
    dpkg-deb -x "$debs"/libwine_*_i386.deb "$root"
    rm -rf "$debs"
    # The wow64 loader takes its Unix side from the 64-bit build.
    ln -sfn /usr/lib/x86_64-linux-gnu/wine/x86_64-unix "$root$i386_dlls/x86_64-unix"
    [ -d "$root$i386_dlls/i386-windows" ] || die "no i386-windows DLLs in libwine:i386"

    installed=$(chroot "$root" dpkg-query -W -f='${Version}' wine)
    wanted=$(echo "$2" | sed -n 's/.* wine=\([^ ]*\).*/\1/p')
    [ "$installed" = "$wanted" ] || die "debootstrap installed wine $installed, the archive said $wanted"
    echo "$2" >"$dir/.complete"
    echo "wine10-chroot: done: wine $installed, libwine:i386 $libwine_i386"
}

chroot_root
