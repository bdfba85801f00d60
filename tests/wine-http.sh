#!/bin/sh
# Wine's own HTTPS clients, WinHTTP and WinINet, over our DLLs: installed with
# secur32-schannel-setup into a fresh prefix of this test's own, a test CA trusted through the
# prefix's LocalMachine\Root, tests/http_client.exe fetching from openssl s_server and gnutls-serv on
# loopback, TLS 1.2 and 1.3, with and without session tickets.  Each fetch must bring every byte (size
# and SHA-256), at the version the server allows at most, with our secur32.dll serving it; every wait
# is bounded.  See docs/wine-callers.md.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
tests=wine-http
dir=$SECUR32_BUILDDIR/tests/run-wine-http
# The installer changes the prefix it installs into: this test has its own, made afresh.
export SECUR32_WINEPREFIX=$dir/prefix
. "$SECUR32_SRCDIR/tools/wine-env.sh"
. "$SECUR32_SRCDIR/tests/check-env.sh"
unset WINEDLLOVERRIDES
[ -d "$WINEPREFIX" ] && wine_quiet "$wineserver" -k
rm -rf "$dir"
mkdir -p "$dir/dlls/x86_64-windows"
cp "$SECUR32_BUILDDIR/tests/http_client.exe" "$dir/" || exit 99
cp "$SECUR32_DLLDIR/secur32/secur32.dll" "$SECUR32_DLLDIR/schannel/schannel.dll" "$dir/dlls/x86_64-windows/"
cd "$dir" || exit 99
wine_start
ok "installed with secur32-schannel-setup" sh "$SECUR32_SRCDIR/tools/secur32-schannel-setup" --prefix "$WINEPREFIX" \
    --dlls "$dir/dlls" install

# A CA the prefix trusts, a leaf for localhost it signed, and a self-signed leaf nobody trusts.
leaf()  # NAME CA-or-self
{
    printf 'subjectAltName=DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$1.ext"
    openssl req -new -newkey rsa:2048 -nodes -subj /CN=localhost -keyout "$1.key" -out "$1.csr" 2>/dev/null &&
    if [ "$2" = self ]; then
        openssl x509 -req -in "$1.csr" -signkey "$1.key" -days 2 -extfile "$1.ext" -out "$1.pem" 2>/dev/null
    else
        openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -set_serial "$$" -days 2 -extfile "$1.ext" \
            -out "$1.pem" 2>/dev/null
    fi
}
{ openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=secur32 wine-http CA" -days 2 -keyout ca.key -out ca.pem \
      -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null &&
  openssl x509 -in ca.pem -outform DER -out ca.der && leaf good ca && leaf untrusted self; } ||
    { echo "FAIL: no test certificates"; finish; }
# Wine's chain engine reads the root store once per process: the CA goes in before any fetch.
trusted() { timeout 60 "$WINE" http_client.exe trust ca.der </dev/null | tr -d '\r' | grep -qx 'trust: added (0)'; }
ok "test CA added to LocalMachine\\Root" trusted
# A download of many records: 2 MiB of random bytes; and a text body for the scripted server.
head -c 2097152 /dev/urandom >big.bin
seq 1 20000 | sed 's/^/line /' >body.txt
sha() { sha256sum "$1" | cut -c1-64; }

