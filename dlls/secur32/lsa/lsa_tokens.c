/*
 * What a token must look like before a hosted package sees it.  Windows refuses a token that is
 * not its package's message with SEC_E_INVALID_TOKEN; Wine's msv1_0 hands anything to ntlm_auth
 * and reports its refusal as SEC_E_INTERNAL_ERROR, so NTLM's messages are recognised here.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(lsa);

/* NTLM messages: the signature, then the type (1 negotiate, 2 challenge, 3 authenticate). */
#define NTLM_HEADER_SIZE 12

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

/* The message NTLM expects: a server's first step gets type 1, its second type 3, a client's
 * second step type 2 (its first has no input). */
SECURITY_STATUS lsa_check_token(const struct lsa_package *package, BOOL server, BOOL first,
                                const SecBufferDesc *input)
{
    ULONG expected, type;

    if (lstrcmpW(package->info.Name, L"NTLM")) return SEC_E_OK;
    if (!server && first) return SEC_E_OK;
    expected = server ? (first ? 1 : 3) : 2;
    if ((type = lsa_ntlm_message_type(input)) == expected) return SEC_E_OK;
    WARN("NTLM message type %lu, expected %lu\n", type, expected);
    return SEC_E_INVALID_TOKEN;
}
