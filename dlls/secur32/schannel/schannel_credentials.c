/*
 * Schannel credentials: AcquireCredentialsHandle with SCHANNEL_CRED (v3, v4) or SCH_CREDENTIALS
 * (v5), the protocol versions they allow, and the certificate a server (or client) presents.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SCHANNEL_USE_BLACKLISTS
#include <string.h>
#include <windows.h>
#include <winternl.h>

#include "schannel_private.h"
#include "cert/cert_bridge.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

static SECURITY_STATUS read_params(const void *auth_data, struct schan_cred_params *params)
{
    const SCHANNEL_CRED *v4 = auth_data;
    const SCH_CREDENTIALS *v5 = auth_data;

    memset(params, 0, sizeof(*params));
    if (!auth_data) return SEC_E_OK;
    params->version = v4->dwVersion;
    switch (v4->dwVersion)
    {
    case SCH_CRED_V3:
    case SCHANNEL_CRED_VERSION:
        params->flags = v4->dwFlags;
        params->cert_count = v4->cCreds;
        params->certs = v4->paCred;
        params->enabled_protocols = v4->grbitEnabledProtocols;
        params->min_strength = v4->dwMinimumCipherStrength;
        params->max_strength = v4->dwMaximumCipherStrength;
        params->session_lifespan = v4->dwSessionLifespan;
        params->alg_count = v4->palgSupportedAlgs ? v4->cSupportedAlgs : 0;
        params->algs = v4->palgSupportedAlgs;
        return SEC_E_OK;
    case SCH_CREDENTIALS_VERSION:
        params->flags = v5->dwFlags;
        params->cert_count = v5->cCreds;
        params->certs = v5->paCred;
        params->session_lifespan = v5->dwSessionLifespan;
        /* The first TLS_PARAMETERS entry applies to every peer; ALPN-specific entries are not. */
        if (v5->cTlsParameters && v5->pTlsParameters)
        {
            const TLS_PARAMETERS *tls = v5->pTlsParameters;
            if (tls->cAlpnIds) FIXME("TLS_PARAMETERS for particular ALPN ids are ignored\n");
            params->disabled_protocols = tls->grbitDisabledProtocols;
            params->disabled_crypto_count = tls->pDisabledCrypto ? tls->cDisabledCrypto : 0;
            params->disabled_crypto = tls->pDisabledCrypto;
        }
        return SEC_E_OK;
    default:
        WARN("unknown credential version %lu\n", v4->dwVersion);
        return SEC_E_UNKNOWN_CREDENTIALS;
    }
}

/* TLS 1.3 signs with RSA through PSS only: credentials whose key's provider cannot do PSS keep to
 * TLS 1.2 and older, and fail when nothing older is allowed. */
static SECURITY_STATUS restrict_to_key(struct schan_credentials *creds, const struct tls_signer *signer)
{
    if (signer->type != TLS_KEY_RSA || signer->supports(signer->ctx, TLS_HASH_SHA256, TRUE)) return SEC_E_OK;
    WARN("the key's provider cannot sign with RSA-PSS: no TLS 1.3 with these credentials\n");
    creds->policy.protocols &= ~(SP_PROT_TLS1_3_CLIENT | SP_PROT_TLS1_3_SERVER);
    return creds->policy.protocols ? SEC_E_OK : SEC_E_ALGORITHM_MISMATCH;
}

/* TRUE when the certificate's public key is of a type TLS signs with (RSA, EC). */
static BOOL signs_for_tls(PCCERT_CONTEXT cert)
{
    const char *oid = cert->pCertInfo->SubjectPublicKeyInfo.Algorithm.pszObjId;

    return oid && (!strcmp(oid, szOID_RSA_RSA) || !strcmp(oid, szOID_ECC_PUBLIC_KEY));
}

/* A certificate whose public key TLS cannot use: SEC_E_UNKNOWN_CREDENTIALS; one without a private
 * key: SEC_E_NO_CREDENTIALS; one that names a key which cannot be opened: SEC_E_UNKNOWN_CREDENTIALS
 * (as Windows; Wine 10's schannel.c, lines 400-413 and 491-503). */
static SECURITY_STATUS get_signer(PCCERT_CONTEXT cert, struct tls_signer *signer)
{
    if (!signs_for_tls(cert)) return SEC_E_UNKNOWN_CREDENTIALS;
    if (cert_get_signer(cert, signer)) return SEC_E_OK;
    return cert_names_key(cert) ? SEC_E_UNKNOWN_CREDENTIALS : SEC_E_NO_CREDENTIALS;
}

