/*
 * sspi-tls: the command line.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_TLS_OPTIONS_H
#define SSPI_TLS_OPTIONS_H

#include <windows.h>

/* Versions asked for with --tls1.N, as bits independent of the side. */
#define VERSION_TLS1_0 1
#define VERSION_TLS1_1 2
#define VERSION_TLS1_2 4
#define VERSION_TLS1_3 8

#define MAX_SEND 4096
#define MAX_EXPECT 1000         /* well inside what a report keeps of the data received */

struct options
{
    BOOL serve;                 /* serve PORT, else connect HOST:PORT */
    char host[256];             /* connect: the host; serve: the address to listen on */
    char port[8];
    DWORD versions;             /* VERSION_* bits; 0 = the package's defaults */
    const char *alpn;           /* comma-separated, or NULL */
    const char *servername;     /* the target name; default: HOST */
    const char *pfx, *password; /* a certificate from a PFX file ... */
    const char *store, *subject;    /* ... or from a CurrentUser system store */
    BOOL verify;                /* SCH_CRED_AUTO_CRED_VALIDATION instead of manual validation */
    BOOL json, show_key;
    BOOL http;                  /* serve: answer each request with a minimal HTTP/1.0 page */
    unsigned connections;       /* connect: 1 + --reconnect; serve: --accept */
    const char *send, *expect;
    DWORD timeout_ms;
};

/* FALSE (with error_set) on bad usage; *HELP when --help was given. */
BOOL parse_options(int argc, char **argv, struct options *opts, BOOL *help);
void print_usage(void);

#endif
