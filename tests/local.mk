# Tests: one Wine-harness .exe per area, run under Wine by tools/wine-test.sh against our DLLs, or
# against the system's own secur32 with `make check-reference`.
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

EXTRA_DIST += tests/ntlm/ntlm_auth tests/data/secur32.names tests/data/schannel.names tests/data/cng-key-blob.awk $(SHELL_TESTS) tests/sspi-tls-env.sh \
	tests/check-env.sh
# Test programs run under Wine; the .sh tests are host shell scripts.
LOG_COMPILER = $(SHELL) $(top_srcdir)/tools/wine-test.sh
TEST_EXTENSIONS = .sh
SH_LOG_COMPILER = $(SHELL)
AM_TESTS_ENVIRONMENT = WINE='$(WINE)' OBJDUMP='$(OBJDUMP)' SECUR32_DLLDIR='$(abs_top_builddir)/dlls' \
	SECUR32_SRCDIR='$(abs_top_srcdir)' SECUR32_BUILDDIR='$(abs_top_builddir)' \
	SECUR32_DATADIR='$(abs_top_srcdir)/tests/data' \
	SECUR32_WINEPREFIX="$${SECUR32_WINEPREFIX:-$(abs_top_builddir)/wineprefix}"; \
	PATH="$(abs_top_srcdir)/tests/ntlm:$$PATH"; \
	export PATH WINE OBJDUMP SECUR32_DLLDIR SECUR32_SRCDIR SECUR32_BUILDDIR SECUR32_DATADIR SECUR32_WINEPREFIX;
SHELL_TESTS = tests/dll-files.sh tests/scripts.sh tests/prefix-setup.sh tests/debug-output.sh tests/real-peers.sh tests/sspi-tls.sh \
	tests/sspi-tls-reconnect.sh tests/sspi-tls-serve.sh tests/real-reconnects.sh tests/kerberos-kdc.sh tests/wine-http.sh \
	tests/winetest.sh tests/native-fuzz.sh

# The peer programs run from tests/real-peers.sh and tests/real-reconnects.sh only.
WINE_UNIT_TESTS = tests/exports tests/packages tests/interface tests/handles tests/handshake tests/records tests/tokens \
	tests/attributes tests/credentials tests/dtls tests/validation tests/reconnect tests/keys tests/clientauth \
	tests/layouts tests/record_layer tests/cipher_records tests/identity tests/hosted tests/lsa_client tests/schannel_exports tests/sasl tests/fuzz_records tests/fuzz_handshake \
	tests/fuzz_api tests/fuzz_tokens tests/soak tests/stress
WINE_TESTS = $(WINE_UNIT_TESTS) tests/peer_client tests/peer_server tests/peer_reconnect tests/kerberos
TEST_LDADD = tests/libtestsupport.a -lsecur32 -lcrypt32

if HAVE_WINE_TEST
check_LIBRARIES = tests/libtestsupport.a
check_PROGRAMS = $(WINE_TESTS) tests/http_client tests/winetest/runner
TESTS = tests/dll-files.sh tests/scripts.sh $(WINE_UNIT_TESTS) tests/debug-output.sh tests/real-peers.sh tests/sspi-tls.sh \
	tests/sspi-tls-reconnect.sh tests/sspi-tls-serve.sh tests/real-reconnects.sh tests/kerberos-kdc.sh tests/wine-http.sh tests/winetest.sh \
	tests/prefix-setup.sh tests/native-fuzz.sh
else
check-local:
	@echo "error: configure with --with-wine-test-include=DIR (tools/fetch-wine-test-h.sh) and --with-wine-conformance=DIR (tools/fetch-wine-tests.sh) to build the tests" >&2; exit 1
endif

# make distcheck builds the tests too.
AM_DISTCHECK_CONFIGURE_FLAGS = --host=$(host_alias) --with-wine-test-include='$(WINE_TEST_INCLUDE)' \
	--with-wine-conformance='$(WINE_CONFORMANCE)' --with-wine10-tests='$(WINE10_TESTS)' \
	PKG_CONFIG_LIBDIR='$(PKG_CONFIG_LIBDIR)'

