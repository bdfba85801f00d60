#!/bin/sh
# The engine's record parsers built for the host with clang -fsanitize=fuzzer,address,undefined
# (tests/native_records_fuzz.c) and run by libFuzzer from a seed corpus made here: real record
# shapes (TLS 1.2 and 1.3 handshake, change_cipher_spec, alert, data, DTLS, cut and coalesced).
# make check runs a short fixed-seed pass; make fuzz a long one (NATIVE_FUZZ_RUNS, SEED).
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
tests=native-fuzz
fuzzer=$SECUR32_BUILDDIR/tests/native_records_fuzz
# Skipped without a summary line, so that automake's SKIP is what counts (tools/test-summary.sh).
if [ ! -x "$fuzzer" ]; then
    echo "SKIP: not built: the i686 tree leaves it to the x86_64 one; elsewhere configure found no host clang with -fsanitize=fuzzer (tools/setup.sh installs clang-14 and libclang-rt-14-dev)"
    exit 77
fi
. "$SECUR32_SRCDIR/tests/check-env.sh"
dir=$SECUR32_BUILDDIR/tests/run-$tests
rm -rf "$dir"
mkdir -p "$dir/seeds" "$dir/corpus" "$dir/crashes"

# seed NAME FLAGS BYTES: FLAGS is the target's first byte (1 DTLS, 2 handshake rules, 4 TLS 1.3).
seed() { printf "$2$3" >"$dir/seeds/$1"; }
seed tls12-hello '\002' '\026\003\001\000\004\001\000\000\000'
seed tls13-ccs '\006' '\024\003\003\000\001\001'
seed tls13-ccs-bad '\006' '\024\003\003\000\002\001\001'
seed tls13-data '\004' '\027\003\003\000\021\000\001\002\003\004\005\006\007\010\011\012\013\014\015\016\017\020'
seed tls13-alert '\004' '\025\003\003\000\002\002\050'
seed tls12-alert '\000' '\025\003\003\000\002\001\000'
seed coalesced '\000' '\027\003\003\000\001\000\027\003\003\000\002\000\000\026\003\003'
seed cut-header '\000' '\027\003'
seed cut-body '\000' '\027\003\003\001\000\000'
seed heartbeat '\000' '\030\003\003\000\001\001'
seed dtls '\001' '\026\376\375\000\000\000\000\000\000\000\000\000\001\001'
seed dtls-cut '\001' '\026\376\375\000\000\000\000'

runs=${NATIVE_FUZZ_RUNS:-200000}
seed_value=${SECUR32_FUZZ_SEED:-1}
# libFuzzer writes new inputs into the first corpus folder and a crashing input into crashes/.
timeout 600 "$fuzzer" -runs="$runs" -seed="$seed_value" -timeout=10 -max_len=4096 \
    -artifact_prefix="$dir/crashes/" "$dir/corpus" "$dir/seeds" >"$dir/log" 2>&1
status=$?
executed=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$dir/log")
echo "native records fuzzer: seed $seed_value, ${executed:-0} inputs, corpus of $(ls "$dir/corpus" | wc -l) (log $dir/log)"
ok "libFuzzer finished $runs runs without a sanitizer report (exit $status)" test "$status" = 0
ok "every input ran" test "${executed:-0}" -ge "$runs"
ok "no crashing input (replay one with $fuzzer FILE)" test -z "$(ls "$dir/crashes")"
finish
