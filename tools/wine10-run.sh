#!/bin/sh
# Runs a command with Wine 10 (the chroot tools/wine10-chroot.sh builds) as its $WINE:
#
#   tools/wine10-run.sh DIR CMD...
#   e.g. SECUR32_WINEPREFIX=$PWD/build/x86_64/wineprefix-wine10 \
#            tools/wine10-run.sh . make -C build/x86_64 check TESTS=tests/records
#
# It enters a private mount namespace, so no mount outlives it, even when killed: there it
# bind-mounts /proc, /sys, /dev, /dev/pts, /dev/shm and DIR (where the programs live, at the same
# path) into the chroot, and a private /tmp ($SECUR32_WINE10_TMP, default DIR/.wine10-tmp), so this
# run's wineserver socket clashes with no other Wine's.  CMD runs on the host side with
# SECUR32_WINE and WINE set to tools/wine10/wine (tools/wine-env.sh takes it over make's WINE;
# tools/wine10/wineserver beside it), which enter the chroot for one command each; the host's
# openssl and gnutls peers share its loopback.  When CMD ends, fails or is interrupted, the server
# of $SECUR32_WINEPREFIX is stopped (a bounded wait) and everything is unmounted.  WINEDLLPATH
# names the chroot's i386 PE DLLs, so i686 programs run in Wine 10's wow64 mode.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" != --inside ]; then
    [ $# -ge 2 ] || { echo "usage: $0 DIR CMD..." >&2; exit 2; }
    share=$(cd "$1" && pwd)
    shift
    root=$("$here/wine10-chroot.sh" | tail -n 1)
    exec unshare --mount --propagation private sh "$here/wine10-run.sh" --inside "$root" "$share" "$@"
fi

root=$2 share=$3
shift 3
tmp=${SECUR32_WINE10_TMP:-$share/.wine10-tmp}
mkdir -p "$tmp"
chmod 1777 "$tmp"
mounted=
cleanup()
{
    # The server outlives the programs by its linger time: stop it within a bounded time.
    [ -z "${SECUR32_WINEPREFIX:-}" ] ||
        WINEPREFIX="$SECUR32_WINEPREFIX" timeout 20 "$here/wine10/wineserver" -k >/dev/null 2>&1 || true
    for m in $mounted; do umount -l "$m" 2>/dev/null || true; done
    mounted=
}
trap cleanup EXIT
trap 'exit 130' INT TERM
bind() { mkdir -p "$root$2"; mount --bind "$1" "$root$2"; mounted="$root$2 $mounted"; }
for m in /proc /sys /dev /dev/pts /dev/shm; do bind "$m" "$m"; done
bind "$tmp" /tmp
bind "$share" "$share"

export SECUR32_WINE="$here/wine10/wine" WINE="$here/wine10/wine" SECUR32_WINE10_ROOT="$root"
export WINEDLLPATH=/usr/lib/i386-linux-gnu/wine
status=0
"$@" || status=$?
exit $status
