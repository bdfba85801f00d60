#!/bin/sh
# Sourced by the shell tests: one ok:/FAIL: line per check, and the Wine harness's summary line
# (tools/test-summary.sh counts each check).  The sourcing script sets $tests to its name.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
passed=0
failed=0
# ok NAME COMMAND...: one check, passed when COMMAND succeeds.
ok()
{
    check=$1
    shift
    if "$@"; then echo "ok: $check"; passed=$((passed + 1))
    else echo "FAIL: $check"; failed=$((failed + 1)); fi
}
# The summary line of the Wine harness; the script's exit status is the failure count.
finish()
{
    echo "$tests: $((passed + failed)) tests executed (0 marked as todo, $failed failures), 0 skipped."
    exit $((failed > 0))
}
