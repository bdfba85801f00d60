#!/bin/sh
# Extracts Wine's secur32 conformance tests (dlls/secur32/tests/*.c) from Debian's wine source
# package into a cache outside the work tree (see tools/wine-source.sh); prints their directory.
# They are built unmodified and run against our DLLs: see conformance/local.mk.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
. "$(dirname "$0")/wine-source.sh"
dir=$(wine_source_dir)
echo "$dir/dlls/secur32/tests"
