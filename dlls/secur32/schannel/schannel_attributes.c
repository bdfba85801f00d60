/*
 * QueryContextAttributes for Schannel contexts.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

static ALG_ID cipher_alg(const struct tls_info *info)
{
    if (!strncmp(info->cipher_name, "AES-128", 7)) return CALG_AES_128;
    if (!strncmp(info->cipher_name, "AES-256", 7)) return CALG_AES_256;
    if (!strncmp(info->cipher_name, "3DES", 4)) return CALG_3DES;
    return 0;
}

static ALG_ID hash_alg(const struct tls_info *info)
{
    if (!strcmp(info->mac_name, "SHA1")) return CALG_SHA1;
    if (!strcmp(info->mac_name, "SHA256")) return CALG_SHA_256;
    if (!strcmp(info->mac_name, "SHA384")) return CALG_SHA_384;
    return 0;
}

static ALG_ID exchange_alg(const struct tls_info *info)
{
    if (!strncmp(info->kx_name, "ECDHE", 5)) return CALG_ECDH_EPHEM;
    if (!strncmp(info->kx_name, "DHE", 3)) return CALG_DH_EPHEM;
    if (!strcmp(info->kx_name, "RSA")) return CALG_RSA_KEYX;
    return 0;
}

SECURITY_STATUS schan_query_context_attributes(void *object, ULONG attr, void *buffer, BOOL unicode)
{
    struct schan_context *ctx = object;
    const struct tls_info *info = &ctx->info;

    TRACE("%p: attribute %#lx\n", ctx, attr);
    if (attr == SECPKG_ATTR_NEGOTIATION_INFO) return SEC_E_UNSUPPORTED_FUNCTION;   /* as Windows */
    if (!buffer) return SEC_E_INVALID_PARAMETER;
    if (ctx->state != SCHAN_CONNECTED && ctx->state != SCHAN_CLOSED)
    {
        WARN("handshake not finished\n");
        return SEC_E_INVALID_HANDLE;
    }

    switch (attr)
    {
    case SECPKG_ATTR_STREAM_SIZES:
    {
        SecPkgContext_StreamSizes *sizes = buffer;
        sizes->cbHeader = info->header_size;
        sizes->cbTrailer = info->trailer_size;
        sizes->cbMaximumMessage = info->max_message;
        sizes->cBuffers = 4;
        sizes->cbBlockSize = info->block_size;
        return SEC_E_OK;
    }
    case SECPKG_ATTR_CONNECTION_INFO:
    {
        SecPkgContext_ConnectionInfo *conn = buffer;
        conn->dwProtocol = info->protocol;
        conn->aiCipher = cipher_alg(info);
        conn->dwCipherStrength = info->cipher_bits;
        conn->aiHash = hash_alg(info);
        conn->dwHashStrength = info->mac_bits;
        conn->aiExch = exchange_alg(info);
        conn->dwExchStrength = info->kx_bits;
        return SEC_E_OK;
    }
    case SECPKG_ATTR_APPLICATION_PROTOCOL:
    {
        SecPkgContext_ApplicationProtocol *proto = buffer;
        struct tls_blob selected = tls_session_alpn(ctx->tls);

        memset(proto, 0, sizeof(*proto));
        if (selected.size && selected.size <= sizeof(proto->ProtocolId))
        {
            proto->ProtoNegoStatus = SecApplicationProtocolNegotiationStatus_Success;
            proto->ProtoNegoExt = SecApplicationProtocolNegotiationExt_ALPN;
            proto->ProtocolIdSize = selected.size;
            memcpy(proto->ProtocolId, selected.data, selected.size);
        }
        return SEC_E_OK;
    }
    default:
        FIXME("attribute %#lx not supported yet\n", attr);
        return SEC_E_UNSUPPORTED_FUNCTION;
    }
}
