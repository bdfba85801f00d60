#!/bin/sh
# Runs one test .exe under Wine, as automake's test harness calls it (the exe is the argument).
#
# By default the exe runs beside our secur32.dll and schannel.dll with native overrides; with
# SECUR32_TEST_REFERENCE=1 it runs against the system's own (Wine's builtin) DLLs instead, so the
# same test shows how the reference behaves.
#
# Environment: WINE (loader), SECUR32_DLLDIR (our built dlls/ folder), SECUR32_WINEPREFIX (the
# private prefix, created on first use; point it elsewhere to share one).
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u
exe=$1
name=$(basename "$exe")
. "$(dirname "$0")/wine-env.sh"
wine_start

if [ "${SECUR32_TEST_REFERENCE:-0}" = 1 ]; then
    rundir=$(dirname "$exe")/run-reference
    mkdir -p "$rundir"
    cp "$exe" "$rundir/"
    overrides=$SYSTEM_DLLS
else
    rundir=$(dirname "$exe")/run-ours
    wine_stage_ours "$exe" "$rundir"
    overrides=$OUR_DLLS
fi

cd "$rundir" || exit 99
# A program that printed no summary line did not run as a test (a Wine that cannot start it may
# still exit 0): that fails.
out=$(mktemp)
trap 'rm -f "$out"' EXIT
WINEDLLOVERRIDES="$overrides" "$WINE" "$name" </dev/null >"$out" 2>&1
status=$?
cat "$out"
grep -q ' tests executed (' "$out" || { echo "$name: no summary line (exit status $status): it did not run"; exit 1; }
exit $status