port=$((20000 + $$ % 20000))
# serve NAME COMMAND...: a server in the background (on $port, which the command names), up to 40 s,
# once it listens (10 s at most; the machine may be busy); served ends it, and the next one gets the
# next port.
serve()
{
    name=$1
    shift
    timeout 40 "$@" >"server-$name.log" 2>&1 &
    server=$!
    for i in $(seq 60); do grep -qE "^ACCEPT|listening" "server-$name.log" && return; sleep 0.5; done
    echo "$name: the server did not listen within 30 s"
}
served() { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; port=$((port + 1)); }
# fetch API PATH...: http_client.exe through API, one session for every path on $port; its report in
# $name-API.log, the trace of our DLL in $name-API.trace, fetch N's body in $name-API.N.
fetch()
{
    api=$1
    shift
    urls=
    for path in "$@"; do urls="$urls https://localhost:$port$path"; done
    HTTP_CLIENT_TRUST=ca.der SECUR32_DEBUG=trace+schannel timeout 60 "$WINE" http_client.exe "$api" "$name-$api" $urls </dev/null \
        >"$name-$api.log" 2>"$name-$api.trace"
    tr -d '\r' <"$name-$api.log" >"$name-$api.out"
    sed "s/^/$name $api: /" "$name-$api.out"
}
field() { sed -n "/^fetch $2:/,/^error:/s/^$3: //p" "$name-$1.out"; }   # API N FIELD
got()   # API N STATUS BYTES SHA256: fetch N of API brought exactly this
{
    [ "$(field "$1" "$2" status)" = "$3" ] && [ "$(field "$1" "$2" error)" = 0 ] &&
    [ "$(field "$1" "$2" bytes)" = "$4" ] && [ "$(field "$1" "$2" sha256)" = "$5" ]
}
page_ok() { [ "$(field "$1" "$2" status)" = 200 ] && [ "$(field "$1" "$2" error)" = 0 ] && [ -s "$name-$1.$2" ]; }
failed_with() { [ "$(field "$1" 1 status)" = 0 ] && [ "$(field "$1" 1 error)" = "$2" ]; }   # API ERROR
# Ours served it: the secur32.dll of system32 that is not Wine's builtin, and its trace says it knew
# the caller.
ours() { grep -qx 'secur32: native C:\\windows\\system32\\secur32.dll' "$name-$1.out" &&
         grep -q "client of Wine's" "$name-$1.trace"; }
traced() { grep -q "$2" "$name-$1.trace"; }     # API TEXT
in_body() { grep -aq "$3" "$name-$1.$2"; }       # API N TEXT
# The server ran the command ("SSL_do_handshake -> 1") and read the second request, which the client
# sends only once the whole first body, sent after the command, has arrived.
event_then_request() { grep -aq 'SSL_do_handshake -> 1' "server-$name.log" && grep -aq 'GET /second' "server-$name.log"; }
wire() { echo "0x30$((${1##*.} + 1))"; }        # 1.2 or 2: the version on the wire as our trace prints it

