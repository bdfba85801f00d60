#!/bin/sh
# Our client and server against independent TLS implementations over loopback, TLS 1.2 and 1.3:
#   our client  -> openssl s_server -rev, gnutls-serv --echo
#   openssl s_client, gnutls-cli -> our server
# Each of our programs reports its checks in the Wine harness's format; the Linux side is judged
# here by the reply it printed.  Every wait is bounded.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$SECUR32_SRCDIR/tools/wine-env.sh"
wine_start
dir=$SECUR32_BUILDDIR/tests/run-peers
rm -rf "$dir"
mkdir -p "$dir"
for exe in peer_client peer_server; do wine_stage_ours "$SECUR32_BUILDDIR/tests/$exe.exe" "$dir"; done
cd "$dir" || exit 99
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 -keyout key.pem -out cert.pem \
    >/dev/null 2>&1 || { echo "FAIL: no test certificate"; exit 1; }

failed=0
port=$((20000 + $$ % 20000))
fail() { echo "FAIL: $*"; failed=1; }

# Runs our client against a server command given as arguments (the port is in $port).
client_against()  # NAME VERSION SEND EXPECT SERVER-COMMAND...
{
    name=$1 version=$2 send=$3 expect=$4
    shift 4
    port=$((port + 1))
    timeout 30 "$@" >"server-$name.log" 2>&1 &
    server=$!
    SECUR32_PEER_ALPN=${SECUR32_PEER_ALPN:-} SECUR32_PEER_SEND2=${SECUR32_PEER_SEND2:-} SECUR32_PEER_PORT=$port SECUR32_PEER_PROTOCOL=$version \
        SECUR32_PEER_SEND=$send SECUR32_PEER_EXPECT=$expect \
        WINEDLLOVERRIDES="$OUR_DLLS" timeout 60 "$WINE" peer_client.exe </dev/null >"client-$name.log" 2>&1 || fail "$name"
    sed "s/^/$name: /" "client-$name.log"
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
}

# Runs our server and a client command given as arguments; the client must print the reply.
server_for()  # NAME VERSION EXPECT REPLY CLIENT-COMMAND...
{
    name=$1 version=$2 expect=$3 reply=$4
    shift 4
    port=$((port + 1))
    SECUR32_PEER_ALPN=${SECUR32_PEER_ALPN:-} SECUR32_PEER_EXPORT_LABEL=${SECUR32_PEER_EXPORT_LABEL:-} SECUR32_PEER_PORT=$port SECUR32_PEER_PROTOCOL=$version SECUR32_PEER_SEND=$reply SECUR32_PEER_EXPECT=$expect \
        WINEDLLOVERRIDES="$OUR_DLLS" timeout 60 "$WINE" peer_server.exe </dev/null >"server-$name.log" 2>&1 &
    server=$!
    for i in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "server-$name.log" && break; sleep 0.5; done
    sleep 0.5
    (echo "$expect"; sleep 3) | timeout 30 "$@" >"client-$name.log" 2>&1
    wait "$server" || fail "$name (our server)"
    sed "s/^/$name: /" "server-$name.log"
    grep -q "^$reply" "client-$name.log" || { fail "$name: the client did not get \"$reply\""; sed "s/^/$name client: /" "client-$name.log" | tail -5; }
}

prio() { echo "NORMAL:-VERS-ALL:+VERS-TLS1.$1"; }

# ALPN: both ends of every exchange below offer protocols; each must report the one agreed on.
alpn_seen()  # NAME LOG EXPECTED
{
    tr -d '\r' <"$2" | grep -qx "alpn: $3" || fail "$1: ALPN is not $3 in $2"
}

for v in 2 3; do
    SECUR32_PEER_ALPN=h2,http/1.1 client_against "openssl-s_server-1.$v" 1$v ping gnip \
        openssl s_server -accept "127.0.0.1:$((port + 1))" -cert cert.pem -key key.pem -tls1_$v -rev -naccept 1 \
        -quiet -alpn http/1.1
    alpn_seen "openssl-s_server-1.$v" "client-openssl-s_server-1.$v.log" http/1.1
    SECUR32_PEER_ALPN=h2,http/1.1 client_against "gnutls-serv-1.$v" 1$v ping ping \
        gnutls-serv --echo -q -p "$((port + 1))" --x509certfile cert.pem --x509keyfile key.pem --priority "$(prio $v)" \
        --alpn=h2
    alpn_seen "gnutls-serv-1.$v" "client-gnutls-serv-1.$v.log" h2
    SECUR32_PEER_ALPN=http/1.1,h2 SECUR32_PEER_EXPORT_LABEL=EXPORTER-secur32 server_for "openssl-s_client-1.$v" 1$v ping pong \
        openssl s_client -connect "127.0.0.1:$((port + 1))" -tls1_$v -servername localhost \
        -keymatexport EXPORTER-secur32 -keymatexportlen 20 -alpn h2,http/1.1
    alpn_seen "openssl-s_client-1.$v" "server-openssl-s_client-1.$v.log" http/1.1
    grep -q "ALPN protocol: http/1.1" "client-openssl-s_client-1.$v.log" || fail "openssl-s_client-1.$v: OpenSSL did not agree on http/1.1"
    # RFC 5705 keying material: OpenSSL's value for the session equals ours.
    theirs=$(sed -n 's/^ *Keying material: *//p' "client-openssl-s_client-1.$v.log")
    ours=$(sed -n 's/^our keying material: *//p' "server-openssl-s_client-1.$v.log" | tr -d '\r')
    if [ -n "$ours" ] && [ "$ours" = "$theirs" ]; then echo "keying material 1.$v: $ours (both ends)"
    else fail "keying material 1.$v: ours '$ours', OpenSSL's '$theirs'"; fi
    server_for "gnutls-cli-1.$v" 1$v ping pong \
        gnutls-cli --insecure -p "$((port + 1))" --priority "$(prio $v)" 127.0.0.1
done
# Mid-connection events, answered through SEC_I_RENEGOTIATE and the ISC/ASC steps after it.
# openssl s_server reads commands from its input: "r" renegotiates (TLS 1.2), "K" sends a KeyUpdate
# that asks for ours (TLS 1.3); then it sends "gnip".  Our client's second line must reach it, read
# with the keys the event produced.
for event in "2 r" "3 K"; do
    v=${event% *} command=${event#* }
    name="openssl-s_server-1.$v-$command"
    SECUR32_PEER_SEND2=after-$command client_against "$name" 1$v ping gnip \
        sh -c "$(printf 'feed() { sleep 4; echo %s; sleep 2; echo gnip; sleep 5; }; feed | openssl s_server -accept 127.0.0.1:%s -cert cert.pem -key key.pem -tls1_%s -naccept 1' "$command" $((port + 1)) $v)"
    grep -q "after-$command" "server-$name.log" || fail "$name: our line after the event did not arrive"
    if [ $v = 2 ]; then
        grep -q "^renegotiations: 1" "client-$name.log" || fail "$name: no renegotiation seen"
    fi
done
# gnutls-cli renegotiates right after its handshake.
server_for "gnutls-cli-1.2-rehandshake" 12 ping pong \
    gnutls-cli --insecure --rehandshake -p "$((port + 1))" --priority "$(prio 2)" 127.0.0.1
grep -q "^renegotiations: 1" "server-gnutls-cli-1.2-rehandshake.log" || fail "gnutls-cli-1.2-rehandshake: no renegotiation seen"

[ $failed = 0 ] && echo "all real-peer exchanges completed"
exit $failed
