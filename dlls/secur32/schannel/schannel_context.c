/*
 * Schannel contexts: InitializeSecurityContext and AcceptSecurityContext steps, with Windows'
 * buffer conventions (TOKEN in and out, EXTRA and MISSING in the second input buffer, ALERT out),
 * and the close_notify or alert that a control token asked for.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

/* The request flags Schannel honours and echoes back; ISC_RET_* and ASC_RET_* use the same bits
 * for these, so the returned attributes are the requested ones it supports (curl insists).  A
 * client's also carry ISC_ALWAYS, asked for or not, as Windows' do (DTLS ones too); a client call
 * refused for want of output room reports ISC_BASIC. */
#define ISC_HONOURED (ISC_REQ_MUTUAL_AUTH | ISC_REQ_REPLAY_DETECT | ISC_REQ_SEQUENCE_DETECT | \
                      ISC_REQ_CONFIDENTIALITY | ISC_REQ_USE_SUPPLIED_CREDS | ISC_REQ_ALLOCATE_MEMORY | \
                      ISC_REQ_CONNECTION | ISC_REQ_EXTENDED_ERROR | ISC_REQ_STREAM | ISC_REQ_INTEGRITY | \
                      ISC_REQ_MANUAL_CRED_VALIDATION | ISC_REQ_DATAGRAM)
#define ASC_HONOURED (ASC_REQ_MUTUAL_AUTH | ASC_REQ_REPLAY_DETECT | ASC_REQ_SEQUENCE_DETECT | \
                      ASC_REQ_CONFIDENTIALITY | ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_CONNECTION | \
                      ASC_REQ_EXTENDED_ERROR | ASC_REQ_STREAM | ASC_REQ_INTEGRITY | ASC_REQ_DATAGRAM)
#define ISC_BASIC (ISC_RET_REPLAY_DETECT | ISC_RET_SEQUENCE_DETECT | ISC_RET_CONFIDENTIALITY)
#define ISC_ALWAYS (ISC_BASIC | ISC_RET_STREAM)

/* The path MTU a DTLS context starts with (our choice; SECBUFFER_DTLS_MTU or SECPKG_ATTR_DTLS_MTU
 * change it). */
#define DEFAULT_DTLS_MTU 1096

static BOOL allocates(const struct schan_context *ctx)
{
    return ctx->req & (ctx->server ? ASC_REQ_ALLOCATE_MEMORY : ISC_REQ_ALLOCATE_MEMORY);
}

static ULONG returned_attrs(const struct schan_context *ctx)
{
    return ctx->server ? ctx->req & ASC_HONOURED : ISC_ALWAYS | (ctx->req & ISC_HONOURED);
}

static SECURITY_STATUS status_of(struct tls_session *tls)
{
    switch (tls_last_error(tls))
    {
    case TLS_ERR_ALERT_RECEIVED: return schan_alert_status(tls_last_alert(tls));
    case TLS_ERR_MEMORY: return SEC_E_INSUFFICIENT_MEMORY;
    case TLS_ERR_DECRYPT: return SEC_E_DECRYPT_FAILURE;
    case TLS_ERR_NO_COMMON_ALG: return SEC_E_ALGORITHM_MISMATCH;
    case TLS_ERR_CERTIFICATE: return SEC_E_CERT_UNKNOWN;
    case TLS_ERR_INTERNAL: return SEC_E_INTERNAL_ERROR;
    default: return SEC_E_ILLEGAL_MESSAGE;
    }
}

/* SECBUFFER_APPLICATION_PROTOCOLS: lists per extension; ALPN's is what GnuTLS negotiates. */
static BOOL set_alpn(struct tls_session *tls, SecBufferDesc *input)
{
    SecBuffer *buffer = schan_find_buffer(input, SECBUFFER_APPLICATION_PROTOCOLS);
    const SEC_APPLICATION_PROTOCOLS *protocols;
    const SEC_APPLICATION_PROTOCOL_LIST *list;
    const BYTE *pos, *end;

    if (!buffer) return TRUE;
    if (!buffer->pvBuffer || buffer->cbBuffer < sizeof(ULONG)) return FALSE;
    protocols = buffer->pvBuffer;
    pos = (const BYTE *)protocols->ProtocolLists;
    end = pos + min(protocols->ProtocolListsSize, buffer->cbBuffer - sizeof(ULONG));
    while (pos + FIELD_OFFSET(SEC_APPLICATION_PROTOCOL_LIST, ProtocolList) <= end)
    {
        list = (const SEC_APPLICATION_PROTOCOL_LIST *)pos;
        pos += FIELD_OFFSET(SEC_APPLICATION_PROTOCOL_LIST, ProtocolList) + list->ProtocolListSize;
        if (pos > end) return FALSE;
        if (list->ProtoNegoExt == SecApplicationProtocolNegotiationExt_ALPN)
            return tls_session_set_alpn(tls, list->ProtocolList, list->ProtocolListSize);
    }
    return TRUE;
}

