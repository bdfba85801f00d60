#!/bin/sh
# Every shell script of the tree parses under the shell its first line names: a script that runs
# only on request (tools/bench.sh for make bench, the setup tool's rarer paths) would otherwise
# break unseen.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
top=${SECUR32_SRCDIR:-$(dirname "$0")/..}
failed=0 count=0

for script in "$top"/tools/*.sh "$top"/tests/*.sh "$top"/tests/ntlm/ntlm_auth "$top"/.ci/run; do
    [ -f "$script" ] || continue
    case $(head -n 1 "$script") in
        '#!/bin/bash'*|'#!/usr/bin/env bash'*) shell=bash ;;
        '#!/bin/sh'*) shell=sh ;;
        *) continue ;;
    esac
    count=$((count + 1))
    if ! errors=$($shell -n "$script" 2>&1); then
        echo "FAIL: ${script#"$top"/} does not parse under $shell: $errors"
        failed=1
    fi
done
echo "$count scripts parse"
[ "$count" -gt 0 ] || failed=1
exit $failed
