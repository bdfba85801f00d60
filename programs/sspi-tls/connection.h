/*
 * sspi-tls: one TLS connection over a socket, driven through the SSPI the way curl and .NET drive
 * Schannel: the handshake (handshake.c), records and the close (stream.c).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_TLS_CONNECTION_H
#define SSPI_TLS_CONNECTION_H

#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>
#include <schannel.h>

struct tls_conn
{
    SOCKET sock;
    BOOL server;
    CredHandle *cred;
    CtxtHandle ctx;
    BOOL has_ctx;
    const char *target;         /* client: the target name */
    DWORD timeout_ms;
    BYTE alpn[256];             /* a SEC_APPLICATION_PROTOCOLS for the first step */
    ULONG alpn_size;
    BOOL closing;               /* our close_notify is sent */
    const char *closed;         /* how the connection ended, once it has */
    BYTE in[65536];             /* bytes received and not yet consumed */
    SIZE_T in_size;
};

/* Sets up CONN for a connected socket; ALPN is a comma-separated list or NULL. */
BOOL tls_init(struct tls_conn *conn, SOCKET sock, BOOL server, CredHandle *cred, const char *target,
              const char *alpn, DWORD timeout_ms);
/* Closes the socket and deletes the context. */
void tls_free(struct tls_conn *conn);

/* All return FALSE after error_set. */
BOOL tls_handshake(struct tls_conn *conn);
BOOL tls_send(struct tls_conn *conn, const void *data, SIZE_T size);
/* Appends received application data to OUT (SIZE bytes held, CAPACITY at most; the rest is
 * dropped) until at least one record's data came; *CLOSED when the peer closed instead. */
BOOL tls_receive(struct tls_conn *conn, char *out, SIZE_T capacity, SIZE_T *size, BOOL *closed);
/* SCHANNEL_SHUTDOWN, our close_notify, then the peer's (conn->closed tells how that went). */
BOOL tls_shutdown(struct tls_conn *conn);

/* One ISC or ASC step over the received bytes (none when !WITH_INPUT); sends what it made. */
SECURITY_STATUS tls_step(struct tls_conn *conn, BOOL with_input);
/* Handshake steps until one ends it; STEP_FIRST steps before waiting for input. */
BOOL tls_handshake_loop(struct tls_conn *conn, BOOL step_first);

#endif
