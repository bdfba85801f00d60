#!/bin/sh
# The built DLL files, read without running them (so this covers the i686 build too): each exports
# every name of its list in tests/data/ undecorated, and imports only DLLs every Windows has.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
: "${OBJDUMP:=objdump}"
failed=0
system_dlls="kernel32.dll advapi32.dll crypt32.dll ncrypt.dll bcrypt.dll ws2_32.dll msvcrt.dll"

for dll in secur32 schannel; do
    file="$SECUR32_DLLDIR/$dll/$dll.dll"
    dump=$("$OBJDUMP" -p "$file") || { echo "FAIL: cannot read $file"; failed=1; continue; }
    exports=$(echo "$dump" | sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' | sed -n 's/^.*\] //p')
    for name in $(sed '/^#/d' "$SECUR32_DATADIR/$dll.names"); do
        echo "$exports" | grep -qx "$name" || { echo "FAIL: $dll.dll does not export $name"; failed=1; }
    done
    if echo "$exports" | grep -q '@'; then echo "FAIL: $dll.dll exports decorated names"; failed=1; fi
    # schannel.dll's LSA tables call secur32.dll's Schannel, as Windows' schannel.dll forwards there.
    allowed="$system_dlls"
    [ "$dll" = schannel ] && allowed="$allowed secur32.dll"
    for import in $(echo "$dump" | sed -n 's/^.*DLL Name: //p' | tr 'A-Z' 'a-z'); do
        case " $allowed " in
            *" $import "*) ;;
            *) echo "FAIL: $dll.dll imports $import"; failed=1 ;;
        esac
    done
    echo "$dll.dll: $(echo "$exports" | wc -l) exports checked"
done
exit $failed
