/*
 * SslCrackCertificate and SslFreeCertificate: an encoded X.509 certificate as schannel.h's
 * X509Certificate, decoded by crypt32.  The structure, its strings and its PctPublicKey are one
 * LocalAlloc block.  Where the documentation leaves the fields open (docs/windows-behaviour.md):
 * Version is the certificate's own version field (CERT_V3 is 2), SerialNumber its low-order 16
 * bytes in CryptoAPI's little-endian order, SignatureAlgorithm and the key's Type the ALG_IDs
 * crypt32 gives their OIDs, the names X.500 strings (CERT_X500_NAME_STR), the key the
 * subjectPublicKey bits.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stddef.h>
#include "schannel_sdk.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

#define NAME_TYPE (CERT_X500_NAME_STR | CERT_NAME_STR_REVERSE_FLAG)

static X509Certificate *crack(const CERT_INFO *info)
{
    const CRYPT_BIT_BLOB *key = &info->SubjectPublicKeyInfo.PublicKey;
    DWORD issuer_len, subject_len, key_offset;
    X509Certificate *cert;
    char *strings;

    issuer_len = CertNameToStrA(X509_ASN_ENCODING, (CERT_NAME_BLOB *)&info->Issuer, NAME_TYPE, NULL, 0);
    subject_len = CertNameToStrA(X509_ASN_ENCODING, (CERT_NAME_BLOB *)&info->Subject, NAME_TYPE, NULL, 0);
    key_offset = (sizeof(*cert) + issuer_len + subject_len + 7) & ~7;
    if (!(cert = LocalAlloc(LMEM_ZEROINIT, key_offset + offsetof(PctPublicKey, pKey[key->cbData]))))
        return NULL;
    cert->Version = info->dwVersion;
    memcpy(cert->SerialNumber, info->SerialNumber.pbData, min(info->SerialNumber.cbData, sizeof(cert->SerialNumber)));
    cert->SignatureAlgorithm = CertOIDToAlgId(info->SignatureAlgorithm.pszObjId);
    cert->ValidFrom = info->NotBefore;
    cert->ValidUntil = info->NotAfter;
    strings = (char *)(cert + 1);
    cert->pszIssuer = strings;
    CertNameToStrA(X509_ASN_ENCODING, (CERT_NAME_BLOB *)&info->Issuer, NAME_TYPE, cert->pszIssuer, issuer_len);
    cert->pszSubject = strings + issuer_len;
    CertNameToStrA(X509_ASN_ENCODING, (CERT_NAME_BLOB *)&info->Subject, NAME_TYPE, cert->pszSubject, subject_len);
    cert->pPublicKey = (PctPublicKey *)((BYTE *)cert + key_offset);
    cert->pPublicKey->Type = CertOIDToAlgId(info->SubjectPublicKeyInfo.Algorithm.pszObjId);
    cert->pPublicKey->cbKey = key->cbData;
    memcpy(cert->pPublicKey->pKey, key->pbData, key->cbData);
    return cert;
}

/* FLAGS (CF_CERT_FROM_FILE or 0) changes nothing: either way the blob is the DER certificate. */
BOOL WINAPI SslCrackCertificate(UCHAR *data, DWORD size, DWORD flags, X509Certificate **result)
{
    const CERT_CONTEXT *context;

    TRACE("%p %lu %#lx %p\n", data, size, flags, result);
    if (!result || !data || !size)
    {
        if (result) *result = NULL;
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    *result = NULL;
    if (!(context = CertCreateCertificateContext(X509_ASN_ENCODING, data, size)))
    {
        TRACE("not a certificate: %#lx\n", GetLastError());
        return FALSE;
    }
    *result = crack(context->pCertInfo);
    CertFreeCertificateContext(context);
    if (!*result) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    return *result != NULL;
}

void WINAPI SslFreeCertificate(X509Certificate *cert)
{
    TRACE("%p\n", cert);
    LocalFree(cert);
}
