# Benchmarks: built and run by `make bench`, never by `make check` (they report, they do not assert).
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

EXTRA_PROGRAMS = bench/tls-bench
CLEANFILES += bench/tls-bench$(EXEEXT)
bench_tls_bench_SOURCES = bench/tls-bench.c
bench_tls_bench_CPPFLAGS = $(BASE_CPPFLAGS) $(GNUTLS_CFLAGS)
bench_tls_bench_LDFLAGS = -static-libgcc
bench_tls_bench_LDADD = -lsecur32 -lpsapi $(GNUTLS_LIBS) $(SYSTEM_LIBS)
EXTRA_bench_tls_bench_DEPENDENCIES = config.status

bench: bench/tls-bench$(EXEEXT) $(dll_DATA)
	SECUR32_DLLDIR='$(abs_top_builddir)/dlls' WINE='$(WINE)' \
	    SECUR32_WINEPREFIX="$${SECUR32_WINEPREFIX:-$(abs_top_builddir)/wineprefix}" \
	    $(SHELL) $(top_srcdir)/tools/bench.sh bench/tls-bench$(EXEEXT)

.PHONY: bench
