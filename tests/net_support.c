/*
 * An SSPI TLS connection over a loopback socket, for the tests against real peers.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "net_support.h"

static BOOL net_start(void)
{
    WSADATA wsa;
    return !WSAStartup(MAKEWORD(2, 2), &wsa);
}

static void set_timeouts(SOCKET sock)
{
    DWORD ms = 10000;
    setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, (const char *)&ms, sizeof(ms));
    setsockopt(sock, SOL_SOCKET, SO_SNDTIMEO, (const char *)&ms, sizeof(ms));
}

static struct sockaddr_in loopback(USHORT port)
{
    struct sockaddr_in addr = { 0 };
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return addr;
}

BOOL net_connect(struct net_conn *conn, USHORT port)
{
    struct sockaddr_in addr = loopback(port);
    int i;

    if (!net_start()) return FALSE;
    for (i = 0; i < 50; i++)    /* the peer may still be starting */
    {
        if ((conn->sock = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET) return FALSE;
        if (!connect(conn->sock, (struct sockaddr *)&addr, sizeof(addr)))
        {
            set_timeouts(conn->sock);
            return TRUE;
        }
        closesocket(conn->sock);
        Sleep(200);
    }
    conn->sock = INVALID_SOCKET;
    return FALSE;
}

SOCKET net_listen(USHORT port)
{
    struct sockaddr_in addr = loopback(port);
    SOCKET listener;
    BOOL yes = TRUE;

    if (!net_start() || (listener = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)) == INVALID_SOCKET) return INVALID_SOCKET;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, (const char *)&yes, sizeof(yes));
    if (!bind(listener, (struct sockaddr *)&addr, sizeof(addr)) && !listen(listener, 4)) return listener;
    closesocket(listener);
    return INVALID_SOCKET;
}

BOOL net_accept_from(struct net_conn *conn, SOCKET listener)
{
    TIMEVAL timeout = { 10, 0 };
    fd_set set;

    conn->sock = INVALID_SOCKET;
    if (listener == INVALID_SOCKET) return FALSE;
    FD_ZERO(&set);
    FD_SET(listener, &set);
    if (select(0, &set, NULL, NULL, &timeout) == 1) conn->sock = accept(listener, NULL, NULL);
    if (conn->sock == INVALID_SOCKET) return FALSE;
    set_timeouts(conn->sock);
    return TRUE;
}

BOOL net_accept(struct net_conn *conn, USHORT port)
{
    SOCKET listener = net_listen(port);
    BOOL ok = net_accept_from(conn, listener);

    if (listener != INVALID_SOCKET) closesocket(listener);
    return ok;
}

void net_close(struct net_conn *conn)
{
    if (conn->sock != INVALID_SOCKET) closesocket(conn->sock);
    conn->sock = INVALID_SOCKET;
    release_peer(&conn->peer);
}

/* The peer's side of a step: a struct peer whose input collects what we must send. */
static BOOL flush(struct net_conn *conn, struct peer *outgoing)
{
    SIZE_T sent = 0;
    int n;

    while (sent < outgoing->in_size)
    {
        if ((n = send(conn->sock, (const char *)outgoing->in + sent, outgoing->in_size - sent, 0)) <= 0) return FALSE;
        sent += n;
    }
    outgoing->in_size = 0;
    return TRUE;
}

static BOOL receive_more(struct net_conn *conn)
{
    struct peer *peer = &conn->peer;
    int n = recv(conn->sock, (char *)peer->in + peer->in_size, sizeof(peer->in) - peer->in_size, 0);

    if (n <= 0) return FALSE;
    peer->in_size += n;
    return TRUE;
}

/* "certificate requested by:" and the CA names of SECPKG_ATTR_ISSUER_LIST_EX, for the script. */
static void print_issuers(struct peer *peer)
{
    SecPkgContext_IssuerListInfoEx list;
    char name[256];
    DWORD i;

    printf("certificate requested by:");
    if (QueryContextAttributesA(&peer->ctx, SECPKG_ATTR_ISSUER_LIST_EX, &list) == SEC_E_OK)
    {
        for (i = 0; i < list.cIssuers; i++)
        {
            CertNameToStrA(X509_ASN_ENCODING, &list.aIssuers[i], CERT_X500_NAME_STR, name, sizeof(name));
            printf(" [%s]", name);
        }
        FreeContextBuffer(list.aIssuers);
    }
    printf("\n");
}

/* Steps a handshake until it ends; STEP_FIRST makes the first step before waiting for the peer
 * (a client's start, or either side's answer to SEC_I_RENEGOTIATE). */
