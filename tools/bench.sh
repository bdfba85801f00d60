#!/bin/sh
# Runs a benchmark program under Wine beside our DLLs, for TLS 1.3 and TLS 1.2 (make bench).
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
exe=$1
shift
. "$(dirname "$0")/wine-env.sh"
wine_start
rundir=$(dirname "$exe")/run
wine_stage_ours "$exe" "$rundir"
cd "$rundir"
for version in "" --tls12; do
    WINEDLLOVERRIDES="$OUR_DLLS" "$WINE" "$(basename "$exe")" $version "$@" </dev/null
done
