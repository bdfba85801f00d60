/*
 * Per-message calls: EncryptMessage, DecryptMessage and their old names SealMessage and
 * UnsealMessage, MakeSignature and VerifySignature.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sspi);

SECURITY_STATUS WINAPI EncryptMessage(CtxtHandle *handle, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    TRACE("%p %#lx %p %lu\n", handle, qop, message, seq);
    return sspi_dispatch(SSPI_CONTEXT, handle, encrypt_message, qop, message, seq);
}

SECURITY_STATUS WINAPI DecryptMessage(CtxtHandle *handle, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    TRACE("%p %p %lu %p\n", handle, message, seq, qop);
    return sspi_dispatch(SSPI_CONTEXT, handle, decrypt_message, message, seq, qop);
}

SECURITY_STATUS WINAPI SealMessage(CtxtHandle *handle, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    return EncryptMessage(handle, qop, message, seq);
}

SECURITY_STATUS WINAPI UnsealMessage(CtxtHandle *handle, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    return DecryptMessage(handle, message, seq, qop);
}

/* Schannel has no detached signatures (SECPKG_FLAG_INTEGRITY covers its records): a package
 * without these ops gets SEC_E_UNSUPPORTED_FUNCTION. */
SECURITY_STATUS WINAPI MakeSignature(CtxtHandle *handle, ULONG qop, SecBufferDesc *message, ULONG seq)
{
    TRACE("%p %#lx %p %lu\n", handle, qop, message, seq);
    return sspi_dispatch(SSPI_CONTEXT, handle, make_signature, qop, message, seq);
}

SECURITY_STATUS WINAPI VerifySignature(CtxtHandle *handle, SecBufferDesc *message, ULONG seq, ULONG *qop)
{
    TRACE("%p %p %lu %p\n", handle, message, seq, qop);
    return sspi_dispatch(SSPI_CONTEXT, handle, verify_signature, message, seq, qop);
}
