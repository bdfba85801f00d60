/*
 * schannel.h for this DLL: the SDK header declares some exports without WINAPI, but Windows'
 * schannel.dll exports them as stdcall (schannel.exports); their SDK names are moved aside here.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef SCHANNEL_SDK_H
#define SCHANNEL_SDK_H

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#define SslCrackCertificate sdk_SslCrackCertificate
#define SslFreeCertificate sdk_SslFreeCertificate
#define SslGenerateKeyPair sdk_SslGenerateKeyPair
#define SslGenerateRandomBits sdk_SslGenerateRandomBits
#include <schannel.h>
#undef SslCrackCertificate
#undef SslFreeCertificate
#undef SslGenerateKeyPair
#undef SslGenerateRandomBits

BOOL WINAPI SslCrackCertificate(UCHAR *data, DWORD size, DWORD flags, X509Certificate **result);
void WINAPI SslFreeCertificate(X509Certificate *cert);
BOOL WINAPI SslGenerateKeyPair(SSL_CREDENTIAL_CERTIFICATE *certs, char *dn, char *password, DWORD bits);
void WINAPI SslGenerateRandomBits(UCHAR *data, LONG size);

#endif /* SCHANNEL_SDK_H */
