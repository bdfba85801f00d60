/*
 * EncryptMessage and DecryptMessage with Windows' stream buffers: [STREAM_HEADER, DATA,
 * STREAM_TRAILER] in place for encryption; one record per DecryptMessage call, decrypted in place
 * in the caller's DATA buffer and described in it and three EMPTY buffers as [STREAM_HEADER, DATA,
 * STREAM_TRAILER, EXTRA].
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

static BOOL contiguous(const SecBuffer *header, const SecBuffer *data, const SecBuffer *trailer)
{
    const BYTE *start = header->pvBuffer;
    return start + header->cbBuffer == (BYTE *)data->pvBuffer &&
           start + header->cbBuffer + data->cbBuffer == (BYTE *)trailer->pvBuffer;
}

/* Wine's HTTP stacks pass one buffer, [header | data | trailer], and send as many bytes from its start
 * as the three sizes add up to: what the engine held (the handshake's last flight, a KeyUpdate answer)
 * goes in front of the record there, and the three buffers then describe the bytes as written.  The
 * plaintext moves first to where nothing written before it can reach it. */
static SECURITY_STATUS encrypt_in_one_buffer(struct schan_context *ctx, SecBuffer *header, SecBuffer *data,
                                             SecBuffer *trailer)
{
    BYTE *start = header->pvBuffer, *plain;
    SIZE_T size = data->cbBuffer, total = header->cbBuffer + size + trailer->cbBuffer, written, record_start = 0;
    SIZE_T ahead = tls_session_deferred_room(ctx->tls) + ctx->info.header_size, record;
    struct tls_segment segments[3] = { { start, total, 0 } };
    enum tls_result result;

    if (!contiguous(header, data, trailer))
    {
        WARN("header, data and trailer are not one buffer\n");
        return SEC_E_INVALID_TOKEN;
    }
    if (ahead + size > total) return SEC_E_BUFFER_TOO_SMALL;
    plain = memmove(start + ahead, data->pvBuffer, size);
    if ((result = tls_encrypt(ctx->tls, plain, size, segments)) == TLS_AGAIN) return SEC_E_BUFFER_TOO_SMALL;
    if (result != TLS_DONE) return SEC_E_INTERNAL_ERROR;
    /* The data's record is the last of the records written. */
    written = segments[0].used;
    while (record_start + (record = tls_record_size(start + record_start, FALSE)) < written) record_start += record;
    header->cbBuffer = record_start + ctx->info.header_size;
    data->pvBuffer = start + header->cbBuffer;
    trailer->pvBuffer = start + header->cbBuffer + size;
    trailer->cbBuffer = written - header->cbBuffer - size;
    return SEC_E_OK;
}

/* The first STREAM_HEADER, DATA and STREAM_TRAILER buffers, in one pass (once per record). */
static BOOL find_stream_buffers(SecBufferDesc *message, SecBuffer **header, SecBuffer **data, SecBuffer **trailer)
{
    ULONG i;

    *header = *data = *trailer = NULL;
    for (i = 0; i < message->cBuffers; i++)
    {
        SecBuffer *buffer = &message->pBuffers[i], **found;

        switch (buffer->BufferType & ~SECBUFFER_ATTRMASK)
        {
        case SECBUFFER_STREAM_HEADER: found = header; break;
        case SECBUFFER_DATA: found = data; break;
        case SECBUFFER_STREAM_TRAILER: found = trailer; break;
        default: continue;
        }
        if (!*found) *found = buffer;
    }
    return *header && *data && *trailer;
}

