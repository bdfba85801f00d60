#!/bin/sh
# Runs bench/tls-bench under Wine in interleaved rounds (make bench): in each round, for TLS 1.3 and
# 1.2 with an ECDSA P-256 and an RSA-2048 server certificate, one process with our DLLs and one with
# Wine's builtin secur32 (TLS 1.2 only: Wine 8's refuses TLS 1.3), each against its own raw GnuTLS
# client; then the two-thread run.  Prints each figure's speed ratio (the other client's time over
# ours, so above 1 is faster) as the median over the rounds and its range.
#
#   tools/bench.sh EXE        BENCH_ROUNDS=N (default 3)   BENCH_RAW=FILE keeps the raw lines
#   BENCH_BEFORE=DIR: a folder with an earlier secur32.dll and schannel.dll, run in the same rounds as
#   a fourth client ("before"), for a before/after table.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
exe=$1
shift
before=${BENCH_BEFORE:+$(realpath "$BENCH_BEFORE")}
. "$(dirname "$0")/wine-env.sh"
wine_start
rundir=$(dirname "$exe")/run
wine_stage_ours "$exe" "$rundir"
cd "$rundir"
rounds=${BENCH_ROUNDS:-3}
raw=$(realpath -m "${BENCH_RAW:-$(mktemp)}")
exe=$(realpath "$(basename "$exe")")
: >"$raw"

run()
{
    round=$1 config=$2 overrides=$3
    shift 3
    WINEDLLOVERRIDES="$overrides" "$WINE" "$(basename "$exe")" "$@" </dev/null | sed "s/^/$round $config /" >>"$raw"
}

round=1
while [ "$round" -le "$rounds" ]; do
    for cert in ecdsa rsa; do
        certflag=; [ $cert = rsa ] && certflag=--rsa
        run $round tls13-$cert "$OUR_DLLS" $certflag --label ours
        run $round tls12-$cert "$OUR_DLLS" --tls12 $certflag --label ours
        run $round tls12-$cert "secur32=b" --tls12 $certflag --label builtin
        if [ -n "$before" ]; then
            (rundir=before; mkdir -p $rundir; cp "$exe" "$before"/secur32.dll "$before"/schannel.dll $rundir/
             cd $rundir && run $round tls13-$cert "$OUR_DLLS" $certflag --label before &&
             run $round tls12-$cert "$OUR_DLLS" --tls12 $certflag --label before)
        fi
    done
    run $round threads "$OUR_DLLS" --threads --label ours
    round=$((round + 1))
done

# Ratios: for each round, raw time / ours (from ours' process), raw / builtin (from builtin's
# process), builtin / ours; reconnects against raw resumption and against builtin's full handshakes.
awk -v rounds="$rounds" '
function median(list,    n, v, i, j, t) {
    n = split(list, v, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
    if (!n) return "-"
    return sprintf("%.2f (%.2f-%.2f)", (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2, v[1], v[n])
}
function ratio(config, fa, ca, fb, cb,    r, list, a, b) {
    list = ""
    for (r = 1; r <= rounds; r++) {
        a = val[r, config, fa, ca]; b = val[r, config, fb, cb]
        if (a != "" && b != "" && b > 0) list = list " " a / b
    }
    return median(list)
}
function med(config, f, c,    r, list) {
    list = ""
    for (r = 1; r <= rounds; r++) if (val[r, config, f, c] != "") list = list " " val[r, config, f, c]
    return median(list)
}
{
    # ours and builtin each have their own raw client: keep them apart
    client = $4; if (client == "raw") client = last[$1, $2] "-raw"; else last[$1, $2] = client
    val[$1, $2, $3, client] = $5
}
END {
    printf "Speed ratios, median (min-max) over %d interleaved rounds; each is the client time of\n", rounds
    printf "the first over the second, so above 1.00 means ours is faster.\n\n"
    printf "%-14s %-8s %-22s %-22s %-22s\n", "config", "figure", "raw / ours", "raw / builtin", "builtin / ours"
    n = split("tls13-ecdsa tls12-ecdsa tls13-rsa tls12-rsa", configs, " ")
    m = split("full wall resume enc16k dec16k enc64 dec64", figures, " ")
    for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) {
        c = configs[i]; f = figures[j]
        b1 = ratio(c, f, "builtin-raw", f, "builtin"); b2 = ratio(c, f, "builtin", f, "ours")
        if (f == "resume") { b1 = "(never resumes)"; b2 = ratio(c, "full", "builtin", f, "ours") " (its full)" }
        if (c ~ /tls13/) { b1 = "-"; b2 = "-" }
        printf "%-14s %-8s %-22s %-22s %-22s\n", c, f, ratio(c, f, "ours-raw", f, "ours"), b1, b2
    }
    printf "\nours, TLS 1.3 ECDSA, median (min-max) microseconds of client time:\n"
    for (j = 1; j <= m; j++) printf "  %-8s ours %-24s raw %s\n", figures[j], med("tls13-ecdsa", figures[j], "ours"), med("tls13-ecdsa", figures[j], "ours-raw")
    printf "\nbefore (BENCH_BEFORE), same rounds:\n%-14s %-8s %-22s %-22s\n", "config", "figure", "raw / before", "before / ours"
    for (i = 1; i <= n; i++) for (j = 1; j <= m; j++) {
        c = configs[i]; f = figures[j]
        if (val[1, c, f, "before"] == "") continue
        printf "%-14s %-8s %-22s %-22s\n", c, f, ratio(c, f, "before-raw", f, "before"), ratio(c, f, "before", f, "ours")
    }
    printf "\nfull handshakes/s, shared credentials: one thread %s, two threads %s, ratio %s\n",
        med("threads", "mt1", "ours"), med("threads", "mt2", "ours"), ratio("threads", "mt2", "ours", "mt1", "ours")
    printf "handshakes per second of CPU time of each thread, two threads over one: %s\n",
        ratio("threads", "mt2cpu", "ours", "mt1cpu", "ours")
    printf "process memory per idle context %s bytes, per cached session %s bytes\n",
        med("threads", "ctxmem", "ours"), med("threads", "sessmem", "ours")
}' "$raw"