/* Every certificate given must have a usable key, though only the first is presented. */
static SECURITY_STATUS check_other_certificates(const struct schan_cred_params *params)
{
    struct tls_signer signer;
    SECURITY_STATUS status;
    ULONG i;

    for (i = 1; i < params->cert_count; i++)
    {
        if (!params->certs[i]) return SEC_E_INVALID_PARAMETER;
        if ((status = get_signer(params->certs[i], &signer)) != SEC_E_OK) return status;
        signer.release(signer.ctx);
    }
    if (params->cert_count > 1) FIXME("%lu certificates: only the first is used\n", params->cert_count);
    return SEC_E_OK;
}

static SECURITY_STATUS set_certificate(struct schan_credentials *creds, PCCERT_CONTEXT cert)
{
    struct tls_blob chain[16];
    PCCERT_CHAIN_CONTEXT held;
    struct tls_signer signer;
    SECURITY_STATUS status;
    unsigned count;

    if (!cert) return SEC_E_INVALID_PARAMETER;
    if ((status = get_signer(cert, &signer)) != SEC_E_OK) return status;
    if ((status = restrict_to_key(creds, &signer)) != SEC_E_OK)
    {
        signer.release(signer.ctx);
        return status;
    }
    /* The intermediates go with the certificate, so peers need not have them. */
    count = cert_chain_to_send(cert, chain, ARRAYSIZE(chain), &held);
    if (!tls_credentials_set_certificate(creds->tls, chain, count, &signer)) status = SEC_E_NO_CREDENTIALS;
    if (held) CertFreeCertificateChain(held);
    if (status == SEC_E_OK) creds->cert = CertDuplicateCertificateContext(cert);
    return status;
}

SECURITY_STATUS schan_acquire_credentials(const WCHAR *principal, ULONG use, void *auth_data, void **cred,
                                          TimeStamp *expiry)
{
    struct schan_credentials *creds;
    struct schan_cred_params params;
    struct tls_policy policy;
    SECURITY_STATUS status;

    TRACE("%#lx %p\n", use, auth_data);
    if ((status = read_params(auth_data, &params)) != SEC_E_OK) return status;
    if (use != SECPKG_CRED_INBOUND && use != SECPKG_CRED_OUTBOUND) return SEC_E_NO_CREDENTIALS;
    /* A server without SCHANNEL_CRED has no certificate; one with an SCHANNEL_CRED that lists none
     * is made, as on Windows (Wine 10's schannel.c, lines 358 and 385), and its handshake fails. */
    if (use == SECPKG_CRED_INBOUND && !auth_data) return SEC_E_NO_CREDENTIALS;
    if (params.cert_count && !params.certs) return SEC_E_INVALID_PARAMETER;
    if ((status = schan_make_policy(&params, use == SECPKG_CRED_INBOUND, &policy)) != SEC_E_OK) return status;
    if ((status = check_other_certificates(&params)) != SEC_E_OK) return status;

    if (!(creds = sspi_alloc(sizeof(*creds)))) return SEC_E_INSUFFICIENT_MEMORY;
    creds->refs = 1;
    creds->use = use;
    creds->flags = params.flags;
    creds->policy = policy;
    schan_session_settings(creds, params.session_lifespan);
    if (!(creds->tls = tls_credentials_create()))
    {
        sspi_free(creds);
        return SEC_E_INTERNAL_ERROR;
    }
    if (params.cert_count && (status = set_certificate(creds, params.certs[0])) != SEC_E_OK)
    {
        schan_credentials_release(creds);
        return status;
    }
    /* A client without a certificate lets the caller choose one when a server asks. */
    if (!creds->cert && use == SECPKG_CRED_OUTBOUND) tls_credentials_wait_for_certificate(creds->tls);
    TRACE("credentials %p: protocols %#lx, flags %#lx\n", creds, creds->policy.protocols, creds->flags);
    *cred = creds;
    return SEC_E_OK;
}

void schan_credentials_addref(struct schan_credentials *creds)
{
    InterlockedIncrement(&creds->refs);
}

void schan_credentials_release(struct schan_credentials *creds)
{
    if (InterlockedDecrement(&creds->refs)) return;
    schan_session_forget(creds);
    if (creds->cert) CertFreeCertificateContext(creds->cert);
    tls_credentials_free(creds->tls);
    sspi_free(creds);
}

/* The handle is gone; contexts made with these credentials keep them alive. */
void schan_free_credentials(void *cred)
{
    schan_credentials_release(cred);
}
