#!/bin/sh
# The main job's demo: programs that know only the SSPI, under Wine with our secur32.dll.
#   1. sspi-packages.exe lists the packages our DLL serves;
#   2. sspi-tls.exe as server and as client on loopback: a full handshake, then a reconnect with the
#      same credentials, each end showing the reconnect flag and the session key's fingerprint;
#   3. sspi-tls.exe as client against openssl s_server.
# Every wait is bounded and background servers are stopped on exit.
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
rm -rf "$rundir"
wine_stage_ours "$build/programs/sspi-packages.exe" "$rundir"
cp "$build/programs/sspi-tls.exe" "$rundir/"
cd "$rundir"
# run LOG PROGRAM ARGS...: under Wine with our DLLs, output into LOG (Wine writes CRLF line ends).
run() { log=$1; shift; WINEDLLOVERRIDES="$OUR_DLLS" timeout 60 "$WINE" "$@" </dev/null >"$log" 2>&1; }
show() { tr -d '\r' <"$1"; }
pids=
trap 'for p in $pids; do kill $p 2>/dev/null || true; done' EXIT INT TERM
# wait_for FILE TEXT: until TEXT shows in FILE, ten seconds at most.
wait_for() { for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do grep -q "$2" "$1" 2>/dev/null && return; sleep 0.5; done; }

echo "== sspi-packages.exe: the packages of our secur32.dll =="
run packages.log sspi-packages.exe || { show packages.log; exit 1; }
show packages.log

openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 -keyout key.pem -out cert.pem 2>/dev/null
openssl pkcs12 -export -in cert.pem -inkey key.pem -passout pass:demo -iter 2048 -out server.pfx

echo
echo "== sspi-tls.exe serve and connect, both on our DLL: a full handshake, then a reconnect =="
echo "   (the certificate is self-signed: the tool's own validation rightly reports it untrusted)"
echo "\$ sspi-tls serve 0 --pfx server.pfx --password demo --accept 2 --alpn h2,http/1.1 --expect ping --send pong &"
# Started directly, not through run(), so that $! is timeout's pid, which passes a kill on.
WINEDLLOVERRIDES="$OUR_DLLS" timeout 60 "$WINE" sspi-tls.exe serve 0 --pfx server.pfx --password demo --accept 2 \
    --alpn h2,http/1.1 --expect ping --send pong </dev/null >server.log 2>&1 &
server=$!
pids="$pids $server"
wait_for server.log listening
port=$(show server.log | sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p')
echo "\$ sspi-tls connect 127.0.0.1:$port --servername localhost --alpn h2 --reconnect 1 --send ping --expect pong"
status=0
run client.log sspi-tls.exe connect 127.0.0.1:$port --servername localhost --alpn h2 --reconnect 1 --send ping --expect pong ||
    status=1
show client.log
wait $server || status=1
if [ $status != 0 ]; then
    echo "-- the server --"
    show server.log
    echo "demo: our server and client did not complete both connections"
    exit 1
fi
echo "-- the server's view of the same two connections --"
show server.log | grep -E '^(connection|  (reconnect|session key):)'

echo "== sspi-tls.exe connect against openssl s_server (TLS 1.3, -rev answers each line reversed) =="
oport=$((40000 + $$ % 10000))
timeout 30 openssl s_server -accept 127.0.0.1:$oport -cert cert.pem -key key.pem -rev -naccept 1 -alpn http/1.1 \
    >openssl.log 2>&1 &
pids="$pids $!"
wait_for openssl.log ACCEPT
echo "\$ sspi-tls connect 127.0.0.1:$oport --servername localhost --alpn h2,http/1.1 --send ping --expect gnip"
run client-openssl.log sspi-tls.exe connect 127.0.0.1:$oport --servername localhost --alpn h2,http/1.1 --send ping \
    --expect gnip || status=1
show client-openssl.log
[ $status = 0 ] || { echo "demo: our client and openssl s_server did not complete the exchange"; exit 1; }
