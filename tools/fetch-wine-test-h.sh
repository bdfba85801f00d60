#!/bin/sh
# Extracts Wine's test harness headers (wine/test.h, wine/debug.h) from Debian's wine source package
# into a cache outside the work tree (see tools/wine-source.sh); prints the include directory.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
. "$(dirname "$0")/wine-source.sh"
dir=$(wine_source_dir)
echo "$dir/include"
