#!/bin/sh
# programs/sspi-tls.exe under Wine with our DLLs: our server and client, TLS 1.2 and 1.3, ALPN,
# data exchange, the JSON form, several connections with one credential, our client against
# openssl s_server, and every error path (one line on stderr, the documented exit code, no hang).
# Reconnect flag and session keys are tests/sspi-tls-reconnect.sh's.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
tests=sspi-tls
. "$SECUR32_SRCDIR/tests/sspi-tls-env.sh"

# Our server and our client, one version each, ALPN on both ends, a line each way.
for v in 1.2 1.3; do
    serve server-$v --tls$v --alpn http/1.1,h2 --expect ping --send pong
    tool connect 127.0.0.1:$port --servername localhost --tls$v --alpn h2,http/1.1 --send ping --expect pong \
        >client-$v.out 2>client-$v.err
    ok "client TLS $v exits 0" test $? = 0
    ok "server TLS $v exits 0" served
    ok "client TLS $v protocol" has client-$v.out "  protocol:     TLS $v"
    ok "server TLS $v protocol" has server-$v.out "  protocol:     TLS $v"
    ok "TLS $v ALPN in the server's order" has client-$v.out "  alpn:         http/1.1"
    ok "server TLS $v ALPN" has server-$v.out "  alpn:         http/1.1"
    ok "client TLS $v got the reply" has client-$v.out '  received:     "pong\n"'
    ok "server TLS $v got the request" has server-$v.out '  received:     "ping\n"'
    ok "client TLS $v sees the server's certificate" has client-$v.out "  peer cert 0:  CN=localhost (issuer CN=localhost)"
    # Self-signed, in no root store: our own validation must say so.
    ok "client TLS $v validation fails for a self-signed certificate" has client-$v.out "  validation:   failed: "
    ok "TLS $v closed with close_notify" has client-$v.out "  closed:       close_notify received"
    ok "TLS $v cipher suite reported" has client-$v.out "  cipher suite: TLS_"
    ok "TLS $v session fields present" has client-$v.out "  reconnect:    "
done
closed_port=$port

# JSON: one object per connection, on one line each; three connections on one credential.
serve server-json --accept 3 --json --alpn h2
tool connect 127.0.0.1:$port --reconnect 2 --json --alpn h2 --servername localhost >client-json.out 2>client-json.err
ok "JSON client exits 0" test $? = 0
ok "JSON server exits 0" served
ok "JSON client: three objects" test "$(lines client-json.out '^{"connection":[123],"role":"client",')" = 3
ok "JSON server: the listening line" test "$(tr -d '\r' <server-json.out | head -n 1)" = "{\"listening\":\"127.0.0.1:$port\"}"
ok "JSON server: three objects" test "$(lines server-json.out '^{"connection":[123],"role":"server",')" = 3
ok "JSON client: nothing else" test "$(lines client-json.out '.')" = 3
ok "JSON: protocol" has client-json.out '"protocol":"TLS 1.3"'
ok "JSON: ALPN" has client-json.out '"alpn":"h2"'
ok "JSON: chain" has client-json.out '"peer_chain":[{"subject":"CN=localhost","issuer":"CN=localhost"}]'
ok "JSON: validation" has client-json.out '"validation":"failed","validation_error":"0x'
ok "JSON: server sees no client certificate" has server-json.out '"peer_chain":[],"validation":"none"'
bits=$(tr -d '\r' <client-json.out | sed -n '1s/.*"cipher_bits":\([0-9]*\),.*/\1/p')
ok "JSON: strengths are numbers" test "${bits:-0}" -ge 128
ok "JSON: reconnect is true, false or null" test "$(tr -d '\r' <client-json.out | grep -c '"reconnect":\(true\|false\|null\),')" = 3

