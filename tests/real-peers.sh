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
# An ECDSA P-256 PKI for the validation exchanges: root -> intermediate -> leaf for localhost.
ec_cert()  # NAME SUBJECT ISSUER EXTENSIONS
{
    printf '%b\n' "$4" >"$1.ext"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$2" -keyout "$1.key" \
        -out "$1.csr" 2>/dev/null &&
    if [ "$3" = self ]; then
        openssl x509 -req -in "$1.csr" -signkey "$1.key" -days 2 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
    else
        openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -set_serial "$$" -days 2 -extfile "$1.ext" \
            -out "$1.pem" 2>/dev/null
    fi
}
ca_ext='basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign'
{ ec_cert ec-root "secur32 peer root" self "$ca_ext" &&
  ec_cert ec-intermediate "secur32 peer intermediate" ec-root "$ca_ext" &&
  ec_cert ec-leaf localhost ec-intermediate 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth' &&
  openssl x509 -in ec-root.pem -outform DER -out ec-root.der; } || { echo "FAIL: no ECDSA test PKI"; exit 1; }

# A client certificate (RSA, clientAuth) for mutual authentication, also as a PFX for our client.
{ openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=secur32 client" -days 2 -keyout client.key -out client.pem \
      -addext extendedKeyUsage=clientAuth >/dev/null 2>&1 &&
  openssl pkcs12 -export -in client.pem -inkey client.key -passout pass:secret -iter 2048 -out client.pfx; } ||
    { echo "FAIL: no client certificate"; exit 1; }

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
    SECUR32_PEER_CLIENT_PFX=${SECUR32_PEER_CLIENT_PFX:-} SECUR32_PEER_CLIENT_EXPORTABLE=${SECUR32_PEER_CLIENT_EXPORTABLE:-0} \
    SECUR32_PEER_ALPN=${SECUR32_PEER_ALPN:-} SECUR32_PEER_SEND2=${SECUR32_PEER_SEND2:-} SECUR32_PEER_PORT=$port SECUR32_PEER_PROTOCOL=$version \
        SECUR32_PEER_ROOT=${SECUR32_PEER_ROOT:-} SECUR32_PEER_STATUS=${SECUR32_PEER_STATUS:-0} \
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
    SECUR32_PEER_MUTUAL=${SECUR32_PEER_MUTUAL:-0} \
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
# Our client validates openssl's ECDSA chain (the intermediate sent by the server) against the root
# installed for the run; without the root it refuses with SEC_E_UNTRUSTED_ROOT and OpenSSL reads
# unknown_ca.
for v in 2 3; do
    SECUR32_PEER_ROOT=ec-root.der client_against "ecdsa-chain-1.$v" 1$v ping gnip \
        openssl s_server -accept "127.0.0.1:$((port + 1))" -cert ec-leaf.pem -key ec-leaf.key \
        -cert_chain ec-intermediate.pem -tls1_$v -rev -naccept 1 -quiet
    SECUR32_PEER_ROOT=- SECUR32_PEER_STATUS=$((0x80090325)) client_against "ecdsa-untrusted-1.$v" 1$v ping gnip \
        openssl s_server -accept "127.0.0.1:$((port + 1))" -cert ec-leaf.pem -key ec-leaf.key \
        -cert_chain ec-intermediate.pem -tls1_$v -rev -naccept 1
    grep -qi "unknown ca" "server-ecdsa-untrusted-1.$v.log" || fail "ecdsa-untrusted-1.$v: OpenSSL did not read unknown_ca"
done
# Mutual authentication.  openssl s_server -Verify 1 requires a client certificate and checks it
# against the client's own (self-signed) certificate as its CA.  Our client signs its CertificateVerify
# through the key's provider: a non-exportable CryptoAPI key in TLS 1.2 (PKCS#1 v1.5; Wine 8's
# CryptoAPI cannot sign with PSS, so such a key gets no TLS 1.3), an exportable key in TLS 1.3 (PSS
# through a CNG copy).  Then openssl s_client -cert against our server asking for a certificate
# (-quiet: its session ticket dumps would split the reply's line).
for case in "2 0" "3 1"; do
    v=${case% *}
    SECUR32_PEER_CLIENT_PFX=client.pfx SECUR32_PEER_CLIENT_EXPORTABLE=${case#* } client_against "client-cert-1.$v" 1$v ping gnip \
        openssl s_server -accept "127.0.0.1:$((port + 1))" -cert cert.pem -key key.pem -tls1_$v -rev -naccept 1 \
        -Verify 1 -CAfile client.pem -verify_return_error
    grep -q "CN *= *secur32 client" "server-client-cert-1.$v.log" || fail "client-cert-1.$v: OpenSSL saw no client certificate"
    SECUR32_PEER_MUTUAL=1 server_for "openssl-s_client-cert-1.$v" 1$v ping pong \
        openssl s_client -connect "127.0.0.1:$((port + 1))" -tls1_$v -servername localhost -cert client.pem -key client.key \
        -quiet
    tr -d '\r' <"server-openssl-s_client-cert-1.$v.log" | grep -qx "client certificate: CN=secur32 client" ||
        fail "openssl-s_client-cert-1.$v: our server did not see the client certificate"
done
# A server that asks but does not insist (-verify), naming its CA: our client without a certificate
# gets SEC_I_INCOMPLETE_CREDENTIALS with that name in SECPKG_ATTR_ISSUER_LIST_EX, and goes on without.
for v in 2 3; do
    client_against "client-nocert-1.$v" 1$v ping gnip \
        openssl s_server -accept "127.0.0.1:$((port + 1))" -cert cert.pem -key key.pem -tls1_$v -rev -naccept 1 \
        -verify 1 -CAfile client.pem
    tr -d '\r' <"client-client-nocert-1.$v.log" | grep -qx "certificate requested by: \[CN=secur32 client\]" ||
        fail "client-nocert-1.$v: the server's CA name did not reach the client"
done
SECUR32_PEER_MUTUAL=1 server_for "openssl-s_client-nocert-1.3" 13 ping pong \
    openssl s_client -connect "127.0.0.1:$((port + 1))" -tls1_3 -servername localhost -quiet
tr -d '\r' <"server-openssl-s_client-nocert-1.3.log" | grep -qx "client certificate: none" ||
    fail "openssl-s_client-nocert-1.3: our server did not report the missing client certificate"
# gnutls-cli renegotiates right after its handshake.
server_for "gnutls-cli-1.2-rehandshake" 12 ping pong \
    gnutls-cli --insecure --rehandshake -p "$((port + 1))" --priority "$(prio 2)" 127.0.0.1
grep -q "^renegotiations: 1" "server-gnutls-cli-1.2-rehandshake.log" || fail "gnutls-cli-1.2-rehandshake: no renegotiation seen"

[ $failed = 0 ] && echo "all real-peer exchanges completed"
exit $failed
