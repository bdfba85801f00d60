#!/bin/sh
# programs/sspi-tls.exe under Wine with our DLLs: a second connection with the same credentials
# resumes the session (SESSION_INFO's SSL_SESSION_RECONNECT on both ends), both ends report the same
# session key (SESSION_KEY), and --show-key prints the key the fingerprint was taken from.
# TLS 1.2 and 1.3.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
tests=sspi-tls-reconnect
. "$SECUR32_SRCDIR/tests/sspi-tls-env.sh"

# field FILE CONNECTION KEY: a value of one JSON object (string quotes kept).
field()
{
    tr -d '\r' <"$1" | sed -n "/^{\"connection\":$2,/s/.*\"$3\":\(\"[^\"]*\"\|[a-z0-9]*\).*/\1/p"
}

for v in 1.2 1.3; do
    serve reconnect-server-$v --tls$v --accept 2 --json
    tool connect 127.0.0.1:$port --tls$v --reconnect 1 --json --show-key >reconnect-client-$v.out 2>reconnect-client-$v.err
    ok "TLS $v: client exits 0" test $? = 0
    ok "TLS $v: server exits 0" served
    for side in client server; do
        log=reconnect-$side-$v.out
        ok "TLS $v: $side's first connection is a full handshake" test "$(field $log 1 reconnect)" = false
        ok "TLS $v: $side's second connection is a reconnect" test "$(field $log 2 reconnect)" = true
    done
    for n in 1 2; do
        key=$(field reconnect-client-$v.out $n session_key_sha256)
        ok "TLS $v connection $n: a session key fingerprint" test -n "$key" -a "$key" != null
        ok "TLS $v connection $n: the same session key on both ends" \
            test "$key" = "$(field reconnect-server-$v.out $n session_key_sha256)"
        # The fingerprint is the first 8 bytes of the SHA-256 of the key --show-key printed.
        full=$(field reconnect-client-$v.out $n session_key | tr -d '"')
        digest=$(perl -e 'print pack("H*", $ARGV[0])' "$full" | openssl dgst -sha256 -r | cut -c1-16)
        ok "TLS $v connection $n: the fingerprint is of the full key" test "\"$digest\"" = "$key"
    done
done

finish
