#!/bin/sh
# The parts of Debian's wine source package the tests use, extracted once into a cache outside the
# work tree: the test harness headers (include/wine/test.h, debug.h; Debian's libwine-dev does not
# ship them) and Wine's secur32 conformance tests (dlls/secur32/tests/*.c), run unmodified against
# our DLLs.  Sourced by tools/fetch-wine-test-h.sh, tools/fetch-wine-tests.sh (the host's Debian 12,
# Wine 8) and tools/fetch-wine10-tests.sh (Debian 13, Wine 10).
#
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later
. "$(dirname "$0")/debian-source.sh"

cache=${SECUR32_DEPS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/secur32-deps}

# Prints the cache directory holding include/wine/ and dlls/secur32/tests/ of wine=$1, extracting
# them first when either is missing (one download of the source package serves both).  The rest of
# the arguments are the apt-get that downloads it (plain, or with a private configuration).
wine_source_extract()
{
    version=$1
    shift
    dir="$cache/wine-test-$version"
    if [ ! -f "$dir/include/wine/test.h" ] || [ ! -f "$dir/dlls/secur32/tests/schannel.c" ]; then
        mkdir -p "$cache"
        work=$(mktemp -d "$cache/wine-src-download.XXXXXX")
        (cd "$work" && "$@" source -qq --download-only "wine=$version" >/dev/null 2>&1)
        orig=$(ls "$work"/wine_*.orig.tar.* 2>/dev/null | head -n 1)
        [ -n "$orig" ] || { echo "error: could not download the wine=$version source package" >&2; rm -rf "$work"; return 1; }
        tar -xf "$orig" -C "$work" --wildcards '*/include/wine/test.h' '*/include/wine/debug.h' \
            '*/dlls/secur32/tests/*.c' || { rm -rf "$work"; return 1; }
        # Each part moves in whole and only when missing (another build may be reading the cache,
        # or may have just put it there).
        mkdir -p "$dir/include" "$dir/dlls/secur32"
        mv -T "$work"/*/include/wine "$dir/include/wine" 2>/dev/null || true
        mv -T "$work"/*/dlls/secur32/tests "$dir/dlls/secur32/tests" 2>/dev/null || true
        rm -rf "$work"
    fi
    echo "$dir"
}

# The host's own wine source package (Debian 12: Wine 8), through the host's apt.
wine_source_dir()
{
    debsrc_enable
    version=$(debsrc_version wine)
    [ -n "$version" ] || { echo "error: no wine source package known to apt" >&2; return 1; }
    wine_source_extract "$version" apt-get
}

# Runs an apt command with a private configuration that knows only suite $1's source packages, in
# the host's own Debian archive (debian_mirror), so the host's apt is never touched.
apt_suite_src()
{
    suite=$1
    shift
    conf="$cache/apt-$suite-src"
    mkdir -p "$conf/lists/partial" "$conf/archives/partial" "$conf/none"
    : >>"$conf/status"
    if [ ! -f "$conf/apt.conf" ]; then
        mirror=$(debian_mirror) || return 1
        echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" >"$conf/sources.list"
        cat >"$conf/apt.conf" <<CONF
Dir::Etc::SourceList "$conf/sources.list"; Dir::Etc::SourceParts "$conf/none";
Dir::Etc::Preferences "/dev/null"; Dir::Etc::PreferencesParts "$conf/none";
Dir::State "$conf"; Dir::State::Lists "$conf/lists"; Dir::State::status "$conf/status";
Dir::Cache "$conf"; Dir::Cache::Archives "$conf/archives";
Debug::NoLocking "1"; APT::Sandbox::User "root";
CONF
    fi
    APT_CONFIG="$conf/apt.conf" "$@"
}

# Wine 10's source package, of Debian 13 (trixie, the suite the Wine 10 chroot is built from:
# tools/wine10-chroot.sh), through apt_suite_src.
wine10_source_dir()
{
    # Reruns refresh the lists (seconds); offline, the last lists still name the cached version.
    apt_suite_src trixie apt-get update -qq >/dev/null 2>&1 ||
        echo "warning: apt-get update of trixie's sources failed; using the last lists" >&2
    version=$(apt_suite_src trixie apt-cache showsrc wine | sed -n 's/^Version: //p' | sort -V | tail -n 1)
    [ -n "$version" ] || { echo "error: no trixie wine source package known (no network?)" >&2; return 1; }
    wine_source_extract "$version" apt_suite_src trixie apt-get
}
