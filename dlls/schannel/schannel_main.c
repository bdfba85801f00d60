/*
 * schannel.dll: the SSPI names are forwarded to secur32.dll (see schannel.exports); this file holds
 * the package's small exports.  The LSA tables are schannel_lsa.c and schannel_user.c, the
 * certificate cracker schannel_crack.c, SslGetServerIdentity schannel_identity.c.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "schannel_sdk.h"
#include <bcrypt.h>

#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

DWORD WINAPI SslGetMaximumKeySize(DWORD reserved);
BOOL WINAPI SupportsChannelBinding(void);
BOOL WINAPI SslLoadCertificate(UCHAR *data, DWORD size, BOOL add_ref);
void WINAPI SslFreeCustomBuffer(void *buffer);
DWORD WINAPI OpenSslPerformanceData(WCHAR *device);
DWORD WINAPI CollectSslPerformanceData(WCHAR *values, void **data, DWORD *bytes, DWORD *object_types);
DWORD WINAPI CloseSslPerformanceData(void);

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    if (reason == DLL_PROCESS_ATTACH) DisableThreadLibraryCalls(instance);
    return TRUE;
}

void WINAPI SslGenerateRandomBits(UCHAR *data, LONG size)
{
    TRACE("%p %ld\n", data, size);
    if (!data || size <= 0) return;
    BCryptGenRandom(NULL, data, size, BCRYPT_USE_SYSTEM_PREFERRED_RNG);
}

/* The strongest cipher the package offers, in bits: what SECPKG_ATTR_CIPHER_STRENGTHS says of a
 * client credential; 0 when the package cannot be asked. */
DWORD WINAPI SslGetMaximumKeySize(DWORD reserved)
{
    SCHANNEL_CRED cred = { SCHANNEL_CRED_VERSION };
    SecPkgCred_CipherStrengths strengths = { 0 };
    CredHandle handle;

    TRACE("%#lx\n", reserved);
    cred.dwFlags = SCH_CRED_NO_DEFAULT_CREDS | SCH_CRED_MANUAL_CRED_VALIDATION;
    if (AcquireCredentialsHandleW(NULL, (WCHAR *)UNISP_NAME_W, SECPKG_CRED_OUTBOUND, NULL, &cred, NULL, NULL,
                                  &handle, NULL))
        return 0;
    QueryCredentialsAttributesW(&handle, SECPKG_ATTR_CIPHER_STRENGTHS, &strengths);
    FreeCredentialsHandle(&handle);
    return strengths.dwMaximumCipherStrength;
}

/* The package gives channel bindings (SECPKG_ATTR_ENDPOINT_BINDINGS, UNIQUE_BINDINGS). */
BOOL WINAPI SupportsChannelBinding(void)
{
    TRACE("\n");
    return TRUE;
}

/* The PCT-era private key and certificate files: no format Schannel reads today. */
BOOL WINAPI SslLoadCertificate(UCHAR *data, DWORD size, BOOL add_ref)
{
    TRACE("%p %lu %d\n", data, size, add_ref);
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

BOOL WINAPI SslGenerateKeyPair(SSL_CREDENTIAL_CERTIFICATE *certs, char *dn, char *password, DWORD bits)
{
    TRACE("%p %s %p %lu\n", certs, dbgstr_a(dn), password, bits);
    SetLastError(ERROR_NOT_SUPPORTED);
    return FALSE;
}

/* Buffers of this DLL are LocalAlloc blocks (SslCrackCertificate's among them). */
void WINAPI SslFreeCustomBuffer(void *buffer)
{
    TRACE("%p\n", buffer);
    LocalFree(buffer);
}

/* The performance counter extension (PM_OPEN_PROC, PM_COLLECT_PROC, PM_CLOSE_PROC): the package
 * keeps no counters, so a collection returns no objects, as such a DLL does for objects it does not
 * serve. */
DWORD WINAPI OpenSslPerformanceData(WCHAR *device)
{
    TRACE("%s\n", dbgstr_w(device));
    return ERROR_SUCCESS;
}

DWORD WINAPI CollectSslPerformanceData(WCHAR *values, void **data, DWORD *bytes, DWORD *object_types)
{
    TRACE("%s %p %p %p\n", dbgstr_w(values), data, bytes, object_types);
    if (!data || !bytes || !object_types) return ERROR_INVALID_PARAMETER;
    *bytes = 0;
    *object_types = 0;
    return ERROR_SUCCESS;
}

DWORD WINAPI CloseSslPerformanceData(void)
{
    TRACE("\n");
    return ERROR_SUCCESS;
}