/* Wine's own HTTP stacks send a handshake token only with SEC_I_CONTINUE_NEEDED and know no
 * SEC_I_RENEGOTIATE; their contexts keep Windows' semantics where those loops can follow them and
 * differ where they cannot (docs/wine-callers.md). */
static BOOL is_wine_http(const struct sspi_caller *caller)
{
    return caller && caller->wine_builtin &&
           (!lstrcmpiW(caller->module, L"winhttp.dll") || !lstrcmpiW(caller->module, L"wininet.dll"));
}

static SECURITY_STATUS create_context(struct schan_credentials *creds, BOOL server, const WCHAR *target,
                                      ULONG req, SecBufferDesc *input, const struct sspi_caller *caller,
                                      struct schan_context **out)
{
    struct schan_context *ctx;
    SECURITY_STATUS status;
    char name[256] = "";

    if (!server && target && !WideCharToMultiByte(CP_UTF8, 0, target, -1, name, sizeof(name), NULL, NULL))
        name[0] = 0;
    if (!(ctx = sspi_alloc(sizeof(*ctx)))) return SEC_E_INSUFFICIENT_MEMORY;
    ctx->datagram = !!(req & (server ? ASC_REQ_DATAGRAM : ISC_REQ_DATAGRAM));
    ctx->mtu = DEFAULT_DTLS_MTU;
    if (!(ctx->tls = tls_session_create(creds->tls, server, &creds->policy, name, ctx->datagram, ctx->mtu)))
    {
        sspi_free(ctx);
        return SEC_E_INTERNAL_ERROR;
    }
    if (!set_alpn(ctx->tls, input))
    {
        WARN("malformed application protocol list\n");
        tls_session_free(ctx->tls);
        sspi_free(ctx);
        return SEC_E_INVALID_TOKEN;
    }
    if ((ctx->wine_http = !server && is_wine_http(caller)))
    {
        TRACE("client of Wine's %s: the last flight and KeyUpdate answers go with the next record\n",
              dbgstr_w(caller->module));
        tls_session_defer(ctx->tls);
    }
    /* ASC_REQ_MUTUAL_AUTH asks the client for a certificate; it may send none. */
    if (server && req & ASC_REQ_MUTUAL_AUTH) tls_session_request_certificate(ctx->tls);
    /* Wine's HTTP stacks know no SEC_I_INCOMPLETE_CREDENTIALS: a server that asks for a certificate
     * gets none from them, as from Wine's builtin Schannel. */
    if (!server && !creds->cert && !ctx->wine_http && !tls_session_wait_for_certificate(ctx->tls))
    {
        tls_session_free(ctx->tls);
        sspi_free(ctx);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    schan_credentials_addref(creds);
    ctx->creds = creds;
    ctx->server = server;
    ctx->req = req;
    ctx->alert_pending = -1;
    ctx->step_without_input = !server;
    if (!schan_setup_validation(ctx, target))
    {
        schan_delete_context(ctx);
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    /* A target name too long to convert is cached under no name. */
    if ((status = schan_session_setup(ctx, target && *target && !name[0] ? NULL : name)) != SEC_E_OK)
    {
        schan_delete_context(ctx);
        return status;
    }
    *out = ctx;
    return SEC_E_OK;
}

void schan_delete_context(void *object)
{
    struct schan_context *ctx = object;

    tls_session_free(ctx->tls);
    schan_client_cert_free(ctx);
    schan_session_free(ctx);
    sspi_free(ctx->export_label);
    sspi_free(ctx->export_context);
    sspi_free(ctx->target);
    schan_credentials_release(ctx->creds);
    sspi_free(ctx);
}

/* A pending SCHANNEL_SHUTDOWN or SCHANNEL_ALERT token turns the next step into sending it. */
static SECURITY_STATUS send_pending_close(struct schan_context *ctx, SecBufferDesc *output)
{
    struct tls_output out = { 0 };
    SECURITY_STATUS status;
    BOOL ok;

    if (ctx->alert_pending >= 0)
        ok = tls_send_alert(ctx->tls, ctx->alert_pending >> 8, ctx->alert_pending & 0xff, &out);
    else
        ok = tls_close(ctx->tls, &out);
    ctx->shutdown_pending = FALSE;
    ctx->alert_pending = -1;
    ctx->state = SCHAN_CLOSED;
    status = ok ? schan_write_token(output, out.data, out.size, allocates(ctx)) : SEC_E_INTERNAL_ERROR;
    tls_output_free(&out);
    return status;
}

/* Where a failed handshake's alert goes: an ALERT buffer if the caller gave one (of ROOM bytes),
 * else the token when extended errors were asked for. */
static void write_alert(struct schan_context *ctx, SecBufferDesc *output, ULONG room, const struct tls_output *out)
{
    SecBuffer *alert = schan_find_buffer(output, SECBUFFER_ALERT);

    if (!out->size) return;
    if (alert && allocates(ctx))
    {
        if (!(alert->pvBuffer = sspi_alloc(out->size))) return;
        memcpy(alert->pvBuffer, out->data, out->size);
        alert->cbBuffer = out->size;
    }
    else if (alert && alert->pvBuffer && room >= out->size)
    {
        memcpy(alert->pvBuffer, out->data, out->size);
        alert->cbBuffer = out->size;
    }
    else if (ctx->req & (ctx->server ? ASC_REQ_EXTENDED_ERROR : ISC_REQ_EXTENDED_ERROR))
        schan_write_token(output, out->data, out->size, allocates(ctx));
}

/* One handshake step over the whole records of the input token. */
static SECURITY_STATUS handshake_step(struct schan_context *ctx, SecBufferDesc *input, SecBufferDesc *output,
                                      ULONG alert_room)
{
    SecBuffer *token = schan_find_buffer(input, SECBUFFER_TOKEN);
    const BYTE *data = token ? token->pvBuffer : NULL;
    SIZE_T size = token && data ? token->cbBuffer : 0, span = 0, missing = 0, consumed = 0, skip;
    struct tls_output out = { 0 };
    SECURITY_STATUS status;
    enum tls_result result;

    /* Every step needs whole records but the client's first and one after a renegotiation request,
     * which start from what the engine holds already, and a DTLS step once the handshake has begun
     * (a step without a datagram lets the engine retransmit a lost flight). */
    span = ctx->step_without_input ? 0 : tls_record_span(data, size, &missing, ctx->datagram);
    if (!span && !ctx->step_without_input && !(ctx->datagram && ctx->handshake_begun))
    {
        schan_set_missing(input, missing);
        return SEC_E_INCOMPLETE_MESSAGE;
    }
    /* Before the engine consumes anything: somewhere to put the token, and EXTRA for a partial
     * record the step will leave (the caller retries with a better layout). */
    if (!schan_has_token_buffer(output) || (span < size && !schan_can_report(input)))
    {
        WARN("no buffer for the token or for EXTRA\n");
        return SEC_E_INVALID_TOKEN;
    }
    ctx->step_without_input = FALSE;
    ctx->handshake_begun = TRUE;
    skip = schan_client_cert_resume(ctx, span, &out);
    result = tls_handshake(ctx->tls, data + skip, span - skip, &consumed, &out);
    consumed += skip;
    /* A certificate chosen from the MY store answers at once. */
    if (result == TLS_NEED_CERTIFICATE && schan_client_cert_choose(ctx))
    {
        result = tls_handshake(ctx->tls, data + consumed, span - consumed, &skip, &out);
        consumed += skip;
    }
    switch (result)
    {
    case TLS_NEED_CERTIFICATE:
        /* No token, and nothing counts as consumed: the caller calls again with the same input. */
        status = schan_client_cert_needed(ctx, consumed, &out);
        schan_write_token(output, NULL, 0, allocates(ctx));
        schan_set_extra(input, size);
        break;
    case TLS_DONE:
        /* Records after the handshake with nowhere to report them: a failure rather than a loss. */
        if (size > consumed && !schan_can_report(input))
        {
            WARN("%Iu bytes after the handshake and no buffer for EXTRA\n", size - consumed);
            ctx->state = SCHAN_FAILED;
            status = SEC_E_INVALID_TOKEN;
        }
        else if (!tls_get_info(ctx->tls, &ctx->info)) status = SEC_E_INTERNAL_ERROR;
        else
        {
            /* The held flight and a KeyUpdate answer share the first record's buffer: the trailer
             * Wine's callers make room for (STREAM_SIZES) counts them. */
            if (ctx->wine_http) ctx->info.trailer_size += tls_session_deferred_room(ctx->tls);
            ctx->state = SCHAN_CONNECTED;
            TRACE("%p: connected, version %#x, %s\n", ctx, ctx->info.wire_version, ctx->info.suite_name);
            status = schan_write_token(output, out.data, out.size, allocates(ctx));
            if (status == SEC_E_OK) schan_set_extra(input, size - consumed);
        }
        break;
    case TLS_AGAIN:
        status = schan_write_token(output, out.data, out.size, allocates(ctx));
        if (status == SEC_E_OK)
        {
            status = SEC_I_CONTINUE_NEEDED;
            schan_set_extra(input, size - consumed);
        }
        break;
    default:
        ctx->state = SCHAN_FAILED;
        write_alert(ctx, output, alert_room, &out);
        status = ctx->cert_status != SEC_E_OK ? ctx->cert_status : status_of(ctx->tls);
        break;
    }
    tls_output_free(&out);
    return status;
}

/* A step on a connected context: what DecryptMessage answered SEC_I_RENEGOTIATE for (a TLS 1.3
 * ticket, a key update) was processed already, so the step only sends what that produced (a
 * KeyUpdate of ours, when the peer asked), and every byte given to it is application data that goes
 * back to the caller as EXTRA. */
static SECURITY_STATUS connected_step(struct schan_context *ctx, SecBufferDesc *input, SecBufferDesc *output)
{
    SecBuffer *token = schan_find_buffer(input, SECBUFFER_TOKEN);
    struct tls_output out = { 0 };
    SECURITY_STATUS status;

    if (token && token->pvBuffer && token->cbBuffer && !schan_can_report(input)) return SEC_E_INVALID_TOKEN;
    if (!tls_take_pending(ctx->tls, &out)) return SEC_E_INSUFFICIENT_MEMORY;
    status = schan_write_token(output, out.data, out.size, allocates(ctx));
    tls_output_free(&out);
    if (status == SEC_E_OK && token && token->pvBuffer) schan_set_extra(input, token->cbBuffer);
    return status;
}

/* A connection that DecryptMessage ended over a record the engine refused: the next step hands out
 * the alert that says so (DecryptMessage has no buffer for it); after that, as after a shutdown,
 * there is nothing more to send. */
static SECURITY_STATUS closed_step(struct schan_context *ctx, SecBufferDesc *output)
{
    struct tls_output out = { 0 };
    SECURITY_STATUS status = SEC_E_INCOMPLETE_MESSAGE;

    if (!tls_take_pending(ctx->tls, &out)) return SEC_E_INSUFFICIENT_MEMORY;
    if (out.size) status = schan_write_token(output, out.data, out.size, allocates(ctx));
    tls_output_free(&out);
    return status;
}

/* A context expires with the certificate that authenticated the server: the peer's for a client,
 * our own for a server; until the handshake has told which, never.  The SSPI asks for local time. */
static void set_expiry(struct schan_context *ctx, TimeStamp *expiry)
{
    SecPkgContext_Lifespan span;

    if (schan_query_context_attributes(ctx, SECPKG_ATTR_LIFESPAN, &span, TRUE) == SEC_E_OK) *expiry = span.tsExpiry;
    else
    {
        expiry->LowPart = 0xffffffff;
        expiry->HighPart = 0x7fffffff;
    }
}

/* SECBUFFER_DTLS_MTU in the input of any step sets the path MTU. */
static SECURITY_STATUS apply_mtu(struct schan_context *ctx, SecBufferDesc *input)
{
    SecBuffer *buffer = schan_find_buffer(input, SECBUFFER_DTLS_MTU);
    const SEC_DTLS_MTU *mtu;

    if (!buffer) return SEC_E_OK;
    if (!ctx->datagram || !buffer->pvBuffer || buffer->cbBuffer < sizeof(*mtu)) return SEC_E_INVALID_TOKEN;
    mtu = buffer->pvBuffer;
    if (!tls_session_set_mtu(ctx->tls, mtu->PathMTU)) return SEC_E_INVALID_PARAMETER;
    ctx->mtu = mtu->PathMTU;
    return SEC_E_OK;
}

/* What a step does depends on what the context is waiting for. */
static SECURITY_STATUS dispatch_step(struct schan_context *ctx, SecBufferDesc *input, SecBufferDesc *output,
                                     ULONG alert_room)
{
    SECURITY_STATUS status;

    if ((status = apply_mtu(ctx, input)) != SEC_E_OK) return status;
    if (ctx->shutdown_pending || ctx->alert_pending >= 0) return send_pending_close(ctx, output);
    /* A step that reads no records (a client's first) does not judge their layout: Windows' client
     * starts whatever its input holds (Wine 10's schannel.c, test_connection_shutdown). */
    if (!ctx->step_without_input && !schan_input_valid(input)) return SEC_E_INVALID_TOKEN;
    switch (ctx->state)
    {
    case SCHAN_HANDSHAKE: return handshake_step(ctx, input, output, alert_room);
    case SCHAN_CONNECTED: return connected_step(ctx, input, output);
    case SCHAN_CLOSED: return closed_step(ctx, output);
    default: return SEC_E_INTERNAL_ERROR;
    }
}

/* A client's TOKEN or ALERT output buffer without room, unless the package allocates: Windows
 * refuses the call before it looks at anything else. */
static BOOL output_has_room(ULONG req, SecBufferDesc *output)
{
    ULONG i, type;

    if (req & ISC_REQ_ALLOCATE_MEMORY || !output || !output->pBuffers) return TRUE;
    for (i = 0; i < output->cBuffers; i++)
    {
        type = output->pBuffers[i].BufferType & ~SECBUFFER_ATTRMASK;
        if ((type == SECBUFFER_TOKEN || type == SECBUFFER_ALERT) && !output->pBuffers[i].cbBuffer) return FALSE;
    }
    return TRUE;
}

static SECURITY_STATUS step(struct schan_credentials *creds, void **object, BOOL server, const WCHAR *target,
                            ULONG req, SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs, TimeStamp *expiry,
                            const struct sspi_caller *caller)
{
    struct schan_context *ctx = *object;
    SecBuffer *alert = schan_find_buffer(output, SECBUFFER_ALERT);
    ULONG alert_room = alert ? alert->cbBuffer : 0;
    SECURITY_STATUS status;
    BOOL created = FALSE;

    /* No expiry is known before the context exists, nor after a failed step. */
    if (expiry) expiry->LowPart = expiry->HighPart = 0;
    if (!server && !output_has_room(req, output))
    {
        if (attrs) *attrs = ISC_BASIC;
        return SEC_E_INSUFFICIENT_MEMORY;
    }
    if (!ctx)
    {
        if (!creds) return SEC_E_INVALID_HANDLE;
        if ((creds->use == SECPKG_CRED_INBOUND) != server) return SEC_E_NO_CREDENTIALS;
        /* A server's credentials made without a certificate (our choice of when to fail: at once). */
        if (server && !creds->cert) return SEC_E_NO_CREDENTIALS;
        if ((status = create_context(creds, server, target, req, input, caller, &ctx)) != SEC_E_OK) return status;
        created = TRUE;
    }
    if (ctx->server != server) return SEC_E_INVALID_HANDLE;
    if (!created) schan_client_cert_offer(ctx, creds);

    /* The ALERT buffer holds an alert only when this step wrote one there (Windows empties it). */
    if (alert) alert->cbBuffer = 0;
    status = dispatch_step(ctx, input, output, alert_room);

    /* A first step that did not start a handshake leaves no context behind (the caller retries). */
    if (created && status != SEC_I_CONTINUE_NEEDED && status != SEC_E_OK)
    {
        schan_delete_context(ctx);
        return status;
    }
    *object = ctx;
    if (attrs) *attrs = returned_attrs(ctx);
    if (expiry && !created && !FAILED(status)) set_expiry(ctx, expiry);
    TRACE("%s context %p: status %#lx\n", server ? "server" : "client", ctx, status);
    return status;
}

SECURITY_STATUS schan_initialize_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                         SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                         TimeStamp *expiry, const struct sspi_caller *caller)
{
    return step(cred, ctx, FALSE, target, req, input, output, attrs, expiry, caller);
}

SECURITY_STATUS schan_accept_context(void *cred, void **ctx, const WCHAR *target, ULONG req,
                                     SecBufferDesc *input, SecBufferDesc *output, ULONG *attrs,
                                     TimeStamp *expiry, const struct sspi_caller *caller)
{
    return step(cred, ctx, TRUE, NULL, req, input, output, attrs, expiry, caller);
}
