/*
 * sspi-tls: the ISC/ASC handshake loop over a socket.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "connection.h"
#include "errors.h"
#include "net.h"

#define CLIENT_FLAGS (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY | \
                      ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM | ISC_REQ_EXTENDED_ERROR)
#define SERVER_FLAGS (ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY | \
                      ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM | ASC_REQ_EXTENDED_ERROR)

/* "h2,http/1.1" as one ALPN list in a SEC_APPLICATION_PROTOCOLS. */
static BOOL build_alpn(struct tls_conn *conn, const char *names)
{
    SEC_APPLICATION_PROTOCOLS *protocols = (SEC_APPLICATION_PROTOCOLS *)conn->alpn;
    SEC_APPLICATION_PROTOCOL_LIST *list = protocols->ProtocolLists;
    ULONG room = sizeof(conn->alpn) - FIELD_OFFSET(SEC_APPLICATION_PROTOCOLS, ProtocolLists) -
                 FIELD_OFFSET(SEC_APPLICATION_PROTOCOL_LIST, ProtocolList);
    USHORT used = 0;
    size_t length;

    list->ProtoNegoExt = SecApplicationProtocolNegotiationExt_ALPN;
    while (*names)
    {
        length = strcspn(names, ",");
        if (!length || length > 255 || used + 1 + length > room)
            return error_set(EXIT_USAGE, "bad ALPN list: each name 1 to 255 bytes, %lu in all", room);
        list->ProtocolList[used] = length;
        memcpy(list->ProtocolList + used + 1, names, length);
        used += 1 + length;
        names += length;
        if (*names == ',' && !*++names) return error_set(EXIT_USAGE, "bad ALPN list: empty name at the end");
    }
    list->ProtocolListSize = used;
    protocols->ProtocolListsSize = FIELD_OFFSET(SEC_APPLICATION_PROTOCOL_LIST, ProtocolList) + used;
    conn->alpn_size = FIELD_OFFSET(SEC_APPLICATION_PROTOCOLS, ProtocolLists) + protocols->ProtocolListsSize;
    return TRUE;
}

BOOL tls_init(struct tls_conn *conn, SOCKET sock, BOOL server, CredHandle *cred, const char *target,
              const char *alpn, DWORD timeout_ms)
{
    memset(conn, 0, sizeof(*conn));
    conn->sock = sock;
    conn->server = server;
    conn->cred = cred;
    conn->target = target;
    conn->timeout_ms = timeout_ms;
    return !alpn || build_alpn(conn, alpn);
}

void tls_free(struct tls_conn *conn)
{
    if (conn->has_ctx) DeleteSecurityContext(&conn->ctx);
    if (conn->sock != INVALID_SOCKET) closesocket(conn->sock);
    conn->has_ctx = FALSE;
    conn->sock = INVALID_SOCKET;
}

/* Sends one output buffer of a step and frees it. */
static BOOL send_output(struct tls_conn *conn, SecBuffer *buf)
{
    BOOL sent = TRUE;

    if (!buf->pvBuffer) return TRUE;
    if (buf->cbBuffer) sent = net_send_all(conn->sock, buf->pvBuffer, buf->cbBuffer);
    FreeContextBuffer(buf->pvBuffer);
    return sent;
}

SECURITY_STATUS tls_step(struct tls_conn *conn, BOOL with_input)
{
    SecBuffer in_bufs[3] = { { with_input ? conn->in_size : 0, SECBUFFER_TOKEN, conn->in }, { 0, SECBUFFER_EMPTY, NULL },
                             { conn->alpn_size, SECBUFFER_APPLICATION_PROTOCOLS, conn->alpn } };
    SecBuffer out_bufs[3] = { { 0, SECBUFFER_TOKEN, NULL }, { 0, SECBUFFER_ALERT, NULL }, { 0, SECBUFFER_EMPTY, NULL } };
    /* ALPN goes with the first step only: beside the client hello (client) or the token (server). */
    SecBufferDesc in = { SECBUFFER_VERSION, conn->alpn_size && !conn->has_ctx ? 3 : 2, in_bufs };
    SecBufferDesc client_first = { SECBUFFER_VERSION, 1, &in_bufs[2] };
    SecBufferDesc out = { SECBUFFER_VERSION, 3, out_bufs };
    SECURITY_STATUS status;
    ULONG attrs;
    SIZE_T consumed;

    if (conn->server)
        status = AcceptSecurityContext(conn->cred, conn->has_ctx ? &conn->ctx : NULL, &in, SERVER_FLAGS, 0,
                                       &conn->ctx, &out, &attrs, NULL);
    else
        status = InitializeSecurityContextA(conn->cred, conn->has_ctx ? &conn->ctx : NULL, (SEC_CHAR *)conn->target,
                                            CLIENT_FLAGS, 0, 0,
                                            conn->has_ctx ? &in : conn->alpn_size ? &client_first : NULL,
                                            0, &conn->ctx, &out, &attrs, NULL);
    if (status == SEC_E_OK || status == SEC_I_CONTINUE_NEEDED || status == SEC_I_INCOMPLETE_CREDENTIALS)
        conn->has_ctx = TRUE;
    /* The alert of a failed step goes out too, so the peer learns why ("|": both are freed). */
    if (!send_output(conn, &out_bufs[0]) | !send_output(conn, &out_bufs[1])) return SEC_E_INTERNAL_ERROR;
    if (with_input && status != SEC_E_INCOMPLETE_MESSAGE && conn->has_ctx)
    {
        consumed = conn->in_size - (in_bufs[1].BufferType == SECBUFFER_EXTRA ? in_bufs[1].cbBuffer : 0);
        memmove(conn->in, conn->in + consumed, conn->in_size - consumed);
        conn->in_size -= consumed;
    }
    return status;
}

/* More bytes from the peer; its closing the connection mid-handshake is a failure. */
static BOOL receive_more(struct tls_conn *conn)
{
    int n;

    if (conn->in_size == sizeof(conn->in)) return error_set(EXIT_TLS, "the peer's message is too long");
    if ((n = net_receive(conn->sock, conn->in + conn->in_size, sizeof(conn->in) - conn->in_size, conn->timeout_ms)) < 0)
        return FALSE;
    if (!n) return error_set(EXIT_TLS, "the peer closed the connection during the handshake");
    conn->in_size += n;
    return TRUE;
}

BOOL tls_handshake_loop(struct tls_conn *conn, BOOL step_first)
{
    SECURITY_STATUS status = step_first ? tls_step(conn, TRUE) : SEC_I_CONTINUE_NEEDED;
    BOOL retried = FALSE;

    for (;;)
    {
        if (status == SEC_I_INCOMPLETE_CREDENTIALS && !retried)
        {
            /* The server asked for a certificate we do not have: go on without one. */
            retried = TRUE;
            status = tls_step(conn, TRUE);
            continue;
        }
        if (status != SEC_I_CONTINUE_NEEDED && status != SEC_E_INCOMPLETE_MESSAGE) break;
        if ((status == SEC_E_INCOMPLETE_MESSAGE || !conn->in_size) && !receive_more(conn)) return FALSE;
        status = tls_step(conn, TRUE);
    }
    if (status != SEC_E_OK) return error_set(EXIT_TLS, "handshake failed: %s", status_text(status));
    return TRUE;
}

BOOL tls_handshake(struct tls_conn *conn)
{
    return tls_handshake_loop(conn, !conn->server);
}
