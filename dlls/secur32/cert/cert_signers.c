/*
 * Signing with a key where it lives: a CryptoAPI provider (CryptSignHash, PKCS#1 v1.5 only) or a CNG
 * key (NCryptSignHash: PKCS#1 v1.5, PSS, ECDSA).  The TLS engine calls these through struct tls_signer.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "cert_bridge.h"
#include "cert_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(cert);

static const ALG_ID capi_algs[] = { CALG_SSL3_SHAMD5, CALG_SHA1, CALG_SHA_256, CALG_SHA_384, CALG_SHA_512 };
static const WCHAR *const cng_algs[] = { NULL, BCRYPT_SHA1_ALGORITHM, BCRYPT_SHA256_ALGORITHM,
                                         BCRYPT_SHA384_ALGORITHM, BCRYPT_SHA512_ALGORITHM };

/* ---- CryptoAPI ---- */

struct capi_signer
{
    HCRYPTPROV prov[ARRAYSIZE(capi_algs)];  /* the provider that hashes with each algorithm, or 0 */
    HCRYPTPROV own[2];          /* the handles to release */
    DWORD spec;
};

static BOOL capi_supports(void *ctx, enum tls_hash hash, BOOL pss)
{
    struct capi_signer *signer = ctx;
    /* CryptSignHash knows PKCS#1 v1.5 only. */
    return !pss && signer->prov[hash];
}

static BOOL capi_sign(void *ctx, enum tls_hash hash, BOOL pss, const BYTE *digest, ULONG digest_size,
                      BYTE *sig, ULONG *sig_size)
{
    struct capi_signer *signer = ctx;
    HCRYPTHASH handle;
    DWORD size = *sig_size, i;
    BOOL ok;

    if (!capi_supports(ctx, hash, pss)) return FALSE;
    if (!CryptCreateHash(signer->prov[hash], capi_algs[hash], 0, 0, &handle)) return FALSE;
    ok = CryptSetHashParam(handle, HP_HASHVAL, digest, 0) &&
         CryptSignHashW(handle, signer->spec, NULL, 0, sig, &size);
    if (!ok) WARN("CryptSignHash failed (%#lx)\n", GetLastError());
    CryptDestroyHash(handle);
    if (!ok) return FALSE;
    /* CryptoAPI writes the signature little-endian; TLS wants it big-endian. */
    for (i = 0; i < size / 2; i++)
    {
        BYTE b = sig[i];
        sig[i] = sig[size - 1 - i];
        sig[size - 1 - i] = b;
    }
    *sig_size = size;
    return TRUE;
}

static void capi_release(void *ctx)
{
    struct capi_signer *signer = ctx;
    int i;

    for (i = 0; i < ARRAYSIZE(signer->own); i++) if (signer->own[i]) CryptReleaseContext(signer->own[i], 0);
    HeapFree(GetProcessHeap(), 0, signer);
}

/* Which hashes each provider makes: CryptCreateHash tells without signing anything. */
static void capi_find_hashes(struct capi_signer *signer, HCRYPTPROV prov)
{
    HCRYPTHASH handle;
    int i;

    for (i = 0; i < ARRAYSIZE(capi_algs); i++)
    {
        if (signer->prov[i] || !CryptCreateHash(prov, capi_algs[i], 0, 0, &handle)) continue;
        CryptDestroyHash(handle);
        signer->prov[i] = prov;
    }
}

BOOL cert_capi_signer(HCRYPTPROV prov, BOOL release, HCRYPTPROV aes, DWORD spec, ULONG bits, struct tls_signer *out)
{
    struct capi_signer *signer;

    if (!(signer = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*signer))))
    {
        if (release) CryptReleaseContext(prov, 0);
        if (aes) CryptReleaseContext(aes, 0);
        return FALSE;
    }
    signer->spec = spec;
    signer->own[0] = release ? prov : 0;
    signer->own[1] = aes;
    capi_find_hashes(signer, prov);
    if (aes) capi_find_hashes(signer, aes);
    out->type = TLS_KEY_RSA;
    out->bits = bits;
    out->ctx = signer;
    out->supports = capi_supports;
    out->sign = capi_sign;
    out->release = capi_release;
    TRACE("CryptoAPI key, %lu bits, spec %lu\n", bits, spec);
    return TRUE;
}

/* ---- CNG (NCrypt) ---- */

struct cng_signer
{
    NCRYPT_KEY_HANDLE key;
    NCRYPT_KEY_HANDLE pkcs1_key;    /* for PKCS#1 v1.5: KEY, or a second handle of the same key */
    BOOL release;
    enum tls_key_type type;
    LONG tried;                 /* bit per (hash, pss): asked the provider already */
    LONG works;                 /* bit per (hash, pss): and it signed */
    struct tls_signer fallback; /* the same key in CryptoAPI, for what CNG cannot do; or no ctx */
};

static SECURITY_STATUS cng_sign_raw(struct cng_signer *signer, enum tls_hash hash, BOOL pss, const BYTE *digest,
                                    ULONG digest_size, BYTE *sig, ULONG *sig_size)
{
    BCRYPT_PKCS1_PADDING_INFO pkcs1 = { cng_algs[hash] };
    BCRYPT_PSS_PADDING_INFO pss_info = { cng_algs[hash], digest_size };
    DWORD size = 0;
    SECURITY_STATUS status;

    if (signer->type == TLS_KEY_ECDSA)
        status = NCryptSignHash(signer->key, NULL, (BYTE *)digest, digest_size, sig, *sig_size, &size, NCRYPT_SILENT_FLAG);
    else if (pss)
        status = NCryptSignHash(signer->key, &pss_info, (BYTE *)digest, digest_size, sig, *sig_size, &size,
                                BCRYPT_PAD_PSS | NCRYPT_SILENT_FLAG);
    else
        status = NCryptSignHash(signer->pkcs1_key, &pkcs1, (BYTE *)digest, digest_size, sig, *sig_size, &size,
                                BCRYPT_PAD_PKCS1 | NCRYPT_SILENT_FLAG);
    *sig_size = size;
    return status;
}