SECURITY_STATUS schan_encrypt_message(void *object, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    struct schan_context *ctx = object;
    SecBuffer *header, *data, *trailer;
    struct tls_segment segments[3];

    if (ctx->state != SCHAN_CONNECTED) return ctx->state == SCHAN_CLOSED ? SEC_E_CONTEXT_EXPIRED : SEC_E_INVALID_HANDLE;
    if (!message || !message->pBuffers) return SEC_E_INVALID_TOKEN;
    if (!find_stream_buffers(message, &header, &data, &trailer)) return SEC_E_INVALID_TOKEN;
    if (!header->pvBuffer || !trailer->pvBuffer || (data->cbBuffer && !data->pvBuffer)) return SEC_E_INVALID_TOKEN;
    if (data->cbBuffer > ctx->info.max_message) return SEC_E_INVALID_PARAMETER;
    if (header->cbBuffer < ctx->info.header_size || trailer->cbBuffer < ctx->info.trailer_size)
        return SEC_E_BUFFER_TOO_SMALL;

    if (ctx->wine_http) return encrypt_in_one_buffer(ctx, header, data, trailer);

    /* The record is written straight into the caller's buffers: the ciphertext of the data lands
     * where its plaintext was.  Buffers that are one block with a header of exactly the header's
     * size (curl's and .NET's) have the record sealed in place; otherwise GnuTLS's record is split
     * over the three. */
    memset(segments, 0, sizeof(segments));
    segments[0].data = header->pvBuffer;
    segments[0].capacity = ctx->info.header_size;
    if (header->cbBuffer == ctx->info.header_size && contiguous(header, data, trailer))
        segments[0].capacity += data->cbBuffer + trailer->cbBuffer;
    else
    {
        segments[1].data = data->pvBuffer;
        segments[1].capacity = data->cbBuffer;
        segments[2].data = trailer->pvBuffer;
        segments[2].capacity = trailer->cbBuffer;
    }
    if (tls_encrypt(ctx->tls, data->pvBuffer, data->cbBuffer, segments) != TLS_DONE) return SEC_E_INTERNAL_ERROR;
    header->cbBuffer = ctx->info.header_size;
    trailer->cbBuffer = segments[0].used + segments[1].used + segments[2].used - header->cbBuffer - data->cbBuffer;
    return SEC_E_OK;
}

/* Where DecryptMessage puts what it finds: the caller passes exactly one DATA buffer and three
 * EMPTY ones, as Microsoft documents, in any order (Wine's builtin takes them anywhere too; more
 * buffers are left alone).  The DATA buffer becomes the STREAM_HEADER; the first EMPTY one gets
 * the plaintext, the second the STREAM_TRAILER, the third EXTRA: [DATA, EMPTY, EMPTY, EMPTY] comes
 * back as [STREAM_HEADER, DATA, STREAM_TRAILER, EXTRA], as curl reads it. */
struct decrypt_layout
{
    SecBuffer *data;
    SecBuffer *empty[3];
};

/* One pass over the array, before anything is consumed. */
static BOOL find_layout(SecBufferDesc *message, struct decrypt_layout *layout)
{
    unsigned empties = 0;
    ULONG i;

    layout->data = NULL;
    for (i = 0; i < message->cBuffers; i++)
    {
        SecBuffer *buffer = &message->pBuffers[i];

        switch (buffer->BufferType & ~SECBUFFER_ATTRMASK)
        {
        case SECBUFFER_DATA:
            if (layout->data) return FALSE;
            layout->data = buffer;
            break;
        case SECBUFFER_EMPTY:
            if (empties < ARRAYSIZE(layout->empty)) layout->empty[empties++] = buffer;
            break;
        }
    }
    return layout->data && empties == ARRAYSIZE(layout->empty);
}

static void set_buffer(SecBuffer *buffer, ULONG type, BYTE *data, SIZE_T size)
{
    buffer->BufferType = type;
    buffer->pvBuffer = data;
    buffer->cbBuffer = size;
}

/* Why a record was not decrypted.  The peer's fatal alert ends the connection as in a handshake; so
 * does a record the engine refused (it queued unexpected_message, which the next ISC/ASC step hands
 * out: DecryptMessage has no buffer for it); anything else failed to decrypt or parse. */