# Each test program is tests/NAME.c built STANDALONE with Wine's harness; they share these flags
# (the DLLs have their own per-target flags, so the test headers stay out of them).
AM_CPPFLAGS += $(WINE_TEST_CPPFLAGS) -I$(top_builddir)/tests -DSTANDALONE
LDADD = $(TEST_LDADD)
tests_libtestsupport_a_SOURCES = tests/test_support.c tests/test_support.h tests/tls_support.c tests/tls_support.h \
	tests/net_support.c tests/net_support.h tests/pki_support.c tests/pki_support.h \
	tests/login_support.c tests/login_support.h tests/fuzz_support.c tests/fuzz_support.h
tests_exports_SOURCES = tests/exports.c
nodist_tests_exports_SOURCES = tests/export_names.h
tests_peer_client_LDADD = $(TEST_LDADD) -lws2_32
tests_peer_server_LDADD = $(TEST_LDADD) -lws2_32
tests_peer_reconnect_LDADD = $(TEST_LDADD) -lws2_32
tests_keys_LDADD = $(TEST_LDADD) -lncrypt
tests_identity_LDADD = $(TEST_LDADD) -lnetapi32
# Wine's WinHTTP and WinINet load secur32 themselves (tests/wine-http.sh): not linked here.
tests_http_client_SOURCES = tests/http_client.c tests/http_client.h tests/http_winhttp.c tests/http_wininet.c
tests_http_client_LDADD = -lwinhttp -lwininet -lcrypt32 -lbcrypt -lshell32
tests_winetest_runner_SOURCES = tests/winetest/runner.c
tests_winetest_runner_LDADD = -lversion

# The export lists are data (mingw-w64 10's .def names); the test sees them as C arrays.
BUILT_SOURCES = tests/export_names.h tests/test_pfx.h
CLEANFILES += tests/export_names.h tests/test_pfx.h

# A server certificate with an exportable RSA key, as a PFX made by OpenSSL (Wine 8 cannot export
# one), compiled into the tests, the same key as a CNG key blob, and an ECDSA P-256 one as a PFX.  Few PBKDF2 iterations keep
# the import fast.
tests/test_pfx.h: $(srcdir)/tests/data/cng-key-blob.awk $(srcdir)/tests/local.mk
	$(AM_V_GEN)dir=`mktemp -d` && \
	openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 3650 -keyout $$dir/key.pem \
	    -out $$dir/cert.pem 2>/dev/null && \
	openssl pkcs12 -export -in $$dir/cert.pem -inkey $$dir/key.pem -passout pass:secret -iter 2048 \
	    -out $$dir/test.pfx && \
	{ echo "static const unsigned char test_pfx[] = {"; \
	  od -An -v -tx1 $$dir/test.pfx | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; echo "};"; \
	  openssl rsa -in $$dir/key.pem -outform DER -traditional 2>/dev/null | openssl asn1parse -inform DER | \
	  awk -v name=test_cng_key -f $(srcdir)/tests/data/cng-key-blob.awk; \
	  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost -days 3650 \
	    -keyout $$dir/ec-key.pem -out $$dir/ec-cert.pem 2>/dev/null && \
	  openssl pkcs12 -export -in $$dir/ec-cert.pem -inkey $$dir/ec-key.pem -passout pass:secret -iter 2048 \
	    -out $$dir/ec.pfx && \
	  echo "static const unsigned char test_ec_pfx[] = {"; \
	  od -An -v -tx1 $$dir/ec.pfx | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; echo "};"; } > $@ && \
	rm -rf $$dir
tests/export_names.h: $(srcdir)/tests/data/secur32.names $(srcdir)/tests/data/schannel.names
	$(AM_V_GEN)for list in secur32 schannel; do \
	    echo "static const char *const $${list}_names[] = {"; \
	    sed -e '/^#/d' -e 's/.*/    "&",/' $(srcdir)/tests/data/$$list.names; \
	    echo "};"; \
	done > $@

