/*
 * The private key of a certificate, found where Windows keeps it and wrapped as a signer: a CNG key
 * signs through NCrypt, a CryptoAPI key through its provider.  An exportable CryptoAPI key is also
 * copied into an ephemeral CNG key, because CryptoAPI cannot sign with PSS, which TLS 1.3 needs.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "cert_bridge.h"
#include "cert_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(cert);

/* Copies SIZE little-endian bytes from *SRC to DST big-endian; returns the end of DST. */
static BYTE *reverse_copy(const BYTE **src, SIZE_T size, BYTE *dst)
{
    SIZE_T i;

    for (i = 0; i < size; i++) dst[i] = (*src)[size - 1 - i];
    *src += size;
    return dst + size;
}

/* PRIVATEKEYBLOB (little-endian n p q dp dq qinv d) to BCRYPT_RSAFULLPRIVATE_BLOB (big-endian
 * e n p q dp dq qinv d).  The result is as secret as the input: the caller wipes both. */
static BYTE *capi_to_cng_blob(const BYTE *blob, DWORD blob_size, DWORD *out_size)
{
    const RSAPUBKEY *rsa = (const RSAPUBKEY *)(blob + sizeof(BLOBHEADER));
    const BYTE *src = (const BYTE *)(rsa + 1);
    BCRYPT_RSAKEY_BLOB *header;
    DWORD n, half, e = 4, exponent;
    const BYTE *exp_src = (const BYTE *)&exponent;
    BYTE *out, *dst;

    if (blob_size < sizeof(BLOBHEADER) + sizeof(RSAPUBKEY) || rsa->magic != 0x32415352 /* RSA2 */) return NULL;
    n = rsa->bitlen / 8;
    half = (rsa->bitlen + 15) / 16;
    if (blob_size < sizeof(BLOBHEADER) + sizeof(RSAPUBKEY) + 2 * n + 5 * half) return NULL;
    exponent = rsa->pubexp;
    while (e > 1 && !(exponent >> (8 * (e - 1)))) e--;
    *out_size = sizeof(*header) + e + 2 * n + 5 * half;
    if (!(out = HeapAlloc(GetProcessHeap(), 0, *out_size))) return NULL;
    header = (BCRYPT_RSAKEY_BLOB *)out;
    header->Magic = BCRYPT_RSAFULLPRIVATE_MAGIC;
    header->BitLength = rsa->bitlen;
    header->cbPublicExp = e;
    header->cbModulus = n;
    header->cbPrime1 = header->cbPrime2 = half;
    dst = reverse_copy(&exp_src, e, out + sizeof(*header));
    dst = reverse_copy(&src, n, dst);
    dst = reverse_copy(&src, half, dst);    /* p */
    dst = reverse_copy(&src, half, dst);    /* q */
    dst = reverse_copy(&src, half, dst);    /* dp */
    dst = reverse_copy(&src, half, dst);    /* dq */
    dst = reverse_copy(&src, half, dst);    /* qinv */
    reverse_copy(&src, n, dst);             /* d */
    return out;
}

static void wipe_free(BYTE *data, DWORD size)
{
    if (!data) return;
    SecureZeroMemory(data, size);
    HeapFree(GetProcessHeap(), 0, data);
}

/* An exportable CryptoAPI key as ephemeral CNG keys, two handles: Wine 8's CNG keys refuse PKCS#1 v1.5
 * once they have signed with PSS, so each padding gets its own.  FALSE when the key cannot be exported. */
static BOOL copy_to_cng(HCRYPTKEY key, NCRYPT_KEY_HANDLE handles[2])
{
    NCRYPT_PROV_HANDLE prov;
    DWORD size = 0, cng_size = 0;
    BYTE *blob, *cng = NULL;
    SECURITY_STATUS status = NTE_BAD_KEY;
    int i;

    handles[0] = handles[1] = 0;
    if (!CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, NULL, &size)) return FALSE;
    if (!(blob = HeapAlloc(GetProcessHeap(), 0, size))) return FALSE;
    if (CryptExportKey(key, 0, PRIVATEKEYBLOB, 0, blob, &size) && (cng = capi_to_cng_blob(blob, size, &cng_size)) &&
        NCryptOpenStorageProvider(&prov, MS_KEY_STORAGE_PROVIDER, 0) == ERROR_SUCCESS)
    {
        for (i = 0, status = ERROR_SUCCESS; i < 2 && status == ERROR_SUCCESS; i++)
            status = NCryptImportKey(prov, 0, BCRYPT_RSAFULLPRIVATE_BLOB, NULL, &handles[i], cng, cng_size,
                                     NCRYPT_SILENT_FLAG);
        if (status != ERROR_SUCCESS)
        {
            WARN("CNG refused the key (%#lx)\n", status);
            if (handles[0]) NCryptFreeObject(handles[0]);
            handles[0] = handles[1] = 0;
        }
        NCryptFreeObject(prov);
    }
    wipe_free(cng, cng_size);
    wipe_free(blob, size);
    return status == ERROR_SUCCESS;
}

