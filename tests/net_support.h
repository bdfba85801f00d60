/*
 * An SSPI TLS connection over a loopback socket, for the tests against real peers: the handshake,
 * send and receive loops the way curl and .NET drive Schannel.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef NET_SUPPORT_H
#define NET_SUPPORT_H

#include <winsock2.h>
#include "tls_support.h"

struct net_conn
{
    SOCKET sock;
    struct peer peer;           /* credentials, context, and the bytes received but not used */
    const char *target;
    unsigned renegotiations;    /* SEC_I_RENEGOTIATE answers seen by net_recv */
};

/* Both wait at most 10 seconds for the other side. */
BOOL net_connect(struct net_conn *conn, USHORT port);
BOOL net_accept(struct net_conn *conn, USHORT port);
/* For a server that takes one connection after another. */
SOCKET net_listen(USHORT port);
BOOL net_accept_from(struct net_conn *conn, SOCKET listener);
void net_close(struct net_conn *conn);

SECURITY_STATUS net_handshake(struct net_conn *conn);
SECURITY_STATUS net_send(struct net_conn *conn, const void *data, SIZE_T size);
/* Application data into OUT; SEC_I_CONTEXT_EXPIRED when the peer closed. */
SECURITY_STATUS net_recv(struct net_conn *conn, char *out, SIZE_T capacity, SIZE_T *size);
/* SCHANNEL_SHUTDOWN and the close_notify it makes. */
SECURITY_STATUS net_shutdown(struct net_conn *conn);

/* SECUR32_PEER_ALPN (comma-separated) as the peer's first-step SEC_APPLICATION_PROTOCOLS, and a
 * printer of what was negotiated ("alpn: NAME" or "alpn: none"), for the real-peer script. */
void net_use_alpn(struct net_conn *conn);
void net_print_alpn(struct net_conn *conn);

/* SECUR32_PEER_SEND (with a newline added) and SECUR32_PEER_EXPECT. */
void net_read_exchange(char *send, SIZE_T send_size, char *expect, SIZE_T expect_size);

/* A decimal from an environment variable, or 0. */
DWORD env_number(const char *name);

#endif /* NET_SUPPORT_H */
