#!/bin/sh
# Reconnects against OpenSSL over loopback, TLS 1.2 and 1.3, with and without
# SSL_SESSION_DISABLE_RECONNECTS on our side:
#   our client (three connections, one credential) -> openssl s_server, which reports each reuse;
#   openssl s_client -reconnect (TLS 1.2), -sess_out then -sess_in (TLS 1.3) -> our server.
# Our SECPKG_ATTR_SESSION_KEY must equal OpenSSL's view of the same session: the master secret of
# its key log under TLS 1.2, its -keymatexport value for our label under TLS 1.3.  Every wait is
# bounded.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
. "$SECUR32_SRCDIR/tools/wine-env.sh"
wine_start
dir=$SECUR32_BUILDDIR/tests/run-reconnects
rm -rf "$dir"
mkdir -p "$dir"
wine_stage_ours "$SECUR32_BUILDDIR/tests/peer_reconnect.exe" "$dir"
cd "$dir" || exit 99
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 -keyout key.pem -out cert.pem \
    >/dev/null 2>&1 || { echo "FAIL: no test certificate"; exit 1; }

LABEL=EXPERIMENTAL-schannel-session-key
failed=0
port=$((20000 + ($$ + 9000) % 20000))
fail() { echo "FAIL: $*"; failed=1; }

# s_server's input, for our client's reply: lines start once its first handshake is reported (a line
# read before would finish that handshake without the report).
gnip()  # LOG
{
    i=0
    while [ $i -lt 100 ]; do
        grep -q "CIPHER is" "$1" 2>/dev/null && echo gnip
        sleep 0.3
        i=$((i + 1))
    done
}

run_ours()  # NAME ROLE VERSION CONNECTIONS DISABLE
{
    SECUR32_PEER_ROLE=$2 SECUR32_PEER_PROTOCOL=1$3 SECUR32_PEER_CONNECTIONS=$4 SECUR32_PEER_DISABLE=$5 \
        SECUR32_PEER_PORT=$port SECUR32_PEER_SEND=ping SECUR32_PEER_EXPECT=gnip \
        WINEDLLOVERRIDES="$OUR_DLLS" timeout 90 "$WINE" peer_reconnect.exe </dev/null >"ours-$1.log" 2>&1
}

# What our program saw: "full reconnect ..." and the keys, one per line.
kinds() { tr -d '\r' <"ours-$1.log" | sed -n 's/^connection [0-9]*: \([a-z]*\) key.*/\1/p' | tr '\n' ' '; }
our_keys() { tr -d '\r' <"ours-$1.log" | sed -n 's/^connection [0-9]*: [a-z]* key //p'; }

expect_kinds()  # NAME EXPECTED
{
    seen=$(kinds "$1")
    [ "$seen" = "$2" ] && echo "$1: $seen" || { fail "$1: ours saw '$seen', expected '$2'"; sed "s/^/$1: /" "ours-$1.log"; }
}

expect_keys()  # NAME FILE-WITH-OPENSSL-KEYS
{
    if [ -s "$2" ] && our_keys "$1" | diff -q - "$2" >/dev/null; then echo "$1: session keys equal OpenSSL's ($(wc -l <"$2"))"
    else fail "$1: session keys differ from OpenSSL's"; our_keys "$1"; cat "$2"; fi
}

