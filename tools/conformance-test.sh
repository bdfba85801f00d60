#!/bin/sh
# Runs one of Wine's conformance tests (conformance/local.mk) as automake's harness calls it:
#   tools/conformance-test.sh --known 'NAME:FAILURES[+crash] ...' conformance/[wine10/]NAME.exe
# under Wine against our DLLs (tools/wine-test.sh), in Windows-expectation mode.  The log gets the
# program's output, then one line "conformance NAME: ..." with the verdict.
#
# A program without a --known entry must pass.  One with an entry is a known failure: exit 1
# (automake's XFAIL, as the program is in XFAIL_TESTS) while it fails no more than its entry says;
# exit 99 (a hard ERROR) when it fails more, or dies without an entry's "+crash"; exit 0 (XPASS, a
# failure of the suite) once it passes, so its entry is removed.  A program that dies prints no
# summary line: one is counted here from its per-check lines, so its checks still count.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
known=
if [ "${1:-}" = --known ]; then known=$2; shift 2; fi
exe=$1
name=$(basename "$exe" .exe)
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# Wine 10's programs (conformance/wine10/) expect what Windows and Wine 10's own components do:
# under an older Wine they skip (automake's exit status 77).
case $exe in
*/wine10/*)
    name=wine10/$name
    wine=${SECUR32_WINE:-${WINE:-wine}}
    major=$("$wine" --version 2>/dev/null | sed -n 's/^wine-\([0-9]*\).*/\1/p')
    [ "${major:-0}" -ge 10 ] || { echo "conformance $name: skipped, it needs Wine 10 or later (this is ${major:+Wine }${major:-no Wine})"; exit 77; }
    ;;
esac

# todo_wine excuses nothing here.  Every check is reported, so a program that dies is still counted.
WINETEST_PLATFORM=windows WINETEST_REPORT_SUCCESS=1 \
    timeout -k 10 300 sh "$(dirname "$0")/wine-test.sh" "$exe" >"$out" 2>&1
status=$?
cat "$out"

summary=$(grep ' tests executed (' "$out" | tail -n 1)
if [ -n "$summary" ]; then
    died=
    executed=$(echo "$summary" | sed -n 's/.* \([0-9][0-9]*\) tests executed (.*/\1/p')
    failures=$(echo "$summary" | sed -n 's/.* \([0-9][0-9]*\) failures\{0,1\})[^(]*$/\1/p')
else
    [ "$status" = 124 ] && died="timed out" || died="died (exit status $status)"
    failures=$(grep -c ': Test failed: \|: Test succeeded inside todo block: ' "$out")
    executed=$(grep -c ': Test failed: \|: Test succeeded\|: Test marked todo: ' "$out")
    skipped=$(grep -c ': Tests skipped: ' "$out")
    echo "$name: $executed tests executed (0 marked as todo, $failures failures), $skipped skipped," \
        "counted from its check lines: it $died without its summary line"
fi

entry=
for e in $known; do
    case $e in "$name":*) entry=${e#*:} ;; esac
done
verdict() { echo "conformance $name: $1"; exit "$2"; }

counts="$failures of $executed checks failed${died:+, then it $died}"
if [ -z "$entry" ]; then
    [ -z "$died" ] && [ "$failures" = 0 ] || verdict "$counts" 1
    verdict "passes ($executed checks)" "$status"
fi
listed=${entry%+crash}
case $entry in *+crash) crash_known=1 ;; *) crash_known= ;; esac
[ -z "$died" ] || [ -n "$crash_known" ] || verdict "$counts: an error, it is not known to die" 99
[ "$failures" -le "$listed" ] || verdict "$counts: an error, more than the $listed known" 99
[ -n "$died" ] || [ "$failures" != 0 ] || [ "$status" != 0 ] ||
    verdict "passes ($executed checks): take it off CONFORMANCE_KNOWN_FAILURES and CONFORMANCE_XFAIL" 0
note=
[ "$failures" = "$listed" ] && { [ -n "$died" ] || [ -z "$crash_known" ]; } ||
    note=", better than its entry: lower it"
verdict "$counts, as known ($name:$entry$note)" 1
