#!/bin/sh
# Sourced by the sspi-tls tests: sspi-tls.exe staged with our DLLs in a folder of its own, a server
# certificate in a PFX made by OpenSSL, and helpers that run the tool and count checks in the
# Wine harness's summary format (tools/test-summary.sh counts each check).  Every run is bounded.
#   tests=NAME; . tests/sspi-tls-env.sh
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$SECUR32_SRCDIR/tools/wine-env.sh"
wine_start
dir=$SECUR32_BUILDDIR/tests/run-$tests
rm -rf "$dir"
wine_stage_ours "$SECUR32_BUILDDIR/programs/sspi-tls.exe" "$dir"
cd "$dir" || exit 99
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 -keyout key.pem -out cert.pem >/dev/null 2>&1 &&
    openssl pkcs12 -export -in cert.pem -inkey key.pem -passout pass:secret -iter 2048 -out server.pfx ||
    { echo "FAIL: no test certificate"; exit 1; }

. "$SECUR32_SRCDIR/tests/shell-checks.sh"

# The tool under Wine with our DLLs; its output has CRLF line ends, which the helpers drop.
tool() { WINEDLLOVERRIDES="$OUR_DLLS" timeout 60 "$WINE" sspi-tls.exe "$@" </dev/null; }
has() { tr -d '\r' <"$1" | grep -qF -- "$2"; }      # FILE TEXT
lines() { tr -d '\r' <"$1" | grep -c -- "$2"; }     # FILE PATTERN: the number of matching lines

# serve LOG ARGS...: our server in the background on a free port ($port), its pid in $server.
serve()
{
    log=$1
    shift
    tool serve 0 --pfx server.pfx --password secret "$@" >"$log.out" 2>"$log.err" &
    server=$!
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        grep -q listening "$log.out" 2>/dev/null && break
        sleep 0.5
    done
    port=$(tr -d '\r' <"$log.out" | sed -n 's/.*listening.*127\.0\.0\.1:\([0-9]*\).*/\1/p')
}
# served: waits for the server and succeeds when it exited 0.
served() { wait "$server"; }
