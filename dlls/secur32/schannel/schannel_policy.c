/*
 * What credentials allow: protocol versions (the caller's request, Windows' defaults and the
 * registry), ciphers (palgSupportedAlgs, cipher strength limits, SCH_CREDENTIALS' disabled
 * crypto), hashes and key exchanges, as the engine's tls_policy; and the credential attributes
 * that report it (SUPPORTED_PROTOCOLS, SUPPORTED_ALGS, CIPHER_STRENGTHS).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SCHANNEL_USE_BLACKLISTS
#include <windows.h>
#include <winternl.h>

#include "schannel_private.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

#define SUPPORTED_PROTOCOLS (SP_PROT_TLS1_0 | SP_PROT_TLS1_1 | SP_PROT_TLS1_2 | SP_PROT_TLS1_3 | SP_PROT_DTLS1_X)
/* Current Windows: TLS 1.2 and 1.3 unless asked for more.  A datagram context of credentials that
 * name no DTLS version uses DTLS 1.0 and 1.2 (see tls_session_create). */
#define DEFAULT_PROTOCOLS (SP_PROT_TLS1_2 | SP_PROT_TLS1_3)
#define DEFAULT_CIPHERS (TLS_CIPHER_AES_128 | TLS_CIPHER_AES_256 | TLS_CIPHER_CHACHA20)
#define ALL_MACS (TLS_MAC_SHA1 | TLS_MAC_SHA256 | TLS_MAC_SHA384)
#define ALL_KX (TLS_KX_ECDHE | TLS_KX_DHE | TLS_KX_RSA)

static const struct
{
    DWORD cipher;
    ULONG bits;
    ALG_ID alg;
    const WCHAR *cng;
}
ciphers[] =
{
    { TLS_CIPHER_AES_128, 128, CALG_AES_128, L"AES" },
    { TLS_CIPHER_AES_256, 256, CALG_AES_256, L"AES" },
    { TLS_CIPHER_CHACHA20, 256, 0, L"CHACHA20_POLY1305" },
    { TLS_CIPHER_3DES, 168, CALG_3DES, L"3DES" },
};

static const struct { DWORD mac; ALG_ID alg; const WCHAR *cng; } macs[] =
{
    { TLS_MAC_SHA1, CALG_SHA1, L"SHA1" },
    { TLS_MAC_SHA256, CALG_SHA_256, L"SHA256" },
    { TLS_MAC_SHA384, CALG_SHA_384, L"SHA384" },
};

static const struct { DWORD kx; ALG_ID alg; const WCHAR *cng; } exchanges[] =
{
    { TLS_KX_ECDHE, CALG_ECDH_EPHEM, L"ECDH" },
    { TLS_KX_ECDHE, CALG_ECDH, L"ECDH" },
    { TLS_KX_DHE, CALG_DH_EPHEM, L"DH" },
    { TLS_KX_RSA, CALG_RSA_KEYX, L"RSA" },
};

static DWORD side_bits(BOOL server)
{
    return server ? SP_PROT_TLS1_0_SERVER | SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_3_SERVER |
                    SP_PROT_DTLS1_X_SERVER
                  : SP_PROT_TLS1_0_CLIENT | SP_PROT_TLS1_1_CLIENT | SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT |
                    SP_PROT_DTLS1_X_CLIENT;
}

static DWORD protocols_of(const struct schan_cred_params *params, BOOL server)
{
    struct schan_registry_protocols reg;
    DWORD side = side_bits(server), defaults, asked;

    schan_registry_protocols(server, &reg);
    defaults = ((DEFAULT_PROTOCOLS & side) | reg.on_by_default) & ~reg.off_by_default;
    if (params->version == SCH_CREDENTIALS_VERSION) asked = defaults & ~params->disabled_protocols;
    else asked = params->enabled_protocols ? params->enabled_protocols : defaults;
    return asked & side & SUPPORTED_PROTOCOLS & ~reg.never;
}

