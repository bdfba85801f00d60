#!/bin/sh
# The second of the README's two commands: the whole test suite, after tools/setup.sh.
#   - make check in build/x86_64: every test program under Wine against our DLLs, plus the shell tests;
#   - the i686 DLL files (exports, imports), read statically: 32-bit Wine cannot run here;
#   - two builds in different folders give the same bytes (tools/reproducible-build.sh);
#   - the Debian package from a clean clone, and lintian (tools/debian-package.sh) unless
#     SECUR32_SKIP_DEBIAN=1;
#   - make distcheck (tarball, VPATH build and tests from it) unless SECUR32_SKIP_DISTCHECK=1.
# Ends with one line "N passed, N failed, N skipped"; exits non-zero when anything failed.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)
checks=build/checks
rm -rf "$checks"
mkdir -p "$checks"
# One prefix for every run here, so it is created once.
export SECUR32_WINEPREFIX="${SECUR32_WINEPREFIX:-$top/build/x86_64/wineprefix}"

# Records a whole command as one check, in the automake log format test-summary.sh reads.
check()
{
    name=$1
    shift
    if "$@" >"$checks/$name.out" 2>&1; then verdict=PASS; else verdict=FAIL; fi
    { cat "$checks/$name.out"; echo "$verdict $name"; } >"$checks/$name.log"
    echo "$verdict: $name"
}

echo "== make check (x86_64, under Wine)"
# Built in parallel, run one at a time: the tests share one prefix, and tests/credentials.exe
# changes its Schannel registry settings for a moment.
make -C build/x86_64 -j"$jobs" check TESTS= >build/checks/make-check.out 2>&1
make -C build/x86_64 check >>build/checks/make-check.out 2>&1
grep -E '^(PASS|FAIL|ERROR|SKIP|XFAIL|XPASS):' build/checks/make-check.out
echo "== Wine's conformance tests: each program's summary line and verdict"
grep -h -e ' tests executed (' -e '^conformance ' build/x86_64/conformance/*.log 2>/dev/null
check i686-dll-files make -C build/i686 check TESTS=tests/dll-files.sh
echo "== reproducible build (two build folders, sha256 of the DLLs and programs)"
check reproducible-build tools/reproducible-build.sh
if [ "${SECUR32_SKIP_DEBIAN:-0}" != 1 ]; then
    echo "== Debian package from a clean clone, and lintian"
    check debian-package env SECUR32_DEPS_CACHE="${SECUR32_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secur32-deps}" \
        tools/debian-package.sh
fi
if [ "${SECUR32_SKIP_DISTCHECK:-0}" != 1 ]; then
    echo "== make distcheck"
    check distcheck make -C build/x86_64 distcheck
fi

# A test that did not even build leaves no log: count the build failure itself.
logs=$(ls build/x86_64/tests/*.log build/x86_64/conformance/*.log 2>/dev/null | grep -v test-suite)
[ -n "$logs" ] || check make-check false
tools/test-summary.sh $logs "$checks"/*.log | tee "$checks/summary"
grep -q ' 0 failed' "$checks/summary"