# The bundle for Windows (docs/testing.md): the runner, our DLLs and the test programs of this
# tree, and of another architecture's with WINETEST_OTHER_BUILD=../i686 (built first).
winetest: $(check_PROGRAMS) $(dll_DATA)
	$(AM_V_GEN)$(SHELL) $(srcdir)/tools/winetest-bundle.sh secur32-winetest . $(WINETEST_OTHER_BUILD)

# The same test programs against the system's secur32.dll (Wine's builtin, or Windows' own).
check-reference:
	$(MAKE) $(AM_MAKEFLAGS) check SECUR32_TEST_REFERENCE=1

clean-local:
	rm -rf tests/run-ours tests/run-reference tests/run-debug tests/run-peers tests/run-sspi-tls tests/run-sspi-tls-reconnect tests/run-sspi-tls-serve tests/run-reconnects \
	tests/run-wine-http tests/run-winetest tests/run-kerberos-kdc tests/run-native-fuzz secur32-winetest secur32-winetest.tar.gz

.PHONY: check-reference winetest

# Long fuzz runs: make fuzz SEED=n ITERATIONS=n (per target) [FROM=n] [FUZZ_TARGET=name] [REPLAY=file]
# [NATIVE_RUNS=n] (the host-built record parsers under libFuzzer, tests/native-fuzz.sh);
# make check runs the same programs with their short fixed-seed counts.
FUZZERS = tests/fuzz_records$(EXEEXT) tests/fuzz_handshake$(EXEEXT) tests/fuzz_api$(EXEEXT) tests/fuzz_tokens$(EXEEXT)
NATIVE_RUNS = 10000000
fuzz: $(FUZZERS) $(dll_DATA) $(check_SCRIPTS)
	@$(AM_TESTS_ENVIRONMENT) SECUR32_FUZZ_SEED='$(SEED)' SECUR32_FUZZ_ITERATIONS='$(ITERATIONS)' \
	    SECUR32_FUZZ_FROM='$(FROM)' SECUR32_FUZZ_TARGET='$(FUZZ_TARGET)' SECUR32_FUZZ_REPLAY='$(REPLAY)'; \
	export SECUR32_FUZZ_SEED SECUR32_FUZZ_ITERATIONS SECUR32_FUZZ_FROM SECUR32_FUZZ_TARGET SECUR32_FUZZ_REPLAY; \
	failed=0; for program in $(FUZZERS); do \
	    $(SHELL) $(top_srcdir)/tools/wine-test.sh $$program || failed=1; \
	done; \
	NATIVE_FUZZ_RUNS='$(NATIVE_RUNS)' $(SHELL) $(top_srcdir)/tests/native-fuzz.sh; \
	test $$? = 1 && failed=1; exit $$failed

.PHONY: fuzz

# The engine's record parsers for the host, with libFuzzer, ASan and UBSan (tests/native-fuzz.sh).
NATIVE_FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror
if HAVE_HOST_FUZZ
check_SCRIPTS = tests/native_records_fuzz
CLEANFILES += tests/native_records_fuzz
tests/native_records_fuzz: $(srcdir)/tests/native_records_fuzz.c $(srcdir)/dlls/secur32/tls/tls_records.c \
	$(srcdir)/dlls/secur32/tls/tls_records.h
	$(AM_V_GEN)$(HOST_FUZZ_CC) $(NATIVE_FUZZ_FLAGS) -I$(srcdir)/dlls/secur32/tls -o $@ \
	    $(srcdir)/tests/native_records_fuzz.c $(srcdir)/dlls/secur32/tls/tls_records.c
endif
EXTRA_DIST += tests/native_records_fuzz.c

# The long soak: make soak [CONNECTIONS=100000] (full handshakes, then reconnects, each that many);
# make check runs tests/soak with 400 of each.
CONNECTIONS = 100000
soak: tests/soak$(EXEEXT) $(dll_DATA)
	@$(AM_TESTS_ENVIRONMENT) SECUR32_SOAK_CONNECTIONS='$(CONNECTIONS)'; export SECUR32_SOAK_CONNECTIONS; \
	$(SHELL) $(top_srcdir)/tools/wine-test.sh tests/soak$(EXEEXT)

.PHONY: soak
