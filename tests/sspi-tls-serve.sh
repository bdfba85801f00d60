#!/bin/sh
# sspi-tls.exe serve outlives bad clients: a peer that sends garbage, one that vanishes without a
# word, and one whose handshake fails each get a line of their own (text and JSON), the server goes
# on to the good client after them, and its exit code says that some failed; --http answers each
# request (from openssl s_client) with a minimal HTTP/1.0 page.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
tests=sspi-tls-serve
. "$SECUR32_SRCDIR/tests/sspi-tls-env.sh"

# perl (perl-base, in every Debian) speaks raw TCP: raw PORT HEX sends those bytes, then closes.
raw() { perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(PeerAddr => "127.0.0.1:$ARGV[0]", Timeout => 10) or exit 1;
                                    print $s pack("H*", $ARGV[1]); sleep 1; close $s' "$1" "$2"; }
bad_clients()
{
    # Text, then a ClientHello of one byte, then nothing at all.
    raw $port "$(printf 'this is not TLS at all\r\n\r\n' | od -An -tx1 | tr -d ' \n')"
    raw $port 16030100050100000100
    raw $port ""
    timeout 20 openssl s_client -connect 127.0.0.1:$port -tls1_2 </dev/null >/dev/null 2>&1
    tool connect 127.0.0.1:$port --servername localhost --send ping --expect pong >good.out 2>good.err
    ok "$1: the good client after the bad ones exits 0" test $? = 0
    ok "$1: the good client got the reply" has good.out '  received:     "pong\n"'
}

serve server-text --tls1.3 --accept 5 --expect ping --send pong --timeout 5
bad_clients text
wait $server
ok "text: the server exits 1 (some connections failed)" test $? = 1
ok "text: four failures, one line each" test "$(lines server-text.out '^connection [1234]: failed: .* (peer 127\.0\.0\.1:[0-9]*)$')" = 4
ok "text: the one-byte ClientHello is a failed handshake" has server-text.out "connection 2: failed: handshake failed: 0x"
ok "text: the good connection reported" has server-text.out "connection 5: server, peer 127.0.0.1:"
ok "text: the good connection's data" has server-text.out '  received:     "ping\n"'
ok "text: one line on stderr" test "$(lines server-text.err '.')" = 1
ok "text: it counts the failures" has server-text.err "(4 of 5 connections failed)"

serve server-json --tls1.3 --accept 5 --expect ping --send pong --timeout 5 --json
bad_clients JSON
wait $server
ok "JSON: the server exits 1" test $? = 1
ok "JSON: four failure objects" \
    test "$(lines server-json.out '^{"connection":[1234],"role":"server","peer":"127\.0\.0\.1:[0-9]*","failed":".*","exit_code":[13]}$')" = 4
ok "JSON: the good connection's object" test "$(lines server-json.out '^{"connection":5,"role":"server",')" = 1
ok "JSON: nothing else on stdout" test "$(lines server-json.out '.')" = 6

# Only good clients: exit 0, as before.
serve server-good --accept 2 --expect ping --send pong
tool connect 127.0.0.1:$port --send ping --expect pong >/dev/null 2>&1
tool connect 127.0.0.1:$port --send ping --expect pong >/dev/null 2>&1
ok "good clients only: the server exits 0" served

# --http: a page per request.
serve server-http --http --accept 2 --alpn http/1.1
for path in / /second; do
    name=http$(echo $path | tr / _)
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' $path |
        timeout 20 openssl s_client -connect 127.0.0.1:$port -servername localhost -alpn http/1.1 -quiet >$name.out 2>/dev/null
    ok "$name: status line" has $name.out "HTTP/1.0 200 OK"
    ok "$name: the page names the request" has $name.out "request: GET $path HTTP/1.0"
    length=$(tr -d '\r' <$name.out | sed -n 's/^Content-Length: //p')
    body=$(tr -d '\r' <$name.out | sed '1,/^$/d' | wc -c)
    # The body's CRLFs became LFs: two lines lost a byte each.
    ok "$name: Content-Length matches the body" test "$length" = $((body + 2))
done
ok "--http: the server exits 0" served
ok "--http: the requests reported" test "$(lines server-http.out '  received:     "GET /')" = 2
fails_usage() { tool "$@" >usage.out 2>usage.err; test $? = 2; }
ok "--http is for serve mode" fails_usage connect 127.0.0.1:1 --http
ok "--http excludes --send" fails_usage serve 0 --pfx server.pfx --password secret --http --send x

finish
