/*
 * ApplyControlToken: SCHANNEL_SHUTDOWN, SCHANNEL_ALERT and SCHANNEL_SESSION, with the argument checks Windows makes
 * (see docs/windows-behaviour.md).  The token only arms the context: the next ISC/ASC call produces
 * the bytes to send.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

SECURITY_STATUS schan_apply_control_token(void *object, SecBufferDesc *input)
{
    struct schan_context *ctx = object;
    const SCHANNEL_ALERT_TOKEN *alert;
    const SCHANNEL_SESSION_TOKEN *session;
    SecBuffer *buffer;
    DWORD type;

    if (!input) return SEC_E_INTERNAL_ERROR;
    if (input->cBuffers != 1 || !input->pBuffers) return SEC_E_INVALID_TOKEN;
    buffer = &input->pBuffers[0];
    if ((buffer->BufferType & ~SECBUFFER_ATTRMASK) != SECBUFFER_TOKEN) return SEC_E_INVALID_TOKEN;
    if (buffer->cbBuffer < sizeof(DWORD) || !buffer->pvBuffer) return SEC_E_UNSUPPORTED_FUNCTION;
    type = *(const DWORD *)buffer->pvBuffer;
    TRACE("%p: token %lu (%lu bytes)\n", ctx, type, buffer->cbBuffer);

    switch (type)
    {
    case SCHANNEL_SHUTDOWN:
        ctx->shutdown_pending = TRUE;
        return SEC_E_OK;
    case SCHANNEL_ALERT:
        if (buffer->cbBuffer < sizeof(*alert)) return SEC_E_INVALID_TOKEN;
        alert = buffer->pvBuffer;
        if (alert->dwAlertType != TLS1_ALERT_WARNING && alert->dwAlertType != TLS1_ALERT_FATAL) return SEC_E_INVALID_TOKEN;
        if (alert->dwAlertNumber > 0xff) return SEC_E_INVALID_TOKEN;
        ctx->alert_pending = (alert->dwAlertType == TLS1_ALERT_FATAL) << 8 | alert->dwAlertNumber;
        return SEC_E_OK;
    case SCHANNEL_SESSION:
        if (buffer->cbBuffer < sizeof(*session)) return SEC_E_INVALID_TOKEN;
        session = buffer->pvBuffer;
        return schan_session_control(ctx, session->dwFlags);
    default:
        FIXME("token type %lu not supported\n", type);
        return SEC_E_UNSUPPORTED_FUNCTION;
    }
}
