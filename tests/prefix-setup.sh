#!/bin/sh
# The prefix setup tool's round trip on a fresh prefix of its own: install (copy, then --symlink)
# makes a program load our secur32 from system32 (Wine's loaddll trace), uninstall brings back
# Wine's builtin and leaves the prefix's DLLs and overrides exactly as they were.  Also: it refuses
# a folder that is not a prefix and a prefix served by another Wine version, and repeats harmlessly.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
: "${WINE:=wine}"
export WINEDEBUG=-all
wineserver=$(dirname "$(command -v "$WINE")")/wineserver
[ -x "$wineserver" ] || wineserver=wineserver
tests=prefix-setup
dir=$SECUR32_BUILDDIR/tests/run-$tests
export WINEPREFIX=$dir/prefix
setup="$SECUR32_BUILDDIR/secur32-schannel-setup --dlls $dir/dlls"
# The round trip runs from the x86_64 tree, which installs both pairs (system32 and syswow64).
if "${OBJDUMP:-objdump}" -f "$SECUR32_DLLDIR/secur32/secur32.dll" 2>/dev/null | grep -q 'pei-i386'; then
    echo "SKIP: run from the x86_64 build tree (it installs the i686 pair too)"
    exit 77
fi
rm -rf "$dir"
mkdir -p "$dir" || exit 99

# Our DLLs in the installed layout; the i686 pair too when its build tree sits beside this one.
mkdir -p "$dir/dlls/x86_64-windows"
cp "$SECUR32_DLLDIR/secur32/secur32.dll" "$SECUR32_DLLDIR/schannel/schannel.dll" "$dir/dlls/x86_64-windows/" || exit 99
if [ -f "$SECUR32_BUILDDIR/../i686/dlls/secur32/secur32.dll" ]; then
    mkdir -p "$dir/dlls/i686-windows"
    cp "$SECUR32_BUILDDIR/../i686/dlls/secur32/secur32.dll" "$SECUR32_BUILDDIR/../i686/dlls/schannel/schannel.dll" \
        "$dir/dlls/i686-windows/"
fi

WINEDLLOVERRIDES="mscoree,mshtml=" "$WINE" wineboot --init </dev/null >/dev/null 2>&1
"$wineserver" -w
[ -f "$WINEPREFIX/system.reg" ] || { echo "FAIL: wineboot made no prefix"; exit 99; }

. "$SECUR32_SRCDIR/tests/check-env.sh"

# The state the round trip must give back: every DLL of both system folders, and the overrides.
snapshot()
{
    (cd "$WINEPREFIX/drive_c/windows" && find system32 syswow64 -name '*.dll' -type f | LC_ALL=C sort | xargs sha256sum)
    "$WINE" reg query 'HKCU\Software\Wine\DllOverrides' </dev/null 2>&1 | tr -d '\r'
}
# Which secur32 a program loads: the last field of Wine's loaddll line, "native" or "builtin".
loaded()
{
    (cd "$dir" && WINEDEBUG=+loaddll timeout 60 "$WINE" "$SECUR32_BUILDDIR/programs/sspi-packages.exe" </dev/null 2>&1) |
        tr -d '\r' | grep -i 'loaddll.*windows\\\\system32\\\\secur32\.dll' | sed 's/.*: //' | head -n 1
}
loads() { [ "$(loaded)" = "$1" ]; }
status_has() { $setup status 2>&1 | grep -qF -- "$1"; }
same_as_before() { snapshot >"$dir/after"; cmp -s "$dir/before" "$dir/after" || { diff "$dir/before" "$dir/after" | head; false; }; }
fails_with()
{
    text=$1
    shift
    ! "$@" >"$dir/out" 2>&1 && [ "$(wc -l <"$dir/out")" = 1 ] && grep -qF -- "$text" "$dir/out" ||
        { sed 's/^/  said: /' "$dir/out"; false; }
}

# An override the prefix had before ours must come back as it was.
"$WINE" reg add 'HKCU\Software\Wine\DllOverrides' /v schannel /d builtin /f </dev/null >/dev/null 2>&1
snapshot >"$dir/before"
ok "a fresh prefix loads Wine's builtin secur32" loads builtin
ok "status before: Wine's builtin" status_has "x86_64 secur32.dll: loads Wine's builtin; file: wine; override: (none)"
ok "status before: the prefix's own override" status_has "x86_64 schannel.dll: loads Wine's builtin; file: wine; override: builtin"

mkdir -p "$dir/not-a-prefix"
ok "refuses a folder that is not a prefix" fails_with "is not a Wine prefix" $setup --prefix "$dir/not-a-prefix" install
# A running server that answers another version than the tool's Wine (a wineserver that claims
# to be another release stands in for another Wine installation).
printf '#!/bin/sh\necho "Wine 0.9"\n' >"$dir/other-wineserver"
chmod +x "$dir/other-wineserver"
"$wineserver" -p10 </dev/null >/dev/null 2>&1
"$WINE" cmd /c exit </dev/null >/dev/null 2>&1   # the server is up and serving this prefix
ok "refuses a prefix served by another Wine version" fails_with "in use by a wineserver of Wine 8" \
    env WINESERVER="$dir/other-wineserver" $setup install

ok "install" $setup install
ok "install again (idempotent)" $setup install
ok "status: ours with the native override" status_has "x86_64 secur32.dll: loads ours (C:\\windows\\system32\\secur32.dll); file: ours; override: native"
ok "status: our schannel too" status_has "x86_64 schannel.dll: loads ours"
ok "a program loads our secur32 from system32" loads native
ok "system32 holds our bytes" cmp -s "$WINEPREFIX/drive_c/windows/system32/secur32.dll" "$dir/dlls/x86_64-windows/secur32.dll"
if [ -d "$dir/dlls/i686-windows" ]; then
    ok "syswow64 holds our i686 bytes" cmp -s "$WINEPREFIX/drive_c/windows/syswow64/secur32.dll" "$dir/dlls/i686-windows/secur32.dll"
fi
ok "uninstall" $setup uninstall
ok "a program loads Wine's builtin again" loads builtin
ok "the prefix's DLLs and overrides are as before" same_as_before
ok "uninstall again says so" sh -c "$setup uninstall | grep -q 'not installed'"

ok "install --symlink" $setup --symlink install
ok "system32 links to our DLL" test -L "$WINEPREFIX/drive_c/windows/system32/secur32.dll"
ok "a program loads our secur32 through the link" loads native
ok "uninstall the links" $setup uninstall
ok "the prefix is as before again" same_as_before

"$wineserver" -k </dev/null >/dev/null 2>&1
[ "$failed" = 0 ] && rm -rf "$dir"
finish