static const ULONG digest_sizes[] = { 36, 20, 32, 48, 64 };

/* What a CNG key can do is known by asking it: one signature of a dummy digest per combination,
 * the first time GnuTLS asks about it.  The answer is remembered for the key's life, unless the key
 * could not answer then (it needs the user, or its smart card is not ready). */
static BOOL cng_supports(void *ctx, enum tls_hash hash, BOOL pss)
{
    struct cng_signer *signer = ctx;
    LONG bit = 1 << (hash * 2 + !!pss);
    BYTE digest[64] = { 0 }, sig[1024];
    ULONG size = sizeof(sig);
    SECURITY_STATUS status;

    if (pss && signer->type != TLS_KEY_RSA) return FALSE;
    if (signer->tried & bit) return !!(signer->works & bit);
    status = cng_sign_raw(signer, hash, pss, digest, digest_sizes[hash], sig, &size);
    TRACE("hash %u pss %u: %#lx\n", hash, pss, status);
    if (status == ERROR_SUCCESS) InterlockedOr(&signer->works, bit);
    if (status != NTE_SILENT_CONTEXT && status != NTE_DEVICE_NOT_READY && HRESULT_FACILITY(status) != FACILITY_SCARD)
        InterlockedOr(&signer->tried, bit);
    return status == ERROR_SUCCESS;
}

static BOOL fallback_supports(struct cng_signer *signer, enum tls_hash hash, BOOL pss)
{
    return signer->fallback.ctx && signer->fallback.supports(signer->fallback.ctx, hash, pss);
}

static BOOL cng_or_fallback_supports(void *ctx, enum tls_hash hash, BOOL pss)
{
    return cng_supports(ctx, hash, pss) || fallback_supports(ctx, hash, pss);
}

static BOOL cng_sign(void *ctx, enum tls_hash hash, BOOL pss, const BYTE *digest, ULONG digest_size,
                     BYTE *sig, ULONG *sig_size)
{
    struct cng_signer *signer = ctx;
    SECURITY_STATUS status;

    if (!cng_supports(ctx, hash, pss) && fallback_supports(ctx, hash, pss))
        return signer->fallback.sign(signer->fallback.ctx, hash, pss, digest, digest_size, sig, sig_size);
    status = cng_sign_raw(ctx, hash, pss, digest, digest_size, sig, sig_size);

    if (status != ERROR_SUCCESS) WARN("NCryptSignHash failed (%#lx)\n", status);
    return status == ERROR_SUCCESS;
}

static void cng_release(void *ctx)
{
    struct cng_signer *signer = ctx;

    if (signer->release) NCryptFreeObject(signer->key);
    if (signer->release && signer->pkcs1_key != signer->key) NCryptFreeObject(signer->pkcs1_key);
    if (signer->fallback.ctx) signer->fallback.release(signer->fallback.ctx);
    HeapFree(GetProcessHeap(), 0, signer);
}

static DWORD key_property(NCRYPT_KEY_HANDLE key, const WCHAR *name, void *value, DWORD size)
{
    DWORD got = 0;
    if (NCryptGetProperty(key, name, value, size, &got, 0) != ERROR_SUCCESS) return 0;
    return got;
}

BOOL cert_cng_signer(NCRYPT_KEY_HANDLE key, NCRYPT_KEY_HANDLE pkcs1_key, BOOL release, const struct tls_signer *fallback,
                     struct tls_signer *out)
{
    struct cng_signer *signer;
    WCHAR group[16] = { 0 };
    DWORD bits = 0;

    if (!key_property(key, NCRYPT_ALGORITHM_GROUP_PROPERTY, group, sizeof(group) - sizeof(WCHAR)) ||
        !key_property(key, NCRYPT_LENGTH_PROPERTY, &bits, sizeof(bits)) ||
        (wcscmp(group, NCRYPT_RSA_ALGORITHM_GROUP) && wcscmp(group, NCRYPT_ECDSA_ALGORITHM_GROUP) &&
         wcscmp(group, NCRYPT_ECDH_ALGORITHM_GROUP)) ||
        !(signer = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, sizeof(*signer))))
    {
        WARN("unusable CNG key (group %s, %lu bits)\n", dbgstr_w(group), bits);
        if (release) NCryptFreeObject(key);
        if (release && pkcs1_key) NCryptFreeObject(pkcs1_key);
        if (fallback) fallback->release(fallback->ctx);
        return FALSE;
    }
    if (fallback) signer->fallback = *fallback;
    signer->key = key;
    signer->pkcs1_key = pkcs1_key ? pkcs1_key : key;
    signer->release = release;
    signer->type = wcscmp(group, NCRYPT_RSA_ALGORITHM_GROUP) ? TLS_KEY_ECDSA : TLS_KEY_RSA;
    out->type = signer->type;
    out->bits = bits;
    out->ctx = signer;
    out->supports = cng_or_fallback_supports;
    out->sign = cng_sign;
    out->release = cng_release;
    TRACE("CNG key, %s, %lu bits\n", dbgstr_w(group), bits);
    return TRUE;
}
