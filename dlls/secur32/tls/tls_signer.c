/*
 * Private keys as GnuTLS external keys: every signature is made by the package's signer (the key's
 * own provider), so keys that cannot leave it, non-exportable or in CNG, serve as well.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "tls_private.h"

DEFAULT_DEBUG_CHANNEL(tls);

static BOOL hash_of(gnutls_digest_algorithm_t digest, enum tls_hash *hash)
{
    switch (digest)
    {
    case GNUTLS_DIG_SHA1: *hash = TLS_HASH_SHA1; return TRUE;
    case GNUTLS_DIG_SHA256: *hash = TLS_HASH_SHA256; return TRUE;
    case GNUTLS_DIG_SHA384: *hash = TLS_HASH_SHA384; return TRUE;
    case GNUTLS_DIG_SHA512: *hash = TLS_HASH_SHA512; return TRUE;
    default: return FALSE;
    }
}

/* ECDSA's r || s from the provider, as the DER SEQUENCE TLS carries. */
static int encode_ecdsa(const BYTE *raw, ULONG size, gnutls_datum_t *signature)
{
    gnutls_datum_t r = { (unsigned char *)raw, size / 2 }, s = { (unsigned char *)raw + size / 2, size / 2 };
    return gnutls_encode_rs_value(signature, &r, &s);
}

/* GnuTLS hands RSA PKCS#1 v1.5 over as GNUTLS_SIGN_RSA_RAW with a DigestInfo (or, for TLS 1.0 and 1.1,
 * the bare 36-byte MD5 + SHA-1); providers want the digest and its algorithm. */
static int sign_hash(gnutls_privkey_t key, gnutls_sign_algorithm_t algo, void *userdata, unsigned int flags,
                     const gnutls_datum_t *data, gnutls_datum_t *signature)
{
    const struct tls_signer *signer = userdata;
    gnutls_digest_algorithm_t digest_alg;
    unsigned char digest[64];
    unsigned int digest_size = sizeof(digest);
    const BYTE *input = data->data;
    enum tls_hash hash;
    BYTE sig[1024];
    ULONG sig_size = sizeof(sig);
    BOOL pss = gnutls_sign_get_pk_algorithm(algo) == GNUTLS_PK_RSA_PSS;

    if (algo == GNUTLS_SIGN_RSA_RAW && data->size == 36) hash = TLS_HASH_MD5_SHA1;
    else if (algo == GNUTLS_SIGN_RSA_RAW)
    {
        if (gnutls_decode_ber_digest_info(data, &digest_alg, digest, &digest_size) < 0 || !hash_of(digest_alg, &hash))
            return GNUTLS_E_UNWANTED_ALGORITHM;
        input = digest;
    }
    else if (!hash_of(gnutls_sign_get_hash_algorithm(algo), &hash)) return GNUTLS_E_UNWANTED_ALGORITHM;
    if (input == data->data) digest_size = data->size;
    if (!signer->sign(signer->ctx, hash, pss, input, digest_size, sig, &sig_size))
    {
        WARN("the key's provider did not sign (hash %u, pss %u)\n", hash, pss);
        return GNUTLS_E_PK_SIGN_FAILED;
    }
    if (signer->type == TLS_KEY_ECDSA) return encode_ecdsa(sig, sig_size, signature);
    if (!(signature->data = gnutls_malloc(sig_size))) return GNUTLS_E_MEMORY_ERROR;
    memcpy(signature->data, sig, sig_size);
    signature->size = sig_size;
    return 0;
}

/* Which signature algorithms the key can make: GnuTLS picks among these when it negotiates. */
BOOL tls_signer_supports(const struct tls_signer *signer, gnutls_sign_algorithm_t algo)
{
    gnutls_pk_algorithm_t pk = gnutls_sign_get_pk_algorithm(algo);
    enum tls_hash hash;

    if (!hash_of(gnutls_sign_get_hash_algorithm(algo), &hash)) return FALSE;
    switch (pk)
    {
    case GNUTLS_PK_RSA: return signer->type == TLS_KEY_RSA && signer->supports(signer->ctx, hash, FALSE);
    case GNUTLS_PK_RSA_PSS: return signer->type == TLS_KEY_RSA && signer->supports(signer->ctx, hash, TRUE);
    case GNUTLS_PK_ECDSA: return signer->type == TLS_KEY_ECDSA && signer->supports(signer->ctx, hash, FALSE);
    default: return FALSE;
    }
}

static int key_info(gnutls_privkey_t key, unsigned int flags, void *userdata)
{
    const struct tls_signer *signer = userdata;

    if (flags & GNUTLS_PRIVKEY_INFO_PK_ALGO) return signer->type == TLS_KEY_RSA ? GNUTLS_PK_RSA : GNUTLS_PK_ECDSA;
    if (flags & GNUTLS_PRIVKEY_INFO_PK_ALGO_BITS) return signer->bits;
    if (flags & GNUTLS_PRIVKEY_INFO_HAVE_SIGN_ALGO) return tls_signer_supports(signer, GNUTLS_FLAGS_TO_SIGN_ALGO(flags));
    return -1;
}

static void release_signer(gnutls_privkey_t key, void *userdata)
{
    struct tls_signer *signer = userdata;

    signer->release(signer->ctx);
    HeapFree(GetProcessHeap(), 0, signer);
}

gnutls_privkey_t tls_signer_key(const struct tls_signer *signer, const struct tls_signer **kept)
{
    struct tls_signer *copy;
    gnutls_privkey_t key;
    int ret;

    if (!(copy = HeapAlloc(GetProcessHeap(), 0, sizeof(*copy))))
    {
        signer->release(signer->ctx);
        return NULL;
    }
    *copy = *signer;
    if (gnutls_privkey_init(&key) < 0)
    {
        release_signer(NULL, copy);
        return NULL;
    }
    if ((ret = gnutls_privkey_import_ext4(key, copy, NULL, sign_hash, NULL, release_signer, key_info, 0)) < 0)
    {
        WARN("external key refused: %s\n", gnutls_strerror(ret));
        gnutls_privkey_deinit(key);
        release_signer(NULL, copy);
        return NULL;
    }
    *kept = copy;
    return key;
}
