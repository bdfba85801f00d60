/*
 * Per-message calls on a hosted package's context: MakeSignature, VerifySignature,
 * EncryptMessage (SpSealMessage) and DecryptMessage (SpUnsealMessage) from its user-mode table.
 * The packages keep sequence numbers and cipher state in the context, so one call at a time.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "lsa_private.h"

enum message_call { MAKE_SIGNATURE, VERIFY_SIGNATURE, SEAL, UNSEAL };

static SECURITY_STATUS message_call(struct lsa_handle *ctx, enum message_call call, ULONG qop,
                                    SecBufferDesc *message, ULONG seq, ULONG *qop_out)
{
    const SECPKG_USER_FUNCTION_TABLE *user = ctx->package->user;
    SECURITY_STATUS status = SEC_E_UNSUPPORTED_FUNCTION;
    ULONG unused = 0;

    if (!user) return status;
    if (!message) return SEC_E_INVALID_TOKEN;
    if (!qop_out) qop_out = &unused;
    AcquireSRWLockExclusive(&ctx->lock);
    switch (call)
    {
    case MAKE_SIGNATURE:
        if (user->MakeSignature) status = user->MakeSignature(ctx->handle, qop, message, seq);
        break;
    case VERIFY_SIGNATURE:
        if (user->VerifySignature) status = user->VerifySignature(ctx->handle, message, seq, qop_out);
        break;
    case SEAL:
        if (user->SealMessage) status = user->SealMessage(ctx->handle, qop, message, seq);
        break;
    case UNSEAL:
        if (user->UnsealMessage) status = user->UnsealMessage(ctx->handle, message, seq, qop_out);
        break;
    }
    ReleaseSRWLockExclusive(&ctx->lock);
    return status;
}

SECURITY_STATUS lsa_make_signature(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    return message_call(ctx, MAKE_SIGNATURE, qop, message, seq, NULL);
}

SECURITY_STATUS lsa_verify_signature(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    return message_call(ctx, VERIFY_SIGNATURE, 0, message, seq, qop);
}

SECURITY_STATUS lsa_encrypt(void *ctx, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    return message_call(ctx, SEAL, qop, message, seq, NULL);
}

SECURITY_STATUS lsa_decrypt(void *ctx, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    return message_call(ctx, UNSEAL, 0, message, seq, qop);
}