static BOOL same_public_key(HCRYPTKEY a, HCRYPTKEY b)
{
    BYTE blob_a[1100], blob_b[1100];
    DWORD size_a = sizeof(blob_a), size_b = sizeof(blob_b);

    return CryptExportKey(a, 0, PUBLICKEYBLOB, 0, blob_a, &size_a) &&
           CryptExportKey(b, 0, PUBLICKEYBLOB, 0, blob_b, &size_b) &&
           size_a == size_b && !memcmp(blob_a, blob_b, size_a);
}

/* Base and strong CryptoAPI providers hash with SHA-1 and MD5 only; the AES provider opens the same
 * container and adds SHA-2.  Only the same key will do: the public keys are compared. */
static HCRYPTPROV open_in_aes_provider(HCRYPTPROV prov, HCRYPTKEY key, DWORD spec)
{
    char container[MAX_PATH];
    DWORD size = sizeof(container), type = 0, keyset = 0, type_size = sizeof(type);
    HCRYPTPROV aes;
    HCRYPTKEY other;
    BOOL same;

    if (!CryptGetProvParam(prov, PP_PROVTYPE, (BYTE *)&type, &type_size, 0) || type == PROV_RSA_AES) return 0;
    type_size = sizeof(keyset);
    if (!CryptGetProvParam(prov, PP_CONTAINER, (BYTE *)container, &size, 0) ||
        !CryptGetProvParam(prov, PP_KEYSET_TYPE, (BYTE *)&keyset, &type_size, 0))
        return 0;
    if (!CryptAcquireContextA(&aes, container, MS_ENH_RSA_AES_PROV_A, PROV_RSA_AES,
                              CRYPT_SILENT | (keyset & CRYPT_MACHINE_KEYSET)))
        return 0;
    if (!CryptGetUserKey(aes, spec, &other))
    {
        CryptReleaseContext(aes, 0);
        return 0;
    }
    same = same_public_key(key, other);
    CryptDestroyKey(other);
    if (same) return aes;
    WARN("container %s holds another key in the AES provider\n", dbgstr_a(container));
    CryptReleaseContext(aes, 0);
    return 0;
}

static BOOL capi_key_signer(HCRYPTPROV prov, DWORD spec, BOOL release, struct tls_signer *signer)
{
    static const DWORD specs[] = { AT_KEYEXCHANGE, AT_SIGNATURE };
    struct tls_signer capi;
    NCRYPT_KEY_HANDLE cng[2];
    HCRYPTKEY key = 0;
    DWORD bits = 0, size = sizeof(bits), i;
    HCRYPTPROV aes;
    BOOL copied;

    /* Wine 8's PFX import records key spec 3; the key is under one of the two real specs. */
    if (!CryptGetUserKey(prov, spec, &key))
        for (i = 0; i < ARRAYSIZE(specs) && !key; i++) if (CryptGetUserKey(prov, specs[i], &key)) spec = specs[i];
    if (!key || !CryptGetKeyParam(key, KP_KEYLEN, (BYTE *)&bits, &size, 0))
    {
        WARN("no key of spec %lu (%#lx)\n", spec, GetLastError());
        if (key) CryptDestroyKey(key);
        if (release) CryptReleaseContext(prov, 0);
        return FALSE;
    }
    copied = copy_to_cng(key, cng);
    aes = open_in_aes_provider(prov, key, spec);
    CryptDestroyKey(key);
    if (!copied) return cert_capi_signer(prov, release, aes, spec, bits, signer);
    /* CryptoAPI stays for what CNG may refuse (Wine 8's: TLS 1.0's MD5 + SHA-1 without a DigestInfo). */
    TRACE("exportable CryptoAPI key copied to CNG\n");
    if (!cert_capi_signer(prov, release, aes, spec, bits, &capi))
    {
        NCryptFreeObject(cng[0]);
        NCryptFreeObject(cng[1]);
        return FALSE;
    }
    return cert_cng_signer(cng[0], cng[1], TRUE, &capi, signer);
}

BOOL cert_get_signer(PCCERT_CONTEXT cert, struct tls_signer *signer)
{
    HCRYPTPROV_OR_NCRYPT_KEY_HANDLE handle;
    CERT_KEY_CONTEXT context;
    DWORD spec, size = sizeof(context);
    BOOL release;

    /* CNG when the key is there or can be opened there (Windows opens CryptoAPI software keys so),
     * else CryptoAPI.  A PFX imported with PKCS12_NO_PERSIST_KEY has only the key context property. */
    if (!CryptAcquireCertificatePrivateKey(cert, CRYPT_ACQUIRE_SILENT_FLAG | CRYPT_ACQUIRE_PREFER_NCRYPT_KEY_FLAG,
                                           NULL, &handle, &spec, &release))
    {
        if (!CertGetCertificateContextProperty(cert, CERT_KEY_CONTEXT_PROP_ID, &context, &size))
        {
            WARN("no private key for the certificate (%#lx)\n", GetLastError());
            return FALSE;
        }
        handle = context.hCryptProv;
        spec = context.dwKeySpec;
        release = FALSE;
    }
    if (spec == CERT_NCRYPT_KEY_SPEC) return cert_cng_signer(handle, 0, release, NULL, signer);
    return capi_key_signer(handle, spec, release, signer);
}

BOOL cert_names_key(PCCERT_CONTEXT cert)
{
    DWORD size = 0;

    return CertGetCertificateContextProperty(cert, CERT_KEY_PROV_INFO_PROP_ID, NULL, &size);
}
