# Wine's own secur32 conformance tests (dlls/secur32/tests/ of Debian's wine source package), built
# unmodified from the cache tools/fetch-wine-tests.sh fills (never copied into the tree) and run
# under Wine against our DLLs with WINETEST_PLATFORM=windows, so todo_wine excuses nothing: these
# tests state what Windows does.  See docs/testing.md, "Wine's conformance tests".
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

EXTRA_DIST += conformance/mingw_compat.h

CONFORMANCE_EXES = conformance/schannel.exe conformance/main.exe conformance/secur32.exe \
	conformance/negotiate.exe conformance/ntlm.exe

# Programs known to fail, each with what it gives today: "NAME:FAILURES", "+crash" when it dies
# before its summary line (none now: all five pass).  They run as expected failures (XFAIL); more failures, or a crash not
# listed, is an error; none at all is an unexpected pass (XPASS), which fails the suite until the
# program is taken off both lists.
CONFORMANCE_KNOWN_FAILURES =
CONFORMANCE_XFAIL =

if HAVE_WINE_TEST
TESTS += $(CONFORMANCE_EXES)
XFAIL_TESTS = $(CONFORMANCE_XFAIL)
check_DATA = $(CONFORMANCE_EXES)
CLEANFILES += $(CONFORMANCE_EXES)
endif
# Automake names the log compiler of a test by its extension: our own test programs are listed
# without one, Wine's by their .exe.
TEST_EXTENSIONS += .exe
EXE_LOG_COMPILER = $(SHELL) $(top_srcdir)/tools/conformance-test.sh
AM_EXE_LOG_FLAGS = --known '$(CONFORMANCE_KNOWN_FAILURES)'

# Wine builds these with its own headers; mingw-w64's need conformance/mingw_compat.h first.
# ntdll for RtlInitAnsiString, which Wine's build links implicitly.
CONFORMANCE_CPPFLAGS = $(WINVER_CPPFLAGS) $(WINE_TEST_CPPFLAGS) -DSTANDALONE \
	-include $(srcdir)/conformance/mingw_compat.h
CONFORMANCE_LIBS = tests/libtestsupport.a -lsecur32 -lcrypt32 -ladvapi32 -lws2_32 -lntdll

conformance/schannel.exe: $(WINE_CONFORMANCE)/schannel.c
conformance/main.exe: $(WINE_CONFORMANCE)/main.c
conformance/secur32.exe: $(WINE_CONFORMANCE)/secur32.c
conformance/negotiate.exe: $(WINE_CONFORMANCE)/negotiate.c
conformance/ntlm.exe: $(WINE_CONFORMANCE)/ntlm.c
$(CONFORMANCE_EXES): $(srcdir)/conformance/mingw_compat.h tests/libtestsupport.a
	$(AM_V_CC)$(MKDIR_P) conformance && \
	$(CC) $(CONFORMANCE_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ \
	    $(WINE_CONFORMANCE)/`basename $@ .exe`.c $(CONFORMANCE_LIBS)

# tools/wine-test.sh stages each program beside our DLLs (or alone, for the reference run).
clean-local: clean-conformance
clean-conformance:
	rm -rf conformance/run-ours conformance/run-reference
.PHONY: clean-conformance
