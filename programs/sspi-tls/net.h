/*
 * sspi-tls: TCP sockets in which every wait (name lookup, connect, accept, receive) has a limit.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SSPI_TLS_NET_H
#define SSPI_TLS_NET_H

#include <winsock2.h>

/* All return INVALID_SOCKET or FALSE after error_set. */
BOOL net_start(void);
SOCKET net_connect(const char *host, const char *port, DWORD timeout_ms);
/* A listener; *BOUND gets "ADDR:PORT" with the port actually taken (for port 0). */
SOCKET net_listen(const char *addr, const char *port, char *bound, size_t bound_size);
SOCKET net_accept(SOCKET listener, DWORD timeout_ms);

BOOL net_send_all(SOCKET sock, const void *data, size_t size);
/* Bytes received (> 0), 0 when the peer closed, -1 after error_set (timeouts included). */
int net_receive(SOCKET sock, void *buffer, size_t size, DWORD timeout_ms);
/* "HOST:PORT" of the other end. */
void net_peer_name(SOCKET sock, char *name, size_t size);

#endif
