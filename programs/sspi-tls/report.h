/*
 * sspi-tls: what one connection negotiated (collected by attributes.c), printed as text or as
 * one JSON object per line (report.c).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_TLS_REPORT_H
#define SSPI_TLS_REPORT_H

#include "connection.h"
#include "chain.h"

#define FINGERPRINT_SIZE 8      /* bytes of SHA-256 shown for the session key */

struct report
{
    unsigned number;            /* 1 for the first connection */
    BOOL server;
    char peer[64];              /* ADDRESS:PORT of the other end */
    SECURITY_STATUS connection_status, cipher_status, alpn_status, session_status, key_status;
    SecPkgContext_ConnectionInfo connection;
    SecPkgContext_CipherInfo cipher;
    SecPkgContext_ApplicationProtocol alpn;
    struct peer_chain chain;
    SecPkgContext_SessionInfo session;
    ULONG key_size;
    BYTE key_fingerprint[FINGERPRINT_SIZE];
    BYTE *key;                  /* the whole key, kept only for --show-key; wiped by report_free */
    const char *sent;
    char received[1024];
    SIZE_T received_size;
    const char *closed;
};

/* Queries the context's attributes; failures are kept as statuses, to be printed. */
void report_collect(struct report *report, struct tls_conn *conn, BOOL keep_key);
void report_print(const struct report *report, BOOL json);
void report_free(struct report *report);
/* S in JSON's quoted form (truncated to fit SIZE); the text form uses it too for data, so
 * control bytes show and a line stays one line. */
const char *quote(const char *s, size_t len, char *buffer, size_t size);
/* A server's connection that failed: one line, "connection N: failed: MESSAGE (peer ADDR)" or a JSON
 * object with "failed" and "exit_code". */
void report_failure(unsigned number, const char *peer, const char *message, int exit_code, BOOL json);
/* The listening line of serve mode. */
void report_listening(const char *address, BOOL json);

#endif