static SECURITY_STATUS handshake_loop(struct net_conn *conn, BOOL step_first)
{
    static struct peer outgoing;
    struct peer *peer = &conn->peer;
    SECURITY_STATUS status = SEC_I_CONTINUE_NEEDED;

    outgoing.in_size = 0;
    peer->status = SEC_I_CONTINUE_NEEDED;
    if (step_first)
    {
        status = step_peer(peer, &outgoing, conn->target);
        if (!flush(conn, &outgoing)) return SEC_E_INTERNAL_ERROR;
    }
    while (status == SEC_I_CONTINUE_NEEDED || status == SEC_E_INCOMPLETE_MESSAGE || status == SEC_I_INCOMPLETE_CREDENTIALS)
    {
        /* A server asks for a certificate we do not have: as curl does, the same input again, going on
         * without one. */
        if (status == SEC_I_INCOMPLETE_CREDENTIALS) print_issuers(peer);
        else if ((status == SEC_E_INCOMPLETE_MESSAGE || !peer->in_size) && !receive_more(conn)) return SEC_E_INTERNAL_ERROR;
        status = step_peer(peer, &outgoing, conn->target);
        if (!flush(conn, &outgoing)) return SEC_E_INTERNAL_ERROR;
    }
    return status;
}

SECURITY_STATUS net_handshake(struct net_conn *conn)
{
    return handshake_loop(conn, !conn->peer.server);
}

SECURITY_STATUS net_send(struct net_conn *conn, const void *data, SIZE_T size)
{
    static struct peer outgoing;
    SECURITY_STATUS status;

    outgoing.in_size = 0;
    if ((status = send_message(&conn->peer, &outgoing, data, size)) != SEC_E_OK) return status;
    return flush(conn, &outgoing) ? SEC_E_OK : SEC_E_INTERNAL_ERROR;
}

SECURITY_STATUS net_recv(struct net_conn *conn, char *out, SIZE_T capacity, SIZE_T *size)
{
    struct peer *peer = &conn->peer;
    SECURITY_STATUS status;
    SecBuffer bufs[4];
    SIZE_T extra;

    *size = 0;
    for (;;)
    {
        status = peer->in_size ? decrypt_received(peer, bufs) : SEC_E_INCOMPLETE_MESSAGE;
        if (status == SEC_E_INCOMPLETE_MESSAGE)
        {
            if (!receive_more(conn)) return SEC_E_INTERNAL_ERROR;
            continue;
        }
        if (status != SEC_E_OK && status != SEC_I_RENEGOTIATE && status != SEC_I_CONTEXT_EXPIRED) return status;
        if (status == SEC_E_OK)
        {
            *size = min(bufs[1].cbBuffer, capacity);
            memcpy(out, bufs[1].pvBuffer, *size);
        }
        extra = bufs[3].BufferType == SECBUFFER_EXTRA ? bufs[3].cbBuffer : 0;
        memmove(peer->in, peer->in + peer->in_size - extra, extra);
        peer->in_size = extra;
        if (status == SEC_I_RENEGOTIATE)
        {
            /* As curl does: handshake steps over what is left until SEC_E_OK, then read on. */
            conn->renegotiations++;
            if ((status = handshake_loop(conn, TRUE)) != SEC_E_OK) return status;
            continue;
        }
        if (status == SEC_I_CONTEXT_EXPIRED || *size) return status;
    }
}

SECURITY_STATUS net_shutdown(struct net_conn *conn)
{
    static struct peer outgoing;
    DWORD token = SCHANNEL_SHUTDOWN;
    SecBuffer buf = { sizeof(token), SECBUFFER_TOKEN, &token };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &buf };
    SECURITY_STATUS status;
    SIZE_T kept = conn->peer.in_size;

    if ((status = ApplyControlToken(&conn->peer.ctx, &desc)) != SEC_E_OK) return status;
    outgoing.in_size = 0;
    conn->peer.in_size = 0;
    status = step_peer(&conn->peer, &outgoing, conn->target);
    conn->peer.in_size = kept;
    return flush(conn, &outgoing) ? status : SEC_E_INTERNAL_ERROR;
}

DWORD env_number(const char *name)
{
    char value[32];
    return GetEnvironmentVariableA(name, value, sizeof(value)) ? strtoul(value, NULL, 10) : 0;
}

void net_use_alpn(struct net_conn *conn)
{
    static char list[128];
    static BYTE buffer[256];
    const char *names[8];
    char *name, *next;
    int count = 0;

    if (!GetEnvironmentVariableA("SECUR32_PEER_ALPN", list, sizeof(list)) || !*list) return;
    for (name = list; name && count < 7; name = next)
    {
        if ((next = strchr(name, ','))) *next++ = 0;
        names[count++] = name;
    }
    names[count] = NULL;
    conn->peer.alpn = buffer;
    conn->peer.alpn_size = make_alpn(buffer, names);
}

void net_print_alpn(struct net_conn *conn)
{
    SecPkgContext_ApplicationProtocol proto;

    if (QueryContextAttributesA(&conn->peer.ctx, SECPKG_ATTR_APPLICATION_PROTOCOL, &proto) != SEC_E_OK) return;
    if (proto.ProtoNegoStatus == SecApplicationProtocolNegotiationStatus_Success)
        printf("alpn: %.*s\n", proto.ProtocolIdSize, proto.ProtocolId);
    else
        printf("alpn: none\n");
}

void net_read_exchange(char *send, SIZE_T send_size, char *expect, SIZE_T expect_size)
{
    send[0] = expect[0] = 0;
    GetEnvironmentVariableA("SECUR32_PEER_SEND", send, send_size - 1);
    GetEnvironmentVariableA("SECUR32_PEER_EXPECT", expect, expect_size);
    strcat(send, "\n");
}
