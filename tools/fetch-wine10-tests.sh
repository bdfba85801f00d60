#!/bin/sh
# Extracts Wine 10's secur32 conformance tests and test harness headers from Debian 13's (trixie's)
# wine source package into a cache outside the work tree (see tools/wine-source.sh); prints the
# directory holding include/wine/ and dlls/secur32/tests/.  They are built unmodified and run
# against our DLLs under Wine 10: see conformance/local.mk.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
. "$(dirname "$0")/wine-source.sh"
wine10_source_dir
