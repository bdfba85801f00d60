/*
 * schannel.dll: the SSPI names are forwarded to secur32.dll (see schannel.exports); this file holds
 * the package's own exports.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <windows.h>
#include <bcrypt.h>

#include "sspi_stub.h"

DEFAULT_DEBUG_CHANNEL(schannel);

void WINAPI SslGenerateRandomBits(UCHAR *data, LONG size);

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

STUB_WIN32(CloseSslPerformanceData, 0)
STUB_WIN32(CollectSslPerformanceData, 4)
STUB_WIN32(OpenSslPerformanceData, 1)
STUB_NT(SpLsaModeInitialize, 4)
STUB_NT(SpUserModeInitialize, 4)
STUB_BOOL(SslCrackCertificate, 4)
STUB_VOID(SslFreeCertificate, 1)
STUB_VOID(SslFreeCustomBuffer, 1)
STUB_BOOL(SslGenerateKeyPair, 4)
STUB_WIN32(SslGetMaximumKeySize, 1)
STUB_SEC(SslGetServerIdentity, 5)
STUB_BOOL(SslLoadCertificate, 3)
STUB_BOOL(SupportsChannelBinding, 0)
