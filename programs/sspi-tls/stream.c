/*
 * sspi-tls: application data records, and the close.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdio.h>
#include <string.h>

#include "connection.h"
#include "errors.h"
#include "net.h"

/* One record written in place around DATA, as curl lays it out: header, data, trailer. */
static BOOL send_record(struct tls_conn *conn, const SecPkgContext_StreamSizes *sizes, BYTE *record,
                        const void *data, ULONG size)
{
    SecBuffer bufs[4] = { { sizes->cbHeader, SECBUFFER_STREAM_HEADER, record },
                          { size, SECBUFFER_DATA, record + sizes->cbHeader },
                          { sizes->cbTrailer, SECBUFFER_STREAM_TRAILER, record + sizes->cbHeader + size },
                          { 0, SECBUFFER_EMPTY, NULL } };
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    SECURITY_STATUS status;

    memcpy(record + sizes->cbHeader, data, size);
    if ((status = EncryptMessage(&conn->ctx, 0, &desc, 0)) != SEC_E_OK)
        return error_set(EXIT_TLS, "EncryptMessage failed: %s", status_text(status));
    return net_send_all(conn->sock, record, bufs[0].cbBuffer + bufs[1].cbBuffer + bufs[2].cbBuffer);
}

BOOL tls_send(struct tls_conn *conn, const void *data, SIZE_T size)
{
    SecPkgContext_StreamSizes sizes;
    SECURITY_STATUS status;
    BYTE *record;
    SIZE_T chunk;
    BOOL sent = TRUE;

    if ((status = QueryContextAttributesA(&conn->ctx, SECPKG_ATTR_STREAM_SIZES, &sizes)) != SEC_E_OK)
        return error_set(EXIT_TLS, "STREAM_SIZES: %s", status_text(status));
    if (!(record = HeapAlloc(GetProcessHeap(), 0, sizes.cbHeader + sizes.cbMaximumMessage + sizes.cbTrailer)))
        return error_set(EXIT_TLS, "out of memory");
    for (; size && sent; data = (const char *)data + chunk, size -= chunk)
    {
        chunk = min(size, sizes.cbMaximumMessage);
        sent = send_record(conn, &sizes, record, data, chunk);
    }
    HeapFree(GetProcessHeap(), 0, record);
    return sent;
}

/* DecryptMessage as curl calls it: [DATA, EMPTY, EMPTY, EMPTY]; keeps what follows the record. */
static SECURITY_STATUS decrypt(struct tls_conn *conn, char *out, SIZE_T capacity, SIZE_T *size)
{
    SecBuffer bufs[4] = { { conn->in_size, SECBUFFER_DATA, conn->in } };
    SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
    SECURITY_STATUS status = DecryptMessage(&conn->ctx, &desc, 0, NULL);
    SIZE_T extra, copied;

    if (status != SEC_E_OK && status != SEC_I_RENEGOTIATE && status != SEC_I_CONTEXT_EXPIRED) return status;
    if (status == SEC_E_OK && bufs[1].BufferType == SECBUFFER_DATA)
    {
        copied = min(bufs[1].cbBuffer, capacity - *size);
        memcpy(out + *size, bufs[1].pvBuffer, copied);
        *size += copied;
    }
    extra = bufs[3].BufferType == SECBUFFER_EXTRA ? bufs[3].cbBuffer : 0;
    memmove(conn->in, conn->in + conn->in_size - extra, extra);
    conn->in_size = extra;
    return status;
}

BOOL tls_receive(struct tls_conn *conn, char *out, SIZE_T capacity, SIZE_T *size, BOOL *closed)
{
    SIZE_T before = *size;
    SECURITY_STATUS status;
    int n;

    *closed = FALSE;
    for (;;)
    {
        status = conn->in_size ? decrypt(conn, out, capacity, size) : SEC_E_INCOMPLETE_MESSAGE;
        if (status == SEC_E_INCOMPLETE_MESSAGE)
        {
            if (conn->in_size == sizeof(conn->in)) return error_set(EXIT_TLS, "record too long");
            n = net_receive(conn->sock, conn->in + conn->in_size, sizeof(conn->in) - conn->in_size, conn->timeout_ms);
            if (n < 0) return FALSE;
            if (!n)
            {
                conn->closed = "the peer closed the connection without close_notify";
                return *closed = TRUE;
            }
            conn->in_size += n;
            continue;
        }
        if (status == SEC_I_CONTEXT_EXPIRED)
        {
            conn->closed = "close_notify received";
            return *closed = TRUE;
        }
        /* A TLS 1.3 ticket or key update, or a TLS 1.2 renegotiation: handshake steps over what is
         * left, as curl does, then read on.  Once our close_notify is out there is no handshake to
         * step: the package answers SEC_E_INCOMPLETE_MESSAGE, so the record is only read past. */
        if (status == SEC_I_RENEGOTIATE && !conn->closing && !tls_handshake_loop(conn, TRUE)) return FALSE;
        if (status != SEC_E_OK && status != SEC_I_RENEGOTIATE)
            return error_set(EXIT_TLS, "DecryptMessage failed: %s", status_text(status));
        if (*size > before || (status == SEC_E_OK && *size == capacity)) return TRUE;
    }
}

BOOL tls_shutdown(struct tls_conn *conn)
{
    DWORD type = SCHANNEL_SHUTDOWN;
    SecBuffer buf = { sizeof(type), SECBUFFER_TOKEN, &type };
    SecBufferDesc desc = { SECBUFFER_VERSION, 1, &buf };
    SECURITY_STATUS status;
    char ignored[256];
    SIZE_T size = 0;
    BOOL closed = FALSE;

    if ((status = ApplyControlToken(&conn->ctx, &desc)) != SEC_E_OK)
        return error_set(EXIT_TLS, "ApplyControlToken(SCHANNEL_SHUTDOWN) failed: %s", status_text(status));
    status = tls_step(conn, FALSE);
    if (status != SEC_E_OK && status != SEC_I_CONTEXT_EXPIRED)
        return error_set(EXIT_TLS, "close_notify step failed: %s", status_text(status));
    shutdown(conn->sock, SD_SEND);
    conn->closing = TRUE;
    /* Then the peer's close_notify; data still coming is read and dropped. */
    while (!closed)
    {
        size = 0;
        if (!tls_receive(conn, ignored, sizeof(ignored), &size, &closed)) return FALSE;
    }
    return TRUE;
}
