#!/bin/sh
# Kerberos against a real KDC: Debian's krb5kdc on loopback (a port from our pid) with a test
# realm, a user whose ticket comes from kinit with a keytab and a service principal whose key is in
# the keytab the server side reads; then tests/kerberos.exe under Wine with our DLLs, whose Wine
# kerberos.dll reads the same krb5.conf, ticket cache and keytab.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
tests=kerberos-kdc
for tool in krb5kdc kdb5_util kadmin.local kinit; do
    command -v $tool >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
    command -v $tool >/dev/null 2>&1 || { echo "$tests: 0 tests executed (0 marked as todo, 0 failures), 1 skipped."; echo "skip: no $tool (krb5-kdc, krb5-admin-server, krb5-user)"; exit 77; }
done
dir=$SECUR32_BUILDDIR/tests/run-$tests
rm -rf "$dir"
mkdir -p "$dir"
port=$((20000 + $$ % 20000))
realm=SECUR32.TEST
cat >"$dir/krb5.conf" <<CONF
[libdefaults]
    default_realm = $realm
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    udp_preference_limit = 1
[realms]
    $realm = {
        kdc = 127.0.0.1:$port
    }
[domain_realm]
    localhost = $realm
CONF
cat >"$dir/kdc.conf" <<CONF
[realms]
    $realm = {
        database_name = $dir/principal
        key_stash_file = $dir/stash
        acl_file = $dir/kadm5.acl
        kdc_listen = 127.0.0.1:$port
        kdc_tcp_listen = 127.0.0.1:$port
    }
CONF
KRB5_CONFIG=$dir/krb5.conf
KRB5_KDC_PROFILE=$dir/kdc.conf
KRB5CCNAME=FILE:$dir/ccache
KRB5_KTNAME=FILE:$dir/service.keytab
SECUR32_KRB5_REALM=$realm
SECUR32_KRB5_SERVICE=host/localhost
export KRB5_CONFIG KRB5_KDC_PROFILE KRB5CCNAME KRB5_KTNAME SECUR32_KRB5_REALM SECUR32_KRB5_SERVICE

fail() { echo "FAIL: $1"; echo "$tests: 1 tests executed (0 marked as todo, 1 failures), 0 skipped."; exit 1; }
{
    kdb5_util create -s -r $realm -P master-password &&
    kadmin.local -q "addprinc -randkey testuser@$realm" &&
    kadmin.local -q "addprinc -randkey host/localhost@$realm" &&
    kadmin.local -q "ktadd -k $dir/user.keytab testuser@$realm" &&
    kadmin.local -q "ktadd -k $dir/service.keytab host/localhost@$realm"
} >"$dir/setup.log" 2>&1 || fail "test realm (see $dir/setup.log)"
krb5kdc -n -P "$dir/kdc.pid" >"$dir/kdc.log" 2>&1 &
kdc=$!
trap 'kill $kdc 2>/dev/null; wait $kdc 2>/dev/null' EXIT
for i in 1 2 3 4 5 6 7 8 9 10; do
    kinit -k -t "$dir/user.keytab" testuser@$realm 2>>"$dir/setup.log" && break
    sleep 0.5
done
klist -s || fail "kinit (see $dir/setup.log, $dir/kdc.log)"
# The Kerberos target of the tokens fuzzer against the same KDC, without a replay cache: it hands
# the real AP-REQ to a second server context on purpose.  Its failure fails this test.
KRB5RCACHETYPE=none SECUR32_FUZZ_TARGET="tokens Kerberos" \
    sh "$SECUR32_SRCDIR/tools/wine-test.sh" "$SECUR32_BUILDDIR/tests/fuzz_tokens.exe"
fuzzed=$?
sh "$SECUR32_SRCDIR/tools/wine-test.sh" "$SECUR32_BUILDDIR/tests/kerberos.exe" || exit 1
exit $fuzzed
