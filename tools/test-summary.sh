#!/bin/sh
# Sums the results of the test logs given as arguments into one line:
#   N passed, N failed, N skipped
# A Wine-harness log counts its checks: failures fail, checks marked todo (known differences of the
# reference) and skipped chunks count as skipped, the rest pass.  A log without the harness's
# summary line (a shell test, or a program that crashed) counts as one check, by automake's verdict.
# A program that died without its summary line (tools/conformance-test.sh counts its checks from
# its report lines) has its death counted as one more failure.  A known failure (automake's XFAIL:
# Wine's conformance tests of what is not implemented yet) counts its failures, and its death, as
# skipped, and gets a line of its own before the sum.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
awk '
FNR == 1 { if (NR > 1) finish(); summary = 0; died = 0; verdict = ""; note = ""; log_name = FILENAME }
function count(pattern) { return match($0, "[0-9]+ " pattern) ? substr($0, RSTART, RLENGTH) + 0 : 0 }
/ tests executed \(/ {
    summary = 1
    executed = count("tests executed"); todo = count("marked as todo")
    failures = count("failure"); skips = count("skipped")
}
/without its summary line/ { died = 1 }
/^conformance [^ ]*: / { note = $0 }
/^(PASS|FAIL|ERROR|SKIP|XFAIL|XPASS) / { verdict = $1 }
function finish(   bad) {
    if (!summary) {
        if (verdict == "PASS") passed++
        else if (verdict == "SKIP" || verdict == "XFAIL") skipped++
        else failed++
        if (verdict == "XFAIL") known = known "\n  " (note != "" ? note : log_name)
        return
    }
    passed += executed - failures - todo; skipped += todo + skips
    bad = failures + died
    if (verdict == "XFAIL") { skipped += bad; known = known "\n  " note; return }
    # A harness log that failed without counting a failure died after its summary.
    if (verdict != "PASS" && !bad) bad = 1
    failed += bad
}
END {
    if (NR > 0) finish()
    if (known != "") printf "known failures (counted as skipped):%s\n", known
    printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped
}' "$@"
