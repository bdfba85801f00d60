/*
 * Private keys of certificates: exported from the key's CryptoAPI provider and converted to the
 * engine's big-endian key parts.  Non-exportable keys and CNG keys are for the certificate issue
 * (signing through the provider); this covers a PFX imported with an exportable RSA key.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "cert_bridge.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(cert);

/* The provider holding CERT's key: CryptAcquireCertificatePrivateKey, or the key context property
 * that a PFX imported with PKCS12_NO_PERSIST_KEY carries instead. */
static BOOL acquire_provider(PCCERT_CONTEXT cert, HCRYPTPROV *prov, DWORD *spec, BOOL *release)
{
    CERT_KEY_CONTEXT context;
    DWORD size = sizeof(context);

    if (CryptAcquireCertificatePrivateKey(cert, CRYPT_ACQUIRE_SILENT_FLAG, NULL, prov, spec, release))
        return TRUE;
    if (!CertGetCertificateContextProperty(cert, CERT_KEY_CONTEXT_PROP_ID, &context, &size)) return FALSE;
    *prov = context.hCryptProv;
    *spec = context.dwKeySpec;
    *release = FALSE;
    return TRUE;
}

/* Copies a little-endian field of the blob into STORAGE big-endian, and points PART at it. */
static BYTE *take_field(const BYTE **src, SIZE_T size, BYTE *dst, struct tls_blob *part)
{
    SIZE_T i;

    for (i = 0; i < size; i++) dst[i] = (*src)[size - 1 - i];
    part->data = dst;
    part->size = size;
    *src += size;
    return dst + size;
}

/* PRIVATEKEYBLOB: BLOBHEADER, RSAPUBKEY, then modulus, p, q, dp, dq, qinv (half size) and d. */
static BOOL parse_rsa_blob(const BYTE *blob, DWORD blob_size, struct cert_key *key)
{
    const RSAPUBKEY *rsa = (const RSAPUBKEY *)(blob + sizeof(BLOBHEADER));
    const BYTE *src = (const BYTE *)(rsa + 1);
    SIZE_T n, half;
    BYTE *dst, exponent[4];
    const BYTE *exp_src = (const BYTE *)&rsa->pubexp;

    if (blob_size < sizeof(BLOBHEADER) + sizeof(RSAPUBKEY) || rsa->magic != 0x32415352 /* RSA2 */) return FALSE;
    n = rsa->bitlen / 8;
    half = (rsa->bitlen + 15) / 16;
    if (blob_size < sizeof(BLOBHEADER) + sizeof(RSAPUBKEY) + 2 * n + 5 * half) return FALSE;
    if (!(key->storage = HeapAlloc(GetProcessHeap(), 0, key->storage_size = 2 * n + 5 * half + 4))) return FALSE;

    key->key.type = TLS_KEY_RSA;
    dst = key->storage;
    dst = take_field(&src, n, dst, &key->key.parts[0]);        /* n */
    dst = take_field(&src, half, dst, &key->key.parts[3]);     /* p */
    dst = take_field(&src, half, dst, &key->key.parts[4]);     /* q */
    dst = take_field(&src, half, dst, &key->key.parts[6]);     /* e1 */
    dst = take_field(&src, half, dst, &key->key.parts[7]);     /* e2 */
    dst = take_field(&src, half, dst, &key->key.parts[5]);     /* u */
    dst = take_field(&src, n, dst, &key->key.parts[2]);        /* d */
    memcpy(exponent, exp_src, 4);
    exp_src = exponent;
    take_field(&exp_src, 4, dst, &key->key.parts[1]);          /* e */
    return TRUE;
}

BOOL cert_export_private_key(PCCERT_CONTEXT cert, struct cert_key *key)
{
    HCRYPTPROV prov;
    HCRYPTKEY handle;
    DWORD spec, size = 0;
    BOOL release, ok = FALSE;
    BYTE *blob;

    memset(key, 0, sizeof(*key));
    if (!acquire_provider(cert, &prov, &spec, &release))
    {
        WARN("no private key for the certificate (%lu)\n", GetLastError());
        return FALSE;
    }
    /* Wine 8's PFX import records key spec 3; the key is under one of the two real specs. */
    if (!CryptGetUserKey(prov, spec, &handle) && !CryptGetUserKey(prov, AT_KEYEXCHANGE, &handle) &&
        !CryptGetUserKey(prov, AT_SIGNATURE, &handle))
        WARN("no key of spec %lu (%#lx)\n", spec, GetLastError());
    else
    {
        if (!CryptExportKey(handle, 0, PRIVATEKEYBLOB, 0, NULL, &size))
            WARN("key not exportable (%#lx)\n", GetLastError());
        else if ((blob = HeapAlloc(GetProcessHeap(), 0, size)))
        {
            if (CryptExportKey(handle, 0, PRIVATEKEYBLOB, 0, blob, &size)) ok = parse_rsa_blob(blob, size, key);
            SecureZeroMemory(blob, size);
            HeapFree(GetProcessHeap(), 0, blob);
        }
        CryptDestroyKey(handle);
    }
    if (release) CryptReleaseContext(prov, 0);
    return ok;
}

void cert_free_private_key(struct cert_key *key)
{
    if (!key->storage) return;
    SecureZeroMemory(key->storage, key->storage_size);
    HeapFree(GetProcessHeap(), 0, key->storage);
    memset(key, 0, sizeof(*key));
}