for v in 2 3; do
    for disable in 0 1; do
        # Our client, three connections; s_server sends what it reads, "gnip" lines, to each.
        name=client-1.$v-disable$disable
        port=$((port + 1))
        gnip "openssl-$name.log" | timeout 40 openssl s_server -accept "127.0.0.1:$port" -cert cert.pem -key key.pem -tls1_$v -naccept 3 \
            -keymatexport $LABEL -keymatexportlen 48 -keylogfile "keylog-$name.txt" >"openssl-$name.log" 2>&1 &
        server=$!
        run_ours "$name" client $v 3 $disable || fail "$name: our client"
        kill "$server" 2>/dev/null
        wait "$server" 2>/dev/null
        reused=$(grep -c "Reused session-id" "openssl-$name.log")
        if [ $disable = 0 ]; then
            expect_kinds "$name" "full reconnect reconnect "
            [ "$reused" = 2 ] || fail "$name: s_server reports $reused reused sessions, expected 2"
        else
            expect_kinds "$name" "full full full "
            [ "$reused" = 0 ] || fail "$name: s_server reports $reused reused sessions, expected none"
        fi
        if [ $v = 2 ]; then awk '/^CLIENT_RANDOM/ { print toupper($3) }' "keylog-$name.txt" >"keys-$name.txt"
        else sed -n 's/^ *Keying material: *//p' "openssl-$name.log" >"keys-$name.txt"; fi
        expect_keys "$name" "keys-$name.txt"

        # Our server.
        name=server-1.$v-disable$disable
        port=$((port + 1))
        connections=$([ $v = 2 ] && echo 6 || echo 2)
        run_ours "$name" server $v $connections $disable &
        ours=$!
        for i in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "ours-$name.log" 2>/dev/null && break; sleep 0.5; done
        if [ $v = 2 ]; then
            (echo ping; sleep 2) | timeout 30 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -servername localhost \
                -reconnect >"openssl-$name.log" 2>&1
            sed -n 's/^ *Master-Key: *//p' "openssl-$name.log" | head -1 >"keys-$name.txt"
        else
            for run in out in; do
                (echo ping; sleep 2) | timeout 30 openssl s_client -connect "127.0.0.1:$port" -tls1_3 -servername localhost \
                    -sess_$run sess.pem -keymatexport $LABEL -keymatexportlen 48 >>"openssl-$name.log" 2>&1
            done
            sed -n 's/^ *Keying material: *//p' "openssl-$name.log" >"keys-$name.txt"
        fi
        wait "$ours" || fail "$name: our server"
        their_kinds=$(sed -n 's/^\(New\|Reused\), TLS.*/\1/p' "openssl-$name.log" | tr '\n' ' ')
        if [ $disable = 0 ]; then
            expect_kinds "$name" "full $(printf 'reconnect %.0s' $(seq 2 $connections))"
            [ "$their_kinds" = "New $(printf 'Reused %.0s' $(seq 2 $connections))" ] || fail "$name: s_client saw '$their_kinds'"
        else
            expect_kinds "$name" "$(printf 'full %.0s' $(seq 1 $connections))"
            [ "$their_kinds" = "$(printf 'New %.0s' $(seq 1 $connections))" ] || fail "$name: s_client saw '$their_kinds'"
        fi
        our_keys "$name" | head -n "$(wc -l <"keys-$name.txt")" >"ours-keys-$name.txt"
        diff -q "ours-keys-$name.txt" "keys-$name.txt" >/dev/null && [ -s "keys-$name.txt" ] &&
            echo "$name: session keys equal OpenSSL's" || fail "$name: session keys differ from OpenSSL's"
    done
done

# TLS 1.2 by session ID alone (no tickets), both ways.
name=client-1.2-session-id
port=$((port + 1))
gnip "openssl-$name.log" | timeout 40 openssl s_server -accept "127.0.0.1:$port" -cert cert.pem -key key.pem -tls1_2 \
    -naccept 2 -no_ticket >"openssl-$name.log" 2>&1 &
server=$!
run_ours "$name" client 2 2 0 || fail "$name: our client"
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
expect_kinds "$name" "full reconnect "
[ "$(grep -c "Reused session-id" "openssl-$name.log")" = 1 ] || fail "$name: s_server did not report the reuse"
name=server-1.2-session-id
port=$((port + 1))
run_ours "$name" server 2 6 0 &
ours=$!
for i in 1 2 3 4 5 6 7 8 9 10; do grep -q listening "ours-$name.log" 2>/dev/null && break; sleep 0.5; done
(echo ping; sleep 2) | timeout 30 openssl s_client -connect "127.0.0.1:$port" -tls1_2 -servername localhost -reconnect \
    -no_ticket >"openssl-$name.log" 2>&1
wait "$ours" || fail "$name: our server"
expect_kinds "$name" "full reconnect reconnect reconnect reconnect reconnect "
[ "$(grep -c "^Reused, TLS" "openssl-$name.log")" = 5 ] || fail "$name: s_client did not reuse the session ID"

[ $failed = 0 ] && echo "all reconnect exchanges completed"
exit $failed
