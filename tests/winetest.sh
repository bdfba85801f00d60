#!/bin/sh
# The Windows bundle (make winetest) run under Wine, as on Windows: its runner with a few quick
# programs of this build's architecture, in both modes.  Checks the runner's verdicts, that each
# run proved which secur32.dll it loaded, and the report's parts (version lines, JUnit XML).
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$SECUR32_SRCDIR/tools/wine-env.sh"
wine_start
bundle=$SECUR32_BUILDDIR/tests/run-winetest/secur32-winetest
passed=0 failed=0
check() { if eval "$2"; then echo "ok: $1"; passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi; }

sh "$SECUR32_SRCDIR/tools/winetest-bundle.sh" "$bundle" "$SECUR32_BUILDDIR" >/dev/null
arch=$(ls -d "$bundle"/*/ | xargs -n1 basename)
only=exports,packages,handles
cd "$bundle" || exit 99
WINEDLLOVERRIDES="secur32,schannel=n,b" timeout 300 "$WINE" runner.exe --arch "$arch" --only "$only" --timeout 120 </dev/null >runner.out 2>&1
status=$?
report=results/report.txt
# The programs' summary lines are quoted so that the suite's sum counts this script's checks only
# (the same programs run in make check already).
tr -d '\r' <runner.out
tr -d '\r' <"$report" 2>/dev/null | sed 's/ tests executed (/ tests executed, (/'
check "the runner exits 0 (no failed run)" '[ $status = 0 ]'
check "the report's last line: 6 runs passed" 'tail -n 1 "$report" | tr -d "\r" | grep -qx "6 passed, 0 failed, 0 skipped"'
check "the report names the Windows version" 'grep -q "^Windows [0-9]*\.[0-9]* build [0-9]*" "$report"'
check "the report names the system secur32.dll" 'grep -q "^system secur32.dll: " "$report"'
for name in $(echo "$only" | tr , ' '); do
    for mode in system ours; do
        check "$arch $mode $name: ok, with its summary line" \
            'grep -q "^$arch $mode $name: ok: .*$name: [0-9]* tests executed" "$report"'
    done
    check "$name with ours loaded secur32.dll from its own folder" \
        'tr -d "\r" <"results/$arch-ours/$name.log" | grep -qi "^secur32.dll loaded from .*\\\\$arch-ours\\\\secur32.dll\$"'
    check "$name alone loaded the system's secur32.dll" \
        'grep -qi "^secur32.dll loaded from .*\\\\system32\\\\secur32.dll\|^secur32.dll loaded from .*\\\\syswow64\\\\secur32.dll" "results/$arch-system/$name.log"'
done
check "junit.xml has one testcase per run and no failure" \
    '[ "$(grep -c "<testcase " results/junit.xml)" = 6 ] && ! grep -q "<failure" results/junit.xml'
echo "winetest: $((passed + failed)) tests executed (0 marked as todo, $failed failures), 0 skipped."
[ $failed = 0 ]
