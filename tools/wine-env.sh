#!/bin/sh
# Running our programs under Wine: a private prefix, a kept-alive server, our DLLs beside the exe.
# Sourced by tools/wine-test.sh and tools/demo.sh.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

# SECUR32_WINE (another Wine, e.g. tools/wine10/wine) wins over WINE, which make sets to the Wine
# configure found.
WINE=${SECUR32_WINE:-${WINE:-wine}}
: "${SECUR32_WINEPREFIX:?set SECUR32_WINEPREFIX}"
export WINEPREFIX="$SECUR32_WINEPREFIX"
export WINEDEBUG="${WINEDEBUG:--all}"
wineserver=$(dirname "$(command -v "$WINE")")/wineserver
[ -x "$wineserver" ] || wineserver=wineserver

# Wine's services inherit the stdio of whatever starts them first: give them /dev/null, never a
# caller's pipe, or the caller waits for them forever.
wine_quiet() { "$@" </dev/null >/dev/null 2>&1; }

# Creates the prefix once (under a lock, for parallel tests) and starts a server that outlives
# each program by 30 s, so a program starts in a tenth of a second instead of a second.
wine_start()
{
    if [ ! -f "$WINEPREFIX/.secur32-ready" ]; then
        mkdir -p "$(dirname "$WINEPREFIX")"
        until mkdir "$WINEPREFIX.lock" 2>/dev/null; do sleep 1; done
        if [ ! -f "$WINEPREFIX/.secur32-ready" ]; then
            WINEDLLOVERRIDES="mscoree,mshtml=" wine_quiet "$WINE" wineboot --init
            wine_quiet "$wineserver" -w
            # In Wine 10's wow64 mode (WINEDLLPATH names its 32-bit PE DLLs, tools/wine10-run.sh)
            # the first boot leaves the 32-bit registry side empty (no CryptoAPI providers): an
            # update fills it.
            if [ -n "${WINEDLLPATH:-}" ]; then
                WINEDLLOVERRIDES="mscoree,mshtml=" wine_quiet "$WINE" wineboot --update
                wine_quiet "$wineserver" -w
            fi
            touch "$WINEPREFIX/.secur32-ready"
        fi
        rmdir "$WINEPREFIX.lock"
    fi
    wine_quiet "$wineserver" -p30 || true  # fails harmlessly when one runs already
    wine_quiet "$WINE" cmd /c exit
}

# Copies an exe and our two DLLs into RUNDIR; the exe then runs there with native overrides.
wine_stage_ours()
{
    mkdir -p "$2"
    cp "$1" "$2/"
    cp "$SECUR32_DLLDIR/secur32/secur32.dll" "$SECUR32_DLLDIR/schannel/schannel.dll" "$2/"
}

OUR_DLLS="secur32,schannel=n"
SYSTEM_DLLS="secur32,schannel=b"
