#!/bin/sh
# Writes a module-definition (.def) file for one architecture from a DLL's .exports list.
#   tools/mkdef.sh ARCH DLLNAME FILE.exports > FILE.def      (ARCH: x86_64 or i686)
# On i686 the names carry their stdcall decoration (name@bytes) and the DLL is linked with
# --kill-at, so the exported names come out undecorated as on Windows.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
arch=$1 dll=$2 exports=$3
awk -v arch="$arch" -v dll="$dll" '
BEGIN { print "LIBRARY \"" dll "\""; print "EXPORTS" }
/^#/ || NF == 0 { next }
{
    name = $1; bytes = $2; ordinal = ""; forward = ""
    for (i = 3; i <= NF; i++) {
        if ($i ~ /^@[0-9]+$/) ordinal = " " $i
        else if ($i == "=") forward = $(++i)
    }
    if (forward != "") print "    " name " = " forward ordinal
    else if (arch == "i686") print "    " name "@" bytes ordinal
    else print "    " name ordinal
}' "$exports"
