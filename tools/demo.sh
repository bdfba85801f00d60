#!/bin/sh
# The main job's demo: our secur32.dll loaded under Wine by a program that knows only the SSPI,
# listing the packages it serves.
#   tools/demo.sh [BUILD_DIR]      (default build/x86_64)
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$top/build/x86_64}" && pwd)
export SECUR32_DLLDIR="$build/dlls"
export SECUR32_WINEPREFIX="${SECUR32_WINEPREFIX:-$build/wineprefix}"
. "$top/tools/wine-env.sh"
wine_start

rundir="$build/demo"
wine_stage_ours "$build/programs/sspi-packages.exe" "$rundir"
cd "$rundir"
echo "== sspi-packages.exe under Wine with our secur32.dll =="
WINEDLLOVERRIDES="$OUR_DLLS" "$WINE" sspi-packages.exe </dev/null
