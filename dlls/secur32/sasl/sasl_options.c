/*
 * SaslGetContextOption and SaslSetContextOption: the sizes, the authorization id and whether one
 * is allowed, on a context made through the SASL calls.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sasl_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sasl);

static ULONG *size_option(struct sasl_context *ctx, ULONG option)
{
    switch (option)
    {
    case SASL_OPTION_SEND_SIZE: return &ctx->send_size;
    case SASL_OPTION_RECV_SIZE: return &ctx->recv_size;
    case SASL_OPTION_AUTHZ_PROCESSING: return &ctx->authz_processing;
    default: return NULL;
    }
}

static SECURITY_STATUS get_option(struct sasl_context *ctx, ULONG option, void *value, ULONG size, ULONG *needed)
{
    const void *data;
    ULONG len;

    if (option == SASL_OPTION_AUTHZ_STRING)
    {
        if (ctx->authz_processing == Sasl_AuthZIDForbidden) return SEC_E_UNSUPPORTED_FUNCTION;
        data = ctx->authz;
        len = ctx->authz_size;
    }
    else if ((data = size_option(ctx, option))) len = sizeof(ULONG);
    else return SEC_E_UNSUPPORTED_FUNCTION;
    if (needed) *needed = len;
    if (size < len) return SEC_E_BUFFER_TOO_SMALL;
    if (len && !value) return SEC_E_INVALID_PARAMETER;
    if (len) memcpy(value, data, len);
    return SEC_E_OK;
}

static SECURITY_STATUS set_authz(struct sasl_context *ctx, const void *value, ULONG size)
{
    BYTE *copy = NULL;

    if (ctx->authz_processing == Sasl_AuthZIDForbidden) return SEC_E_UNSUPPORTED_FUNCTION;
    if (size > SASL_MAX_AUTHZ) return SEC_E_INVALID_PARAMETER;
    if (size && !value) return SEC_E_INVALID_PARAMETER;
    if (size && !(copy = sspi_alloc(size))) return SEC_E_INSUFFICIENT_MEMORY;
    if (size) memcpy(copy, value, size);
    sspi_free(ctx->authz);
    ctx->authz = copy;
    ctx->authz_size = size;
    return SEC_E_OK;
}

static SECURITY_STATUS set_option(struct sasl_context *ctx, ULONG option, const void *value, ULONG size)
{
    ULONG *field, number;

    if (option == SASL_OPTION_AUTHZ_STRING) return set_authz(ctx, value, size);
    if (!(field = size_option(ctx, option))) return SEC_E_UNSUPPORTED_FUNCTION;
    if (size < sizeof(ULONG)) return SEC_E_BUFFER_TOO_SMALL;
    if (!value) return SEC_E_INVALID_PARAMETER;
    memcpy(&number, value, sizeof(number));
    if (option == SASL_OPTION_AUTHZ_PROCESSING && number != Sasl_AuthZIDForbidden && number != Sasl_AuthZIDProcessed)
        return SEC_E_INVALID_PARAMETER;
    /* The sizes travel in 24 bits. */
    if (option != SASL_OPTION_AUTHZ_PROCESSING && number > 0xffffff) return SEC_E_INVALID_PARAMETER;
    *field = number;
    return SEC_E_OK;
}

SECURITY_STATUS WINAPI SaslGetContextOption(CtxtHandle *handle, ULONG option, void *value, ULONG size, ULONG *needed)
{
    struct sasl_context *ctx;
    SECURITY_STATUS status;

    TRACE("%p %lu %p %lu %p\n", handle, option, value, size, needed);
    if (!(ctx = sasl_context_get(handle))) return SEC_E_INVALID_HANDLE;
    status = get_option(ctx, option, value, size, needed);
    sasl_context_put(ctx);
    return status;
}

SECURITY_STATUS WINAPI SaslSetContextOption(CtxtHandle *handle, ULONG option, void *value, ULONG size)
{
    struct sasl_context *ctx;
    SECURITY_STATUS status;

    TRACE("%p %lu %p %lu\n", handle, option, value, size);
    if (!(ctx = sasl_context_get(handle))) return SEC_E_INVALID_HANDLE;
    status = set_option(ctx, option, value, size);
    sasl_context_put(ctx);
    return status;
}
