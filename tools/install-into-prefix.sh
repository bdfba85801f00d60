#!/bin/sh
# Installs our secur32.dll and schannel.dll into a Wine prefix and makes Wine prefer them, so that
# every program in the prefix uses them (curl, for one, loads secur32 from system32 only).
#   WINEPREFIX=~/.wine tools/install-into-prefix.sh [BUILD_ROOT]      (default: build)
# BUILD_ROOT holds x86_64/ and i686/ build trees, or installed <arch>-windows/ folders.
# Undo: delete the two DLLs from system32 (and syswow64), and the two DllOverrides values.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
: "${WINEPREFIX:?set WINEPREFIX to the prefix to install into}"
: "${WINE:=wine}"
root=${1:-$(cd "$(dirname "$0")/.." && pwd)/build}

find_dll()  # ARCH NAME
{
    for candidate in "$root/$1/dlls/$2/$2.dll" "$root/$1-windows/$2.dll"; do
        [ -f "$candidate" ] && { echo "$candidate"; return 0; }
    done
    return 1
}

[ -d "$WINEPREFIX/drive_c/windows/system32" ] || { echo "error: $WINEPREFIX is not a Wine prefix" >&2; exit 1; }
for dll in secur32 schannel; do
    src=$(find_dll x86_64 "$dll") || { echo "error: no x86_64 $dll.dll under $root" >&2; exit 1; }
    cp "$src" "$WINEPREFIX/drive_c/windows/system32/$dll.dll"
    # A 64-bit prefix runs 32-bit programs from syswow64.
    if [ -d "$WINEPREFIX/drive_c/windows/syswow64" ] && src=$(find_dll i686 "$dll"); then
        cp "$src" "$WINEPREFIX/drive_c/windows/syswow64/$dll.dll"
    fi
    "$WINE" reg add 'HKCU\Software\Wine\DllOverrides' /v "$dll" /d native /f </dev/null >/dev/null 2>&1
done
echo "installed into $WINEPREFIX"
