/*
 * SecBuffer handling shared by the handshake and message calls.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_private.h"

SecBuffer *schan_find_buffer(SecBufferDesc *desc, ULONG type)
{
    ULONG i;

    if (!desc || !desc->pBuffers) return NULL;
    for (i = 0; i < desc->cBuffers; i++)
        if ((desc->pBuffers[i].BufferType & ~SECBUFFER_ATTRMASK) == type) return &desc->pBuffers[i];
    return NULL;
}

/* The output token: the first TOKEN buffer, else the first EMPTY one (curl's first call). */
static SecBuffer *output_token(SecBufferDesc *output)
{
    SecBuffer *buffer = schan_find_buffer(output, SECBUFFER_TOKEN);
    return buffer ? buffer : schan_find_buffer(output, SECBUFFER_EMPTY);
}

BOOL schan_has_token_buffer(SecBufferDesc *output)
{
    return output_token(output) != NULL;
}

SECURITY_STATUS schan_write_token(SecBufferDesc *output, const BYTE *data, SIZE_T size, BOOL allocate)
{
    SecBuffer *token = output_token(output);

    if (!token) return size ? SEC_E_INVALID_TOKEN : SEC_E_OK;
    token->BufferType = SECBUFFER_TOKEN;
    /* A token buffer without memory is allocated, asked for or not, as Windows does. */
    if (allocate || !token->pvBuffer)
    {
        token->pvBuffer = NULL;
        token->cbBuffer = 0;
        if (!size) return SEC_E_OK;
        if (!(token->pvBuffer = sspi_alloc(size))) return SEC_E_INSUFFICIENT_MEMORY;
    }
    else if (token->cbBuffer < size)
        return SEC_E_INSUFFICIENT_MEMORY;
    memcpy(token->pvBuffer, data, size);
    token->cbBuffer = size;
    return SEC_E_OK;
}

/* The input buffer that reports what a step left over (EXTRA) or still needs (MISSING): the first
 * EMPTY one, the second of the [TOKEN, EMPTY] that Microsoft documents and curl and .NET pass. */
static SecBuffer *report_buffer(SecBufferDesc *input)
{
    return schan_find_buffer(input, SECBUFFER_EMPTY);
}

BOOL schan_input_valid(SecBufferDesc *input)
{
    ULONG i;

    if (!input || !input->pBuffers) return TRUE;
    for (i = 0; i < input->cBuffers; i++)
        if ((input->pBuffers[i].BufferType & ~SECBUFFER_ATTRMASK) == SECBUFFER_EMPTY && input->pBuffers[i].cbBuffer)
            return FALSE;
    return TRUE;
}

BOOL schan_can_report(SecBufferDesc *input)
{
    return report_buffer(input) != NULL;
}

void schan_set_extra(SecBufferDesc *input, SIZE_T extra)
{
    SecBuffer *buffer = report_buffer(input);

    if (!buffer || !extra) return;
    buffer->BufferType = SECBUFFER_EXTRA;
    buffer->cbBuffer = extra;
}

void schan_set_missing(SecBufferDesc *input, SIZE_T missing)
{
    SecBuffer *buffer = report_buffer(input);

    if (!buffer) return;
    buffer->BufferType = SECBUFFER_MISSING;
    buffer->cbBuffer = missing;
}