for api in winhttp wininet; do
    # openssl s_server -www: a status page naming the protocol, ended by close_notify.  TLS 1.3 is
    # the server's default choice; 1.2 is all it allows in the 1.2 cases.
    for case in "1.2 tickets -tls1_2" "1.3 tickets -num_tickets:2" "1.3 no-tickets -num_tickets:0"; do
        set -- $case
        v=$1 opts=$(echo "$3" | tr : ' ')
        serve "s_server-www-$v-$2" openssl s_server -accept "127.0.0.1:$port" -cert good.pem -key good.key \
            $opts -www -naccept 1
        fetch $api /
        served
        ok "$name $api: page" page_ok $api 1
        ok "$name $api: TLS $v" in_body $api 1 "Protocol  : TLSv$v"
        ok "$name $api: close_notify" traced $api "close_notify received"
        ok "$name $api: our secur32" ours $api
    done
    # openssl s_server -WWW: a 2 MiB file, 129 records or more, at the server's best version.
    for case in "1.2 -tls1_2" "1.3 -num_tickets:2"; do
        v=${case%% *} opts=$(echo "${case#* }" | tr : ' ')
        serve "s_server-file-$v" openssl s_server -accept "127.0.0.1:$port" -cert good.pem -key good.key $opts -WWW \
            -naccept 1
        fetch $api /big.bin
        served
        ok "$name $api: every byte" got $api 1 200 2097152 "$(sha big.bin)"
        ok "$name $api: TLS $v" traced $api "connected, version $(wire $v)"
        ok "$name $api: our secur32" ours $api
    done
    # gnutls-serv --http (it asks for a client certificate; Wine's callers go on without one), with
    # and without TLS 1.3 tickets; two connections.
    for case in "1.2 tickets NORMAL:-VERS-ALL:+VERS-TLS1.2" "1.3 tickets NORMAL" "1.3 no-tickets NORMAL --noticket"; do
        set -- $case
        v=$1 name=gnutls-serv-$1-$2
        shift 2
        serve "$name" gnutls-serv --http -p "$port" --x509certfile good.pem --x509keyfile good.key --priority "$@"
        fetch $api / /again
        served
        ok "$name $api: page 1" page_ok $api 1
        ok "$name $api: page 2" page_ok $api 2
        ok "$name $api: TLS $v" in_body $api 1 "TLS$v"
        ok "$name $api: our secur32" ours $api
    done
    # Two connections to one server: WinINet shares one credential handle, so its second connection
    # resumes (a TLS 1.2 session ID, a TLS 1.3 ticket); WinHTTP has a credential handle per request.
    for case in "1.2 -tls1_2" "1.3 -num_tickets:2"; do
        v=${case%% *} opts=$(echo "${case#* }" | tr : ' ')
        serve "s_server-reconnect-$v" openssl s_server -accept "127.0.0.1:$port" -cert good.pem -key good.key \
            $opts -www -naccept 2
        fetch $api / /again
        served
        ok "$name $api: pages" page_ok $api 2
        if [ $api = wininet ]; then ok "$name $api: resumed TLS $v" in_body $api 2 "^Reused, TLSv$v"
        else ok "$name $api: TLS $v" in_body $api 2 "^New, TLSv$v"; fi
    done
    # Mid-download events, openssl s_server reading commands from its input: "r" renegotiates (TLS
    # 1.2: ignored by the client, the server goes on), "K" sends a KeyUpdate that asks for ours (TLS
    # 1.3: answered in front of the next request).  The second request, on the same connection, must
    # reach the server.
    size=$(stat -c %s body.txt)
    for event in "2 r" "3 K"; do
        v=${event% *} command=${event#* }
        feed="sleep 3; printf 'HTTP/1.1 200 OK\r\nContent-Length: $size\r\n\r\n'; head -c 60000 body.txt; sleep 1;"
        feed="$feed echo $command; sleep 1; tail -c +60001 body.txt; sleep 3;"
        feed="$feed printf 'HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond'; sleep 3"
        serve "s_server-1.$v-$command" sh -c "($feed) | openssl s_server -accept 127.0.0.1:$port -cert good.pem \
            -key good.key -tls1_$v -naccept 1"
        fetch $api /first /second
        served
        ok "$name $api: every byte" got $api 1 200 "$size" "$(sha body.txt)"
        ok "$name $api: second response" got $api 2 200 6 "$(printf second | sha256sum | cut -c1-64)"
        ok "$name $api: the event, then the second request" event_then_request
        [ $command = r ] && ok "$name $api: renegotiation request ignored" traced $api "renegotiation request ignored"
        ok "$name $api: TLS 1.$v" traced $api "connected, version $(wire $v)"
    done
    # An untrusted certificate: Wine's WinHTTP reports ERROR_WINHTTP_SECURE_CHANNEL_ERROR (12157) for
    # every failed secure connection, WinINet ERROR_INTERNET_INVALID_CA (12045) for an unknown root.
    case $api in winhttp) error=12157 ;; wininet) error=12045 ;; esac
    for v in 2 3; do
        serve "untrusted-1.$v" openssl s_server -accept "127.0.0.1:$port" -cert untrusted.pem -key untrusted.key \
            -tls1_$v -www -naccept 1
        fetch $api /
        served
        ok "$name $api: refused with $error" failed_with $api $error
    done
done
wine_quiet "$wineserver" -k
finish
