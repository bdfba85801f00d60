/*
 * What a token must look like before a hosted package sees it, and how tokens go in and out.
 * Windows refuses a token that is not its package's message with SEC_E_INVALID_TOKEN; Wine's
 * msv1_0 hands anything to ntlm_auth and reports its refusal as SEC_E_INTERNAL_ERROR, so NTLM's
 * messages are recognised here.  The packages read the token from the first input buffer and
 * write the first output buffer without checking its size, so they get the token first and a
 * scratch buffer of their own, copied out here.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

/* NTLM messages: the signature, then the type (1 negotiate, 2 challenge, 3 authenticate). */
#define NTLM_HEADER_SIZE 12
/* msv1_0 passes a token to ntlm_auth base64-encoded in a 1904-byte line. */
#define NTLM_MAX_INPUT 1425

const SecBuffer *lsa_find_token(const SecBufferDesc *input)
{
    ULONG i;

    if (!input || !input->pBuffers) return NULL;
    for (i = 0; i < input->cBuffers; i++)
        if ((input->pBuffers[i].BufferType & ~SECBUFFER_ATTRMASK) == SECBUFFER_TOKEN) return &input->pBuffers[i];
    return NULL;
}

ULONG lsa_ntlm_message_type(const SecBufferDesc *input)
{
    const SecBuffer *token = lsa_find_token(input);
    const BYTE *data;

    if (!token || !token->pvBuffer || token->cbBuffer < NTLM_HEADER_SIZE) return 0;
    data = token->pvBuffer;
    if (memcmp(data, "NTLMSSP", 8)) return 0;
    return data[8] | data[9] << 8 | data[10] << 16 | (ULONG)data[11] << 24;
}

/* The fixed part of each message (MS-NLMP 2.2.1): a negotiate message's flags, a challenge's
 * target name fields, flags and server challenge, an authenticate message's six fields and flags.
 * Shorter ones go to ntlm_auth, whose refusal msv1_0 reports as SEC_E_INTERNAL_ERROR. */
static const ULONG ntlm_fixed_size[] = { 0, 16, 32, 64 };

/* The message NTLM expects: a server's first step gets type 1, its second type 3, a client's
 * second step type 2 (its first has no input). */
SECURITY_STATUS lsa_check_token(const struct lsa_package *package, BOOL server, BOOL first,
                                const SecBufferDesc *input)
{
    ULONG expected, type;

    const SecBuffer *token = lsa_find_token(input);

    if (lstrcmpW(package->info.Name, L"NTLM")) return SEC_E_OK;
    if (!server && first) return SEC_E_OK;
    if (token && token->cbBuffer > NTLM_MAX_INPUT) return SEC_E_INVALID_TOKEN;
    expected = server ? (first ? 1 : 3) : 2;
    if ((type = lsa_ntlm_message_type(input)) != expected)
    {
        WARN("NTLM message type %lu, expected %lu\n", type, expected);
        return SEC_E_INVALID_TOKEN;
    }
    if (token->cbBuffer < ntlm_fixed_size[type])
    {
        WARN("NTLM message type %lu of %lu bytes\n", type, token->cbBuffer);
        return SEC_E_INVALID_TOKEN;
    }
    return SEC_E_OK;
}

/* The caller's input with its token first; other buffers follow in their order. */
SECURITY_STATUS lsa_token_first(const SecBufferDesc *input, SecBufferDesc *desc, SecBuffer *buffers, ULONG max)
{
    const SecBuffer *token = lsa_find_token(input);
    ULONG i, n = 0;

    if (!input) return SEC_E_OK;
    if (!input->pBuffers || input->cBuffers > max) return SEC_E_INVALID_TOKEN;
    if (token) buffers[n++] = *token;
    for (i = 0; i < input->cBuffers; i++)
        if (&input->pBuffers[i] != token) buffers[n++] = input->pBuffers[i];
    desc->ulVersion = SECBUFFER_VERSION;
    desc->cBuffers = n;
    desc->pBuffers = buffers;
    return SEC_E_OK;
}

/* Whether OUTPUT can take a token at all, as Windows checks before a first step (Wine's ntlm.c):
 * no token buffer or an empty one SEC_E_BUFFER_TOO_SMALL, one without memory SEC_E_INTERNAL_ERROR. */
SECURITY_STATUS lsa_check_output(const SecBufferDesc *output, BOOL allocate)
{
    const SecBuffer *buf = lsa_find_token(output);

    if (!buf) return SEC_E_BUFFER_TOO_SMALL;
    if (allocate) return SEC_E_OK;
    if (!buf->pvBuffer) return SEC_E_INTERNAL_ERROR;
    return buf->cbBuffer ? SEC_E_OK : SEC_E_BUFFER_TOO_SMALL;
}

/* Puts a step's token into the caller's token buffer, or into one allocated for it. */
SECURITY_STATUS lsa_put_token(SecBufferDesc *output, BOOL allocate, const BYTE *data, ULONG len)
{
    SecBuffer *buf = (SecBuffer *)lsa_find_token(output);

    if (!len && !buf) return SEC_E_OK;
    if (len && lsa_check_output(output, allocate)) return lsa_check_output(output, allocate);
    if (allocate)
    {
        buf->pvBuffer = NULL;
        if (len && !(buf->pvBuffer = sspi_alloc(len))) return SEC_E_INSUFFICIENT_MEMORY;
    }
    else if (buf->cbBuffer < len) return SEC_E_BUFFER_TOO_SMALL;
    if (len) memcpy(buf->pvBuffer, data, len);
    buf->cbBuffer = len;
    return SEC_E_OK;
}
