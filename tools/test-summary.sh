#!/bin/sh
# Sums the results of the test logs given as arguments into one line:
#   N passed, N failed, N skipped
# A Wine-harness log counts its checks: failures fail, checks marked todo (known differences of the
# reference) and skipped chunks count as skipped, the rest pass.  A log without the harness's
# summary line (a shell test, or a program that crashed) counts as one check, by automake's verdict.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
awk '
FNR == 1 { if (NR > 1) finish(); summary = 0; failures = 0; verdict = "" }
function count(pattern) { return match($0, "[0-9]+ " pattern) ? substr($0, RSTART, RLENGTH) + 0 : 0 }
/ tests executed \(/ {
    summary = 1
    executed = count("tests executed"); todo = count("marked as todo")
    failures = count("failure"); skips = count("skipped")
    passed += executed - failures - todo; failed += failures; skipped += todo + skips
}
/^(PASS|FAIL|ERROR|SKIP|XFAIL|XPASS) / { verdict = $1 }
function finish() {
    # A harness log that failed without counting a failure died after its summary.
    if (summary) { if (verdict != "PASS" && !failures) failed++; return }
    if (verdict == "PASS") passed++
    else if (verdict == "SKIP") skipped++
    else failed++
}
END {
    if (NR > 0) finish()
    printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped
}' "$@"
