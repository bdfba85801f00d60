/*
 * RFC 4752's security-layer exchange (the GSSAPI profile), after the package's login: the server
 * wraps { layers it offers, the most it receives } without encryption, the client unwraps it and
 * answers { the layer it chose, the most it receives, its authorization id }, wrapped the same way.
 * Integrity and confidentiality layers are offered only where the context has them.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sasl_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sasl);

#define LAYER_HEADER 4          /* the layer byte, then a 24-bit size in network order */
/* More than an RFC 4121 wrap token with AES takes even when sealed: a 16-byte header, a 16-byte
 * confounder, the header's encrypted copy and a checksum of at most 24 bytes. */
#define WRAP_TOKEN_ROOM 128

/* A wrapped message as it goes on the wire: the package's token, the data, its padding. */
static SECURITY_STATUS wrap(struct sasl_context *ctx, const BYTE *data, ULONG len, SecBufferDesc *output,
                            BOOL allocate)
{
    SecPkgContext_Sizes sizes;
    SecBuffer buffers[3];
    SecBufferDesc desc = { SECBUFFER_VERSION, 3, buffers };
    SECURITY_STATUS status;
    BYTE *blob;

    if ((status = QueryContextAttributesW(&ctx->handle, SECPKG_ATTR_SIZES, &sizes))) return status;
    /* Wine's kerberos.dll reports the RC4 token's trailer (49 bytes), too small for an AES one
     * (docs/windows-behaviour.md); a bigger token buffer is always allowed. */
    if (sizes.cbSecurityTrailer < WRAP_TOKEN_ROOM) sizes.cbSecurityTrailer = WRAP_TOKEN_ROOM;
    /* A package with a block size of 1 pads nothing (Wine's kerberos.dll leaves a padding buffer as it was). */
    if (sizes.cbBlockSize <= 1)
    {
        sizes.cbBlockSize = 0;
        desc.cBuffers = 2;
    }
    if (!(blob = sspi_alloc(sizes.cbSecurityTrailer + len + sizes.cbBlockSize))) return SEC_E_INSUFFICIENT_MEMORY;
    buffers[0].BufferType = SECBUFFER_TOKEN;
    buffers[0].cbBuffer = sizes.cbSecurityTrailer;
    buffers[0].pvBuffer = blob;
    buffers[1].BufferType = SECBUFFER_DATA;
    buffers[1].cbBuffer = len;
    buffers[1].pvBuffer = blob + sizes.cbSecurityTrailer;
    memcpy(buffers[1].pvBuffer, data, len);
    buffers[2].BufferType = SECBUFFER_PADDING;
    buffers[2].cbBuffer = sizes.cbBlockSize;
    buffers[2].pvBuffer = blob + sizes.cbSecurityTrailer + len;
    status = EncryptMessage(&ctx->handle, SECQOP_WRAP_NO_ENCRYPT, &desc, 0);
    if (status == SEC_E_OK)
    {
        /* Closed up: the token may be shorter than the room it had. */
        memmove(blob + buffers[0].cbBuffer, buffers[1].pvBuffer, len);
        if (desc.cBuffers == 2) buffers[2].cbBuffer = 0;
        memmove(blob + buffers[0].cbBuffer + len, buffers[2].pvBuffer, buffers[2].cbBuffer);
        ctx->wrap_token_size = buffers[0].cbBuffer;
        status = lsa_put_token(output, allocate, blob, buffers[0].cbBuffer + len + buffers[2].cbBuffer);
    }
    SecureZeroMemory(blob, sizes.cbSecurityTrailer + len + sizes.cbBlockSize);
    sspi_free(blob);
    return status;
}

/* Unwraps INPUT's token in place: as a stream where the package takes one (Wine 8's kerberos.dll
 * does not), else split where the peer's token ends (TOKEN_SIZE bytes in). */
static SECURITY_STATUS unwrap(struct sasl_context *ctx, const SecBufferDesc *input, ULONG token_size,
                              BYTE **data, ULONG *len)
{
    const SecBuffer *token = lsa_find_token(input);
    SecBuffer buffers[2];
    SecBufferDesc desc = { SECBUFFER_VERSION, 2, buffers };
    SECURITY_STATUS status;
    ULONG qop, i;

    if (!token || !token->pvBuffer || !token->cbBuffer) return SEC_E_INVALID_TOKEN;
    buffers[0].BufferType = SECBUFFER_STREAM;
    buffers[0].cbBuffer = token->cbBuffer;
    buffers[0].pvBuffer = token->pvBuffer;
    buffers[1].BufferType = SECBUFFER_DATA;
    buffers[1].cbBuffer = 0;
    buffers[1].pvBuffer = NULL;
    status = DecryptMessage(&ctx->handle, &desc, 0, &qop);
    if ((status == SEC_E_INVALID_TOKEN || status == SEC_E_UNSUPPORTED_FUNCTION) && token_size < token->cbBuffer)
    {
        buffers[0].BufferType = SECBUFFER_TOKEN;
        buffers[0].cbBuffer = token_size;
        buffers[1].cbBuffer = token->cbBuffer - token_size;
        buffers[1].pvBuffer = (BYTE *)token->pvBuffer + token_size;
        status = DecryptMessage(&ctx->handle, &desc, 0, &qop);
    }
    if (status != SEC_E_OK) return status;
    for (i = 0; i < 2; i++)
        if (buffers[i].BufferType == SECBUFFER_DATA)
        {
            *data = buffers[i].pvBuffer;
            *len = buffers[i].cbBuffer;
            return SEC_E_OK;
        }
    return SEC_E_INVALID_TOKEN;
}

