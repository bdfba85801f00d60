#!/bin/sh
# Runs one command of the Wine 10 chroot in the caller's working directory, with the caller's
# environment: tools/wine10/wine and tools/wine10/wineserver, inside tools/wine10-run.sh.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
root=${SECUR32_WINE10_ROOT:?run this inside tools/wine10-run.sh}
[ -e "$root/proc/self" ] || { echo "wine10: $root is not mounted (use tools/wine10-run.sh)" >&2; exit 125; }
exec chroot "$root" /bin/sh -c 'cd "$1" 2>/dev/null || cd /; shift; exec "$@"' - "$PWD" "$@"