# Our client against OpenSSL's server (-rev answers each line reversed).
oport=$((40000 + $$ % 10000))
for v in 1.2 1.3; do
    oport=$((oport + 1))
    timeout 30 openssl s_server -accept 127.0.0.1:$oport -cert cert.pem -key key.pem -tls${v%.*}_${v#*.} -rev -naccept 1 \
        -alpn http/1.1 >openssl-$v.log 2>&1 &
    openssl=$!
    for i in 1 2 3 4 5 6 7 8 9 10; do grep -q ACCEPT openssl-$v.log 2>/dev/null && break; sleep 0.5; done
    tool connect 127.0.0.1:$oport --alpn h2,http/1.1 --send ping --expect gnip >openssl-client-$v.out 2>&1
    ok "client against openssl s_server TLS $v" test $? = 0
    ok "openssl s_server TLS $v: protocol" has openssl-client-$v.out "  protocol:     TLS $v"
    ok "openssl s_server TLS $v: ALPN" has openssl-client-$v.out "  alpn:         http/1.1"
    ok "openssl s_server TLS $v: reply" has openssl-client-$v.out '  received:     "gnip\n"'
    kill $openssl 2>/dev/null
    wait $openssl 2>/dev/null
done

# Errors: the exit code, and one line on stderr from the tool.
# fails NAME CODE TEXT ARGS...
fails()
{
    name=$1 code=$2 text=$3
    shift 3
    tool "$@" >error.out 2>error.err
    rc=$?
    # Wine's crypt32 prints "GnuTLS error: ..." itself when a PFX does not decrypt.
    tr -d '\r' <error.err | grep -v '^GnuTLS error:' >error.lines
    ok "$name: exit $code" test $rc = "$code"
    ok "$name: one line" test "$(wc -l <error.lines)" = 1
    ok "$name: says why" grep -q "^sspi-tls: .*$text" error.lines
}
fails "no arguments" 2 "missing mode"
fails "unknown mode" 2 "unknown mode 'listen'" listen 443
fails "unknown option" 2 "unknown option '--frobnicate'" connect 127.0.0.1:1 --frobnicate
fails "missing address" 2 "connect needs HOST:PORT" connect
fails "option without value" 2 "--alpn needs a value" connect 127.0.0.1:1 --alpn
fails "bad number" 2 "--reconnect needs a number" connect 127.0.0.1:1 --reconnect many
fails "server without certificate" 2 "serve needs a certificate" serve 0
fails "refused connection" 3 "connection refused" connect 127.0.0.1:$closed_port
# A label longer than DNS allows (63 bytes): the resolver refuses it without asking the network.
long=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.invalid
fails "unresolvable host" 3 "cannot resolve $long" connect $long:443 --timeout 5
fails "wrong PFX password" 4 "server.pfx" serve 0 --pfx server.pfx --password wrong
fails "missing PFX file" 4 "cannot open missing.pfx" serve 0 --pfx missing.pfx
fails "not a PFX file" 4 "cert.pem is not a PFX file" serve 0 --pfx cert.pem
fails "no such certificate in a store" 4 "no certificate with subject" serve 0 --store MY --subject "no such subject"
start=$(date +%s)
fails "nobody connects" 3 "no connection within 1 s" serve 0 --pfx server.pfx --password secret --timeout 1
ok "nobody connects: gives up in time" test $(($(date +%s) - start)) -lt 10

# Both ends wait for data the other never sends: the one with the shorter --timeout gives up first.
serve server-silent --expect hello --timeout 5
tool connect 127.0.0.1:$port --expect hello --timeout 1 >silent.out 2>silent.err
ok "silent server: client exits 3" test $? = 3
ok "silent server: client says why" has silent.err "sspi-tls: the peer sent nothing for 1 s"
wait $server
# The server's --timeout also bounds its wait for the connection, and a Wine process can take
# seconds to start on a loaded machine: the silent client is a plain TCP connection from the host.
serve server-silent --expect hello --timeout 4
bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && sleep 15" &
silent=$!
wait $server
ok "silent client: server exits 3" test $? = 3
ok "silent client: server says why" has server-silent.err "sspi-tls: the peer sent nothing for 4 s"
kill $silent 2>/dev/null

# No common version: both ends fail the handshake with one line.
serve server-mismatch --tls1.3
tool connect 127.0.0.1:$port --tls1.2 >mismatch.out 2>mismatch.err
ok "no common version: client exits 1" test $? = 1
ok "no common version: client says why" has mismatch.err "sspi-tls: handshake failed: 0x"
wait $server
ok "no common version: server exits 1" test $? = 1

# --verify: the package validates, and a self-signed certificate ends the handshake.
serve server-verify
tool connect 127.0.0.1:$port --servername localhost --verify >verify.out 2>verify.err
ok "--verify, self-signed: client exits 1" test $? = 1
ok "--verify, self-signed: client says why" has verify.err "sspi-tls: handshake failed: 0x"
wait $server

# The reply is not what was expected.
serve server-wrong --send pong
tool connect 127.0.0.1:$port --send ping --expect nope >wrong.out 2>wrong.err
ok "wrong reply: client exits 1" test $? = 1
ok "wrong reply: client says what came" has wrong.err 'sspi-tls: expected "nope", received "pong\n"'
ok "wrong reply: the report still printed" has wrong.out "  protocol:     TLS 1.3"
served

finish