/* palgSupportedAlgs names a set per category it mentions; categories it does not mention stay. */
static void apply_algs(const struct schan_cred_params *params, struct tls_policy *policy)
{
    DWORD cipher_set = 0, mac_set = 0, kx_set = 0, i, j;

    for (i = 0; i < params->alg_count; i++)
    {
        ALG_ID alg = params->algs[i];
        if (alg == CALG_AES) cipher_set |= TLS_CIPHER_AES_128 | TLS_CIPHER_AES_256;
        for (j = 0; j < ARRAYSIZE(ciphers); j++) if (ciphers[j].alg && ciphers[j].alg == alg) cipher_set |= ciphers[j].cipher;
        for (j = 0; j < ARRAYSIZE(macs); j++) if (macs[j].alg == alg) mac_set |= macs[j].mac;
        for (j = 0; j < ARRAYSIZE(exchanges); j++) if (exchanges[j].alg == alg) kx_set |= exchanges[j].kx;
    }
    if (cipher_set) policy->ciphers = cipher_set;
    if (mac_set) policy->macs = mac_set;
    if (kx_set) policy->kx = kx_set;
}

static void apply_strengths(const struct schan_cred_params *params, struct tls_policy *policy)
{
    unsigned i;

    for (i = 0; i < ARRAYSIZE(ciphers); i++)
    {
        if (params->min_strength && ciphers[i].bits < params->min_strength) policy->ciphers &= ~ciphers[i].cipher;
        if (params->max_strength && ciphers[i].bits > params->max_strength) policy->ciphers &= ~ciphers[i].cipher;
    }
}

static BOOL same_name(const UNICODE_STRING *name, const WCHAR *cng)
{
    return name->Buffer && name->Length == lstrlenW(cng) * sizeof(WCHAR) &&
           !memcmp(name->Buffer, cng, name->Length);
}

/* SCH_CREDENTIALS' CRYPTO_SETTINGS: each names a CNG algorithm (and a key size range) not to use. */
static void apply_disabled_crypto(const struct schan_cred_params *params, struct tls_policy *policy)
{
    const CRYPTO_SETTINGS *settings = params->disabled_crypto;
    DWORD i, j;

    for (i = 0; i < params->disabled_crypto_count; i++)
    {
        const CRYPTO_SETTINGS *s = &settings[i];
        switch (s->eAlgorithmUsage)
        {
        case TlsParametersCngAlgUsageCipher:
            for (j = 0; j < ARRAYSIZE(ciphers); j++)
                if (same_name(&s->strCngAlgId, ciphers[j].cng) &&
                    (!s->dwMinBitLength || ciphers[j].bits >= s->dwMinBitLength) &&
                    (!s->dwMaxBitLength || ciphers[j].bits <= s->dwMaxBitLength))
                    policy->ciphers &= ~ciphers[j].cipher;
            break;
        case TlsParametersCngAlgUsageDigest:
            for (j = 0; j < ARRAYSIZE(macs); j++)
                if (same_name(&s->strCngAlgId, macs[j].cng)) policy->macs &= ~macs[j].mac;
            break;
        case TlsParametersCngAlgUsageKeyExchange:
            for (j = 0; j < ARRAYSIZE(exchanges); j++)
                if (same_name(&s->strCngAlgId, exchanges[j].cng)) policy->kx &= ~exchanges[j].kx;
            break;
        default:
            FIXME("disabled crypto of usage %u not supported\n", s->eAlgorithmUsage);
            break;
        }
    }
}

