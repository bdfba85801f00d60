/*
 * Our client against a real TLS server on loopback, started by tests/real-peers.sh:
 *   SECUR32_PEER_PORT      the server's port
 *   SECUR32_PEER_PROTOCOL  12 or 13: the one TLS version to allow
 *   SECUR32_PEER_SEND / SECUR32_PEER_EXPECT  a line to send, and the reply to expect
 * Without a port it skips, so `make check` alone runs it as a no-op.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "net_support.h"

#include "wine/test.h"
#include "test_support.h"

static DWORD protocol_bits(DWORD version)
{
    return version == 13 ? SP_PROT_TLS1_3_CLIENT : SP_PROT_TLS1_2_CLIENT;
}

START_TEST(peer_client)
{
    DWORD port = env_number("SECUR32_PEER_PORT"), version = env_number("SECUR32_PEER_PROTOCOL");
    char send_line[128] = "", expect[128] = "", reply[512];
    SecPkgContext_ConnectionInfo info;
    struct net_conn conn = { INVALID_SOCKET };
    SECURITY_STATUS status;
    SIZE_T size, total = 0;

    if (!port)
    {
        skip("no peer: SECUR32_PEER_PORT is not set\n");
        return;
    }
    net_read_exchange(send_line, sizeof(send_line), expect, sizeof(expect));

    ok(acquire_peer(&conn.peer, FALSE, protocol_bits(version), NULL) == SEC_E_OK, "credentials\n");
    conn.target = "localhost";
    net_use_alpn(&conn);
    ok(net_connect(&conn, port), "no connection to port %lu\n", port);
    if (conn.sock == INVALID_SOCKET) return;

    status = net_handshake(&conn);
    ok(status == SEC_E_OK, "TLS 1.%lu handshake: %#lx\n", version - 10, status);
    if (status != SEC_E_OK) { net_close(&conn); return; }
    ok(conn.peer.attrs == CLIENT_REQ, "attributes %#lx\n", conn.peer.attrs);
    net_print_alpn(&conn);
    ok(QueryContextAttributesA(&conn.peer.ctx, SECPKG_ATTR_CONNECTION_INFO, &info) == SEC_E_OK, "CONNECTION_INFO\n");
    ok(info.dwProtocol == protocol_bits(version), "protocol %#lx\n", info.dwProtocol);

    ok(net_send(&conn, send_line, strlen(send_line)) == SEC_E_OK, "send failed\n");
    while (total < strlen(expect) && (status = net_recv(&conn, reply + total, sizeof(reply) - 1 - total, &size)) == SEC_E_OK)
        total += size;
    reply[total] = 0;
    ok(!strncmp(reply, expect, strlen(expect)), "reply \"%s\", expected \"%s\" (%#lx)\n", reply, expect, status);
    /* SECUR32_PEER_SEND2: one more line after the reply, for the script to find at the server. */
    if (GetEnvironmentVariableA("SECUR32_PEER_SEND2", send_line, sizeof(send_line) - 1))
    {
        strcat(send_line, "\n");
        ok(net_send(&conn, send_line, strlen(send_line)) == SEC_E_OK, "second send failed\n");
        Sleep(500);
    }
    printf("renegotiations: %u\n", conn.renegotiations);
    ok(net_shutdown(&conn) == SEC_E_OK, "shutdown failed\n");
    net_close(&conn);
}
