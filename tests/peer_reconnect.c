/*
 * Reconnects against a real TLS peer on loopback, started by tests/real-reconnects.sh: several
 * connections over one credential handle, each reporting whether it resumed a session and its
 * SECPKG_ATTR_SESSION_KEY, for the script to compare with what OpenSSL saw.
 *   SECUR32_PEER_ROLE         client or server
 *   SECUR32_PEER_PORT         the server's port
 *   SECUR32_PEER_PROTOCOL     12 or 13: the one TLS version to allow
 *   SECUR32_PEER_CONNECTIONS  how many connections, one after the other
 *   SECUR32_PEER_DISABLE      1: SSL_SESSION_DISABLE_RECONNECTS on each context once connected
 *   SECUR32_PEER_SEND / SECUR32_PEER_EXPECT  client: a line to send and the reply to expect
 * Prints "connection N: full|reconnect key HEX" per connection.  Without a port it skips.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>

#include "net_support.h"

#include "wine/test.h"
#include "test_support.h"

static BOOL server, disable;
static char send_line[128], expect[128];

static void report(unsigned n, struct peer *peer)
{
    SecPkgContext_SessionInfo info = { 0 };
    SecPkgContext_SessionKey key = { 0 };
    SCHANNEL_SESSION_TOKEN token = { SCHANNEL_SESSION, SSL_SESSION_DISABLE_RECONNECTS };
    SecBuffer buf = { sizeof(token), SECBUFFER_TOKEN, &token };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &buf };
    ULONG i;

    ok(QueryContextAttributesA(&peer->ctx, SECPKG_ATTR_SESSION_INFO, &info) == SEC_E_OK, "SESSION_INFO\n");
    ok(QueryContextAttributesA(&peer->ctx, SECPKG_ATTR_SESSION_KEY, &key) == SEC_E_OK, "SESSION_KEY\n");
    printf("connection %u: %s key ", n, info.dwFlags & SSL_SESSION_RECONNECT ? "reconnect" : "full");
    for (i = 0; i < key.SessionKeyLength; i++) printf("%02X", key.SessionKey[i]);
    printf("\n");
    FreeContextBuffer(key.SessionKey);
    if (disable) ok(ApplyControlToken(&peer->ctx, &desc) == SEC_E_OK, "SCHANNEL_SESSION token\n");
}

/* Client: the line out and its reply (which also brings a TLS 1.3 server's tickets).  Server: what
 * the client sends until it closes. */
static void exchange(struct net_conn *conn)
{
    char data[512];
    SIZE_T size, total = 0;
    SECURITY_STATUS status;

    if (server)
    {
        while (net_recv(conn, data, sizeof(data), &size) == SEC_E_OK) {}
        return;
    }
    ok(net_send(conn, send_line, strlen(send_line)) == SEC_E_OK, "send failed\n");
    while (total < strlen(expect) && (status = net_recv(conn, data + total, sizeof(data) - 1 - total, &size)) == SEC_E_OK)
        total += size;
    data[total] = 0;
    ok(!strncmp(data, expect, strlen(expect)), "reply \"%s\", expected \"%s\"\n", data, expect);
    net_shutdown(conn);
}

START_TEST(peer_reconnect)
{
    DWORD port = env_number("SECUR32_PEER_PORT"), version = env_number("SECUR32_PEER_PROTOCOL");
    DWORD connections = env_number("SECUR32_PEER_CONNECTIONS");
    SOCKET listener = INVALID_SOCKET;
    PCCERT_CONTEXT cert = NULL;
    struct net_conn conn;
    struct peer base;
    char role[16] = "";
    SECURITY_STATUS status;
    unsigned n;

    if (!port)
    {
        skip("no peer: SECUR32_PEER_PORT is not set\n");
        return;
    }
    GetEnvironmentVariableA("SECUR32_PEER_ROLE", role, sizeof(role));
    server = !strcmp(role, "server");
    disable = env_number("SECUR32_PEER_DISABLE") == 1;
    net_read_exchange(send_line, sizeof(send_line), expect, sizeof(expect));

    if (server)
    {
        if (!(cert = make_test_certificate("localhost"))) { ok(0, "no certificate\n"); return; }
        ok(acquire_peer(&base, TRUE, version == 13 ? SP_PROT_TLS1_3_SERVER : SP_PROT_TLS1_2_SERVER, cert) == SEC_E_OK,
           "credentials\n");
        listener = net_listen(port);
        ok(listener != INVALID_SOCKET, "cannot listen on port %lu\n", port);
        printf("listening\n");
        fflush(stdout);
    }
    else ok(acquire_peer(&base, FALSE, version == 13 ? SP_PROT_TLS1_3_CLIENT : SP_PROT_TLS1_2_CLIENT, NULL) == SEC_E_OK,
            "credentials\n");

    for (n = 1; n <= connections; n++)
    {
        memset(&conn, 0, sizeof(conn));
        conn.peer = base;
        conn.target = "localhost";
        if (!(server ? net_accept_from(&conn, listener) : net_connect(&conn, port)))
        {
            ok(0, "connection %u: no peer\n", n);
            break;
        }
        status = net_handshake(&conn);
        ok(status == SEC_E_OK, "connection %u: handshake %#lx\n", n, status);
        if (status == SEC_E_OK)
        {
            report(n, &conn.peer);
            exchange(&conn);
        }
        fflush(stdout);
        closesocket(conn.sock);
        if (conn.peer.has_ctx) DeleteSecurityContext(&conn.peer.ctx);
    }
    if (listener != INVALID_SOCKET) closesocket(listener);
    FreeCredentialsHandle(&base.cred);
    if (cert) free_test_certificate(cert);
}