SECURITY_STATUS schan_make_policy(const struct schan_cred_params *params, BOOL server, struct tls_policy *policy)
{
    /* DTLS and TLS or SSL versions asked for together, of either side: Windows refuses the mix
     * (Wine 10's schannel.c, test_dtls). */
    if (params->enabled_protocols & SP_PROT_DTLS1_X &&
        params->enabled_protocols & (SP_PROT_SSL3TLS1_X | SP_PROT_SSL2)) return SEC_E_ALGORITHM_MISMATCH;
    policy->protocols = protocols_of(params, server);
    policy->ciphers = DEFAULT_CIPHERS;
    policy->macs = ALL_MACS;
    policy->kx = ALL_KX;
    apply_algs(params, policy);
    apply_strengths(params, policy);
    apply_disabled_crypto(params, policy);
    TRACE("protocols %#lx, ciphers %#lx, macs %#lx, kx %#lx\n", policy->protocols, policy->ciphers, policy->macs,
          policy->kx);
    if (!policy->protocols || !policy->ciphers || !policy->macs || !policy->kx) return SEC_E_ALGORITHM_MISMATCH;
    return SEC_E_OK;
}

static SECURITY_STATUS supported_algs(const struct tls_policy *policy, SecPkgCred_SupportedAlgs *out)
{
    ALG_ID algs[16];
    DWORD count = 0, i;

    for (i = 0; i < ARRAYSIZE(ciphers); i++) if (ciphers[i].alg && (policy->ciphers & ciphers[i].cipher)) algs[count++] = ciphers[i].alg;
    for (i = 0; i < ARRAYSIZE(macs); i++) if (policy->macs & macs[i].mac) algs[count++] = macs[i].alg;
    for (i = 0; i < ARRAYSIZE(exchanges); i++) if (policy->kx & exchanges[i].kx) algs[count++] = exchanges[i].alg;
    algs[count++] = CALG_RSA_SIGN;
    algs[count++] = CALG_ECDSA;
    if (!(out->palgSupportedAlgs = sspi_alloc(count * sizeof(ALG_ID)))) return SEC_E_INSUFFICIENT_MEMORY;
    memcpy(out->palgSupportedAlgs, algs, count * sizeof(ALG_ID));
    out->cSupportedAlgs = count;
    return SEC_E_OK;
}

static SECURITY_STATUS cipher_strengths(const struct tls_policy *policy, SecPkgCred_CipherStrengths *out)
{
    DWORD i;

    out->dwMinimumCipherStrength = ~0u;
    out->dwMaximumCipherStrength = 0;
    for (i = 0; i < ARRAYSIZE(ciphers); i++)
    {
        if (!(policy->ciphers & ciphers[i].cipher)) continue;
        out->dwMinimumCipherStrength = min(out->dwMinimumCipherStrength, ciphers[i].bits);
        out->dwMaximumCipherStrength = max(out->dwMaximumCipherStrength, ciphers[i].bits);
    }
    return SEC_E_OK;
}

SECURITY_STATUS schan_query_credentials_attributes(void *cred, ULONG attr, void *buffer, BOOL unicode)
{
    struct schan_credentials *creds = cred;

    if (!buffer) return SEC_E_INTERNAL_ERROR;   /* as Windows */
    switch (attr)
    {
    case SECPKG_ATTR_SUPPORTED_PROTOCOLS:
        ((SecPkgCred_SupportedProtocols *)buffer)->grbitProtocol = creds->policy.protocols;
        return SEC_E_OK;
    case SECPKG_ATTR_SUPPORTED_ALGS: return supported_algs(&creds->policy, buffer);
    case SECPKG_ATTR_CIPHER_STRENGTHS: return cipher_strengths(&creds->policy, buffer);
    case SECPKG_CRED_ATTR_NAMES:
        /* Credentials without a certificate have no name (Wine 10's schannel.c, line 348). */
        if (!creds->cert) return SEC_E_NO_CREDENTIALS;
        FIXME("SECPKG_CRED_ATTR_NAMES of credentials with a certificate not supported\n");
        return SEC_E_UNSUPPORTED_FUNCTION;
    default:
        FIXME("attribute %lu not supported\n", attr);
        return SEC_E_UNSUPPORTED_FUNCTION;
    }
}
