/*
 * InitSecurityInterfaceA/W: the function tables through which most callers reach the SSPI.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "sspi_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(sspi);

/* The secext exports that sit in the tables but are declared only for other headers' modes. */
SECURITY_STATUS WINAPI ChangeAccountPasswordW(SEC_WCHAR *, SEC_WCHAR *, SEC_WCHAR *, SEC_WCHAR *, SEC_WCHAR *,
                                              BOOLEAN, ULONG, SecBufferDesc *);
SECURITY_STATUS WINAPI ChangeAccountPasswordA(SEC_CHAR *, SEC_CHAR *, SEC_CHAR *, SEC_CHAR *, SEC_CHAR *,
                                              BOOLEAN, ULONG, SecBufferDesc *);

/* Windows reports version 1 although it fills every later entry too, and its old SealMessage and
 * UnsealMessage slots hold EncryptMessage and DecryptMessage (Wine's secur32.c conformance test). */
static SecurityFunctionTableW table_w =
{
    SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION,
    EnumerateSecurityPackagesW,
    QueryCredentialsAttributesW,
    AcquireCredentialsHandleW,
    FreeCredentialsHandle,
    NULL,
    InitializeSecurityContextW,
    AcceptSecurityContext,
    CompleteAuthToken,
    DeleteSecurityContext,
    ApplyControlToken,
    QueryContextAttributesW,
    ImpersonateSecurityContext,
    RevertSecurityContext,
    MakeSignature,
    VerifySignature,
    FreeContextBuffer,
    QuerySecurityPackageInfoW,
    (void *)EncryptMessage,
    (void *)DecryptMessage,
    ExportSecurityContext,
    ImportSecurityContextW,
    AddCredentialsW,
    NULL,
    QuerySecurityContextToken,
    EncryptMessage,
    DecryptMessage,
    SetContextAttributesW,
    SetCredentialsAttributesW,
    ChangeAccountPasswordW,
    QueryContextAttributesExW,
    QueryCredentialsAttributesExW,
};

static SecurityFunctionTableA table_a =
{
    SECURITY_SUPPORT_PROVIDER_INTERFACE_VERSION,
    EnumerateSecurityPackagesA,
    QueryCredentialsAttributesA,
    AcquireCredentialsHandleA,
    FreeCredentialsHandle,
    NULL,
    InitializeSecurityContextA,
    AcceptSecurityContext,
    CompleteAuthToken,
    DeleteSecurityContext,
    ApplyControlToken,
    QueryContextAttributesA,
    ImpersonateSecurityContext,
    RevertSecurityContext,
    MakeSignature,
    VerifySignature,
    FreeContextBuffer,
    QuerySecurityPackageInfoA,
    (void *)EncryptMessage,
    (void *)DecryptMessage,
    ExportSecurityContext,
    ImportSecurityContextA,
    AddCredentialsA,
    NULL,
    QuerySecurityContextToken,
    EncryptMessage,
    DecryptMessage,
    SetContextAttributesA,
    SetCredentialsAttributesA,
    ChangeAccountPasswordA,
    QueryContextAttributesExA,
    QueryCredentialsAttributesExA,
};

SecurityFunctionTableW * WINAPI InitSecurityInterfaceW(void)
{
    TRACE("\n");
    return &table_w;
}

SecurityFunctionTableA * WINAPI InitSecurityInterfaceA(void)
{
    TRACE("\n");
    return &table_a;
}
