# Programs built on the public SSPI only, so each runs against any secur32.dll.
# Copyright 2026 The secur32-schannel authors
# SPDX-License-Identifier: LGPL-2.1-or-later

bin_PROGRAMS = programs/sspi-packages programs/sspi-tls
programs_sspi_packages_SOURCES = programs/sspi-packages.c
programs_sspi_packages_LDADD = -lsecur32

# A TLS client and server over the SSPI (docs/sspi-tls.md).  Its own flags: it uses no project
# header, so the same source builds against any SDK.
programs_sspi_tls_CPPFLAGS = -D_WIN32_WINNT=0x0A00 -DWINVER=0x0A00
programs_sspi_tls_SOURCES = \
	programs/sspi-tls/attributes.c \
	programs/sspi-tls/chain.c \
	programs/sspi-tls/chain.h \
	programs/sspi-tls/connection.h \
	programs/sspi-tls/credentials.c \
	programs/sspi-tls/credentials.h \
	programs/sspi-tls/errors.c \
	programs/sspi-tls/errors.h \
	programs/sspi-tls/handshake.c \
	programs/sspi-tls/main.c \
	programs/sspi-tls/net.c \
	programs/sspi-tls/net.h \
	programs/sspi-tls/options.c \
	programs/sspi-tls/options.h \
	programs/sspi-tls/report.c \
	programs/sspi-tls/report.h \
	programs/sspi-tls/stream.c
programs_sspi_tls_LDADD = -lsecur32 -lcrypt32 -lbcrypt -lws2_32

# The prefix setup tool (tools/secur32-schannel-setup, runnable from the source tree): the
# installed copy knows where make install put the DLLs.
bin_SCRIPTS = secur32-schannel-setup
CLEANFILES += secur32-schannel-setup
secur32-schannel-setup: $(srcdir)/tools/secur32-schannel-setup Makefile
	$(AM_V_GEN)sed 's|^installed_dlls=$$|installed_dlls='\''$(pkglibdir)'\''|' $(srcdir)/tools/secur32-schannel-setup >$@.tmp && \
	    chmod +x $@.tmp && mv $@.tmp $@

dist_man_MANS = docs/man/secur32-schannel-setup.1 docs/man/sspi-tls.1 docs/man/sspi-packages.1
