#!/bin/sh
# The debug switch: SECUR32_DEBUG turns on TRACE lines in Wine's format on stderr; without it our
# DLL writes nothing there.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$SECUR32_SRCDIR/tools/wine-env.sh"
wine_start
rundir=$SECUR32_BUILDDIR/tests/run-debug
wine_stage_ours "$SECUR32_BUILDDIR/programs/sspi-packages.exe" "$rundir"
cd "$rundir" || exit 99
failed=0

SECUR32_DEBUG=+sspi WINEDLLOVERRIDES="$OUR_DLLS" "$WINE" sspi-packages.exe </dev/null >stdout.txt 2>stderr.txt
if ! grep -Eq '^[0-9a-f]{4}:trace:sspi:EnumerateSecurityPackagesA ' stderr.txt; then
    echo "FAIL: no trace line from EnumerateSecurityPackagesA with SECUR32_DEBUG=+sspi"; failed=1
fi
SECUR32_DEBUG=warn+sspi WINEDLLOVERRIDES="$OUR_DLLS" "$WINE" sspi-packages.exe </dev/null >stdout.txt 2>stderr.txt
if grep -q ':trace:' stderr.txt; then echo "FAIL: trace lines with SECUR32_DEBUG=warn+sspi"; failed=1; fi
env -u SECUR32_DEBUG WINEDLLOVERRIDES="$OUR_DLLS" "$WINE" sspi-packages.exe </dev/null >stdout.txt 2>stderr.txt
if grep -Eq '^[0-9a-f]{4}:(trace|warn|fixme|err):' stderr.txt; then
    echo "FAIL: debug lines without SECUR32_DEBUG"; failed=1
fi
grep -q "^Schannel " stdout.txt || { echo "FAIL: the program did not list Schannel"; failed=1; }
[ $failed = 0 ] && echo "debug switch: on, class filter and silence checked"
exit $failed