static SECURITY_STATUS decrypt_failure(struct schan_context *ctx)
{
    switch (tls_last_error(ctx->tls))
    {
    case TLS_ERR_ALERT_RECEIVED:
        WARN("fatal alert %d received\n", tls_last_alert(ctx->tls));
        ctx->state = SCHAN_CLOSED;
        return schan_alert_status(tls_last_alert(ctx->tls));
    case TLS_ERR_UNEXPECTED_RECORD:
        WARN("unexpected record, connection ended\n");
        ctx->state = SCHAN_CLOSED;
        /* Microsoft's table pairs unexpected_message with this status. */
        return SEC_E_ILLEGAL_MESSAGE;
    default:
        WARN("record rejected\n");
        return SEC_E_DECRYPT_FAILURE;
    }
}

SECURITY_STATUS schan_decrypt_message(void *object, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    struct schan_context *ctx = object;
    struct decrypt_layout layout;
    SecBuffer *data;
    SIZE_T total, missing, record, header, plain_size = 0;
    enum tls_result result;
    BYTE *bytes;

    /* After our own close_notify the peer's last records, and its close_notify, still arrive. */
    if (ctx->state != SCHAN_CONNECTED && !(ctx->state == SCHAN_CLOSED && ctx->info.protocol))
        return ctx->state == SCHAN_CLOSED ? SEC_E_CONTEXT_EXPIRED : SEC_E_INVALID_HANDLE;
    /* A layout without room for every result is refused before anything is consumed or changed. */
    if (!message || !message->pBuffers || !find_layout(message, &layout)) return SEC_E_INVALID_TOKEN;
    data = layout.data;
    bytes = data->pvBuffer;
    total = data->cbBuffer;
    if (!bytes && total) return SEC_E_INVALID_TOKEN;

    if (!(record = tls_record_first(bytes, total, &missing, ctx->datagram)))
    {
        /* Windows turns the DATA buffer itself into MISSING (Wine's conformance test); the first
         * EMPTY one says the same, for callers that look there. */
        data->BufferType = SECBUFFER_MISSING;
        data->cbBuffer = missing;
        set_buffer(layout.empty[0], SECBUFFER_MISSING, NULL, missing);
        return SEC_E_INCOMPLETE_MESSAGE;
    }
    header = min(ctx->info.header_size, record);
    if ((result = tls_decrypt(ctx->tls, bytes, record, bytes + header, &plain_size)) == TLS_FAILED)
        return decrypt_failure(ctx);

    set_buffer(data, SECBUFFER_STREAM_HEADER, bytes, header);
    set_buffer(layout.empty[0], SECBUFFER_DATA, bytes + header, plain_size);
    set_buffer(layout.empty[1], SECBUFFER_STREAM_TRAILER, bytes + header + plain_size, record - header - plain_size);
    if (total > record) set_buffer(layout.empty[2], SECBUFFER_EXTRA, bytes + record, total - record);

    switch (result)
    {
    case TLS_CLOSED:
        TRACE("close_notify received\n");
        return SEC_I_CONTEXT_EXPIRED;
    /* A TLS 1.2 renegotiation: the caller's next ISC/ASC steps run a new handshake.  Wine's HTTP
     * stacks cannot run one: a client may ignore a HelloRequest (RFC 5246 7.4.1.1), so theirs does. */
    case TLS_RENEGOTIATE:
        if (ctx->wine_http)
        {
            TRACE("renegotiation request ignored\n");
            return SEC_E_OK;
        }
        ctx->state = SCHAN_HANDSHAKE;
        ctx->step_without_input = TRUE;
        return SEC_I_RENEGOTIATE;
    /* A record without application data (a TLS 1.3 ticket, a renegotiation request): Windows'
     * convention is SEC_I_RENEGOTIATE, after which the caller steps the handshake once more.  Wine's
     * HTTP stacks read on after SEC_E_OK with no data; the engine has processed the record already. */
    case TLS_NO_DATA: return ctx->wine_http ? SEC_E_OK : SEC_I_RENEGOTIATE;
    default: return SEC_E_OK;
    }
}
