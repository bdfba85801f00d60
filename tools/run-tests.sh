#!/bin/sh
# The second of the README's two commands: the whole test suite, after tools/setup.sh, in three legs:
#   - wine8-x86_64: make check in build/x86_64 under the host's Wine 8, our x86_64 DLLs, plus
#     two builds in different folders giving the same bytes (tools/reproducible-build.sh), the Debian
#     package from a clean clone with lintian (tools/debian-package.sh) unless SECUR32_SKIP_DEBIAN=1,
#     and make distcheck (tarball, VPATH build and tests from it) unless SECUR32_SKIP_DISTCHECK=1;
#   - wine10-x86_64: the same make check under Wine 10 (tools/wine10-run.sh: a trixie chroot), where
#     Wine 10's own conformance programs (conformance/wine10/) run too (under Wine 8 they skip);
#   - wine10-i686: make check in build/i686 under Wine 10's wow64 mode, our i686 DLLs and programs.
# Each leg has its own prefix and wineserver.  SECUR32_LEGS picks legs (default: all three).
# Prints each leg's "LEG: N passed, N failed, N skipped", then the total as its last line
# "N passed, N failed, N skipped"; exits non-zero when anything failed.
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
jobs=$(nproc 2>/dev/null || echo 2)
checks=build/checks
rm -rf "$checks"
mkdir -p "$checks"
legs=${SECUR32_LEGS:-wine8-x86_64 wine10-x86_64 wine10-i686}

# Records a whole command as one check of leg $1, in the automake log format test-summary.sh reads.
check()
{
    leg=$1 name=$2
    shift 2
    mkdir -p "$checks/$leg"
    if "$@" >"$checks/$leg/$name.out" 2>&1; then verdict=PASS; else verdict=FAIL; fi
    { cat "$checks/$leg/$name.out"; echo "$verdict $name"; } >"$checks/$leg/$name.log"
    echo "$verdict: $name"
}

# make check of one build tree, in one leg: built in parallel, run one at a time (the tests share
# one prefix, and tests/credentials.exe changes its Schannel registry settings for a moment).  The
# logs are kept per leg, since the next leg runs the same tree again.
run_leg()
{
    leg=$1 arch=$2 prefix=$3
    shift 3
    out="$checks/$leg/make-check.out"
    mkdir -p "$checks/$leg"
    echo "== $leg: make check in build/$arch"
    make -C "build/$arch" -j"$jobs" check TESTS= >"$out" 2>&1
    SECUR32_WINEPREFIX=$prefix "$@" make -C "build/$arch" check >>"$out" 2>&1
    made=$?
    grep -E '^(PASS|FAIL|ERROR|SKIP|XFAIL|XPASS):' "$out"
    grep -h -e ' tests executed (' -e '^conformance ' "build/$arch"/conformance/*.log \
        "build/$arch"/conformance/wine10/*.log 2>/dev/null
    logs=$(ls "build/$arch"/tests/*.log "build/$arch"/conformance/*.log "build/$arch"/conformance/wine10/*.log \
        2>/dev/null | grep -v test-suite)
    # make check failing with no failed test in its logs stopped early (a test that did not build
    # leaves no log, nor do the tests after it): count that failure itself.
    if [ $made != 0 ] && ! grep -qs '^\(FAIL\|ERROR\|XPASS\):' "$out"; then
        check "$leg" make-check sh -c "echo 'make check stopped (exit status $made), see $out'; false"
    fi
    for log in $logs; do cp "$log" "$checks/$leg/$(basename "$(dirname "$log")")-$(basename "$log")"; done
}

for leg in $legs; do
    case $leg in
    wine8-x86_64)
        run_leg "$leg" x86_64 "$top/build/x86_64/wineprefix" env
        echo "== $leg: reproducible build (two build folders, sha256 of the DLLs and programs)"
        check "$leg" reproducible-build tools/reproducible-build.sh
        if [ "${SECUR32_SKIP_DEBIAN:-0}" != 1 ]; then
            echo "== $leg: Debian package from a clean clone, and lintian"
            check "$leg" debian-package env \
                SECUR32_DEPS_CACHE="${SECUR32_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secur32-deps}" \
                tools/debian-package.sh
        fi
        if [ "${SECUR32_SKIP_DISTCHECK:-0}" != 1 ]; then
            echo "== $leg: make distcheck"
            # Its tests use the leg's prefix: one inside the distcheck tree would fail distcleancheck.
            check "$leg" distcheck env SECUR32_WINEPREFIX="$top/build/x86_64/wineprefix" make -C build/x86_64 distcheck
        fi
        ;;
    wine10-x86_64 | wine10-i686)
        arch=${leg#wine10-}
        # Never the prefix of Wine 8: each Wine upgrades a prefix to its own version.
        if check "$leg" wine10-chroot tools/wine10-chroot.sh >/dev/null; then
            run_leg "$leg" "$arch" "$top/build/$arch/wineprefix-wine10" \
                env SECUR32_WINE10_TMP="$top/build/$arch/wine10-tmp" tools/wine10-run.sh "$top"
        fi
        ;;
    *) echo "unknown leg $leg" >&2; check "$leg" unknown-leg false ;;
    esac
done

for leg in $legs; do
    tools/test-summary.sh "$checks/$leg"/*.log | sed "\$s/^/$leg: /"
done | tee "$checks/legs"
tools/test-summary.sh "$checks"/*/*.log | tail -n 1 | tee "$checks/summary"
grep -q ' 0 failed' "$checks/summary"
