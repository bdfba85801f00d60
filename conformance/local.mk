# Wine's own secur32 conformance tests (dlls/secur32/tests/ of Debian's wine source package), built
# unmodified from the cache tools/fetch-wine-tests.sh fills (never copied into the tree) and run
# under Wine against our DLLs with WINETEST_PLATFORM=windows, so todo_wine excuses nothing: these
# tests state what Windows does.  Wine 10's (Debian 13's, tools/fetch-wine10-tests.sh) are built
# beside them as conformance/wine10/NAME.exe, with Wine 10's harness headers, and run under Wine 10
# (they skip under an older Wine).  See docs/testing.md, "Wine's conformance tests".
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

EXTRA_DIST += conformance/mingw_compat.h

CONFORMANCE_EXES = conformance/schannel.exe conformance/main.exe conformance/secur32.exe \
	conformance/negotiate.exe conformance/ntlm.exe
CONFORMANCE10_EXES = conformance/wine10/schannel.exe conformance/wine10/main.exe \
	conformance/wine10/secur32.exe conformance/wine10/negotiate.exe conformance/wine10/ntlm.exe

# Programs known to fail, each with what it gives today: "NAME:FAILURES" (NAME is wine10/NAME for
# Wine 10's), "+crash" when it dies before its summary line.  They run as expected failures (XFAIL);
# more failures, or a crash not listed, is an error; none at all is an unexpected pass (XPASS),
# which fails the suite until the program is taken off both lists.  Wine 8's five pass; of Wine
# 10's, ntlm.c's test_Encrypt fails twice in Wine 10's own msv1_0 (the NTLM package we host; its
# builtin secur32 fails the same two): docs/windows-behaviour.md, "Wine 10's conformance programs".
CONFORMANCE_KNOWN_FAILURES = wine10/ntlm:2
CONFORMANCE_XFAIL = conformance/wine10/ntlm.exe

if HAVE_WINE_TEST
TESTS += $(CONFORMANCE_EXES)
XFAIL_TESTS = $(CONFORMANCE_XFAIL)
check_DATA = $(CONFORMANCE_EXES)
CLEANFILES += $(CONFORMANCE_EXES)
if HAVE_WINE10_TESTS
TESTS += $(CONFORMANCE10_EXES)
check_DATA += $(CONFORMANCE10_EXES)
CLEANFILES += $(CONFORMANCE10_EXES)
endif
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
# Wine 10's with its own harness headers, and __WINESRC__ as Wine's build defines it for every file
# of its tree (negotiate.c uses debugstr_w, which wine/debug.h declares only for Wine's sources).
CONFORMANCE10_CPPFLAGS = $(WINVER_CPPFLAGS) -I$(WINE10_TESTS)/include -D__WINESRC__ -DSTANDALONE \
	-include $(srcdir)/conformance/mingw_compat.h
WINE10_CONFORMANCE = $(WINE10_TESTS)/dlls/secur32/tests

conformance/schannel.exe: $(WINE_CONFORMANCE)/schannel.c
conformance/main.exe: $(WINE_CONFORMANCE)/main.c
conformance/secur32.exe: $(WINE_CONFORMANCE)/secur32.c
conformance/negotiate.exe: $(WINE_CONFORMANCE)/negotiate.c
conformance/ntlm.exe: $(WINE_CONFORMANCE)/ntlm.c
$(CONFORMANCE_EXES): $(srcdir)/conformance/mingw_compat.h tests/libtestsupport.a
	$(AM_V_CC)$(MKDIR_P) conformance && \
	$(CC) $(CONFORMANCE_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ \
	    $(WINE_CONFORMANCE)/`basename $@ .exe`.c $(CONFORMANCE_LIBS)

conformance/wine10/schannel.exe: $(WINE10_CONFORMANCE)/schannel.c
conformance/wine10/main.exe: $(WINE10_CONFORMANCE)/main.c
conformance/wine10/secur32.exe: $(WINE10_CONFORMANCE)/secur32.c
conformance/wine10/negotiate.exe: $(WINE10_CONFORMANCE)/negotiate.c
conformance/wine10/ntlm.exe: $(WINE10_CONFORMANCE)/ntlm.c
$(CONFORMANCE10_EXES): $(srcdir)/conformance/mingw_compat.h tests/libtestsupport.a
	$(AM_V_CC)$(MKDIR_P) conformance/wine10 && \
	$(CC) $(CONFORMANCE10_CPPFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ \
	    $(WINE10_CONFORMANCE)/`basename $@ .exe`.c $(CONFORMANCE_LIBS)

# tools/wine-test.sh stages each program beside our DLLs (or alone, for the reference run).
clean-local: clean-conformance
clean-conformance:
	rm -rf conformance/run-ours conformance/run-reference conformance/wine10/run-ours conformance/wine10/run-reference
.PHONY: clean-conformance
