/*
 * SspiEncryptAuthIdentity / SspiDecryptAuthIdentity / SspiIsAuthIdentityEncrypted: the password
 * of an identity encrypted in place for this process (CryptProtectMemory, SAME_PROCESS), flagged
 * SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED.  Only identities the Sspi functions made have
 * room for the cipher's block padding, so only they can be encrypted.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "identity_private.h"
#include <dpapi.h>
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(identity);

static SECURITY_STATUS crypt_password(void *identity, BOOL encrypt)
{
    SEC_WINNT_AUTH_IDENTITY_EXW *ex = identity;
    struct identity_view view;
    BOOL encrypted, done;

    if (!identity) return SEC_E_INVALID_PARAMETER;
    if (!identity_view_of(identity, &view)) return SEC_E_INVALID_TOKEN;
    if (!view.ours) return SEC_E_INVALID_PARAMETER;
    encrypted = !!(view.flags & SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED);
    if (encrypted == encrypt) return SEC_E_OK;
    if (view.password)
    {
        done = encrypt ? CryptProtectMemory(ex->Password, view.password_bytes, CRYPTPROTECTMEMORY_SAME_PROCESS)
                       : CryptUnprotectMemory(ex->Password, view.password_bytes, CRYPTPROTECTMEMORY_SAME_PROCESS);
        if (!done)
        {
            WARN("CryptProtectMemory failed: %lu\n", GetLastError());
            return SEC_E_INTERNAL_ERROR;
        }
    }
    ex->Flags ^= SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED;
    return SEC_E_OK;
}

SECURITY_STATUS SEC_ENTRY SspiEncryptAuthIdentity(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity)
{
    TRACE("%p\n", identity);
    return crypt_password(identity, TRUE);
}

SECURITY_STATUS SEC_ENTRY SspiDecryptAuthIdentity(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity)
{
    TRACE("%p\n", identity);
    return crypt_password(identity, FALSE);
}

BOOLEAN SEC_ENTRY SspiIsAuthIdentityEncrypted(PSEC_WINNT_AUTH_IDENTITY_OPAQUE identity)
{
    struct identity_view view;

    TRACE("%p\n", identity);
    return identity_view_of(identity, &view) && (view.flags & SEC_WINNT_AUTH_IDENTITY_FLAGS_PROCESS_ENCRYPTED);
}