static ULONG get_size(const BYTE *msg)
{
    return (msg[1] << 16) | (msg[2] << 8) | msg[3];
}

static void put_header(BYTE *msg, BYTE layers, ULONG size)
{
    if (size > 0xffffff) size = 0xffffff;
    msg[0] = layers;
    msg[1] = size >> 16;
    msg[2] = size >> 8;
    msg[3] = size;
}

static BYTE offered_layers(const struct sasl_context *ctx)
{
    BYTE layers = SASL_LAYER_NONE;

    if (ctx->attrs & ASC_RET_INTEGRITY) layers |= SASL_LAYER_INTEGRITY;
    if (ctx->attrs & ASC_RET_CONFIDENTIALITY) layers |= SASL_LAYER_CONFIDENTIAL | SASL_LAYER_INTEGRITY;
    return layers;
}

static SECURITY_STATUS server_offer(struct sasl_context *ctx, SecBufferDesc *output, BOOL allocate)
{
    BYTE msg[LAYER_HEADER];
    SECURITY_STATUS status;

    put_header(msg, offered_layers(ctx), ctx->recv_size);
    if ((status = wrap(ctx, msg, sizeof(msg), output, allocate)) != SEC_E_OK) return status;
    ctx->phase = SASL_SERVER_CHECK;
    return SEC_I_CONTINUE_NEEDED;
}

/* The strongest layer both the offer and the client's context have. */
static BYTE choose_layer(const struct sasl_context *ctx, BYTE offered)
{
    if ((offered & SASL_LAYER_CONFIDENTIAL) && (ctx->attrs & ISC_RET_CONFIDENTIALITY)) return SASL_LAYER_CONFIDENTIAL;
    if ((offered & SASL_LAYER_INTEGRITY) && (ctx->attrs & ISC_RET_INTEGRITY)) return SASL_LAYER_INTEGRITY;
    if (offered & SASL_LAYER_NONE) return SASL_LAYER_NONE;
    return 0;
}

static SECURITY_STATUS client_choose(struct sasl_context *ctx, const SecBufferDesc *input, SecBufferDesc *output,
                                     BOOL allocate)
{
    const SecBuffer *token = lsa_find_token(input);
    BYTE msg[LAYER_HEADER + SASL_MAX_AUTHZ], *offer, layer;
    SECURITY_STATUS status;
    ULONG len;

    /* The server's offer holds 4 bytes; what is before them is its package's token. */
    if (!token || token->cbBuffer <= LAYER_HEADER) return SEC_E_INVALID_TOKEN;
    if ((status = unwrap(ctx, input, token->cbBuffer - LAYER_HEADER, &offer, &len))) return status;
    if (len != LAYER_HEADER) return SEC_E_INVALID_TOKEN;
    if (!(layer = choose_layer(ctx, offer[0]))) return SEC_E_ALGORITHM_MISMATCH;
    if (layer != SASL_LAYER_NONE && get_size(offer) && get_size(offer) < ctx->send_size)
        ctx->send_size = get_size(offer);
    put_header(msg, layer, layer == SASL_LAYER_NONE ? 0 : ctx->recv_size);
    if (ctx->authz_size) memcpy(msg + LAYER_HEADER, ctx->authz, ctx->authz_size);
    if ((status = wrap(ctx, msg, LAYER_HEADER + ctx->authz_size, output, allocate)) != SEC_E_OK) return status;
    ctx->phase = SASL_DONE;
    return SEC_E_OK;
}

static SECURITY_STATUS server_check(struct sasl_context *ctx, const SecBufferDesc *input, SecBufferDesc *output,
                                    BOOL allocate)
{
    SECURITY_STATUS status;
    BYTE *answer, layer;
    ULONG len;

    if ((status = unwrap(ctx, input, ctx->wrap_token_size, &answer, &len))) return status;
    if (len < LAYER_HEADER || len > LAYER_HEADER + SASL_MAX_AUTHZ) return SEC_E_INVALID_TOKEN;
    layer = answer[0];
    /* Exactly one of the layers offered. */
    if (!layer || (layer & (layer - 1)) || !(layer & offered_layers(ctx))) return SEC_E_ALGORITHM_MISMATCH;
    if (len > LAYER_HEADER && ctx->authz_processing == Sasl_AuthZIDForbidden) return SEC_E_LOGON_DENIED;
    sspi_free(ctx->authz);
    ctx->authz = NULL;
    ctx->authz_size = len - LAYER_HEADER;
    if (ctx->authz_size && !(ctx->authz = sspi_alloc(ctx->authz_size))) return SEC_E_INSUFFICIENT_MEMORY;
    memcpy(ctx->authz, answer + LAYER_HEADER, ctx->authz_size);
    if (layer != SASL_LAYER_NONE && get_size(answer) && get_size(answer) < ctx->send_size)
        ctx->send_size = get_size(answer);
    ctx->phase = SASL_DONE;
    return lsa_put_token(output, allocate, NULL, 0);
}

SECURITY_STATUS sasl_layer_step(struct sasl_context *ctx, const SecBufferDesc *input,
                                SecBufferDesc *output, BOOL allocate)
{
    TRACE("phase %u\n", ctx->phase);
    switch (ctx->phase)
    {
    case SASL_SERVER_OFFER: return server_offer(ctx, output, allocate);
    case SASL_SERVER_CHECK: return server_check(ctx, input, output, allocate);
    case SASL_CLIENT_CHOOSE: return client_choose(ctx, input, output, allocate);
    default: return SEC_E_OK;
    }
}
