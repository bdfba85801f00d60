/*
 * Schannel credentials: AcquireCredentialsHandle with SCHANNEL_CRED (v3, v4) or SCH_CREDENTIALS
 * (v5), the protocol versions they allow, and the certificate a server (or client) presents.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define SCHANNEL_USE_BLACKLISTS
#include <windows.h>
#include <winternl.h>

#include "schannel_private.h"
#include "cert/cert_bridge.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(schannel);

/* What the engine implements, and what current Windows enables when the caller names nothing. */
#define SUPPORTED_PROTOCOLS (SP_PROT_TLS1_0 | SP_PROT_TLS1_1 | SP_PROT_TLS1_2 | SP_PROT_TLS1_3)
#define DEFAULT_PROTOCOLS (SP_PROT_TLS1_2 | SP_PROT_TLS1_3)
/* Each side's bits; the SDK's SP_PROT_CLIENTS / SP_PROT_SERVERS predate TLS 1.1. */
#define CLIENT_PROTOCOLS (SP_PROT_TLS1_0_CLIENT | SP_PROT_TLS1_1_CLIENT | SP_PROT_TLS1_2_CLIENT | SP_PROT_TLS1_3_CLIENT)
#define SERVER_PROTOCOLS (SP_PROT_TLS1_0_SERVER | SP_PROT_TLS1_1_SERVER | SP_PROT_TLS1_2_SERVER | SP_PROT_TLS1_3_SERVER)

/* The fields of SCHANNEL_CRED and SCH_CREDENTIALS this package reads, from either form. */
struct cred_params
{
    DWORD flags;
    DWORD cert_count;
    PCCERT_CONTEXT *certs;
    DWORD enabled;          /* SP_PROT_* of both sides; 0 = defaults */
};

static SECURITY_STATUS read_params(const void *auth_data, struct cred_params *params)
{
    const SCHANNEL_CRED *v4 = auth_data;
    const SCH_CREDENTIALS *v5 = auth_data;

    memset(params, 0, sizeof(*params));
    if (!auth_data) return SEC_E_OK;
    switch (v4->dwVersion)
    {
    case SCH_CRED_V3:
    case SCHANNEL_CRED_VERSION:
        params->flags = v4->dwFlags;
        params->cert_count = v4->cCreds;
        params->certs = v4->paCred;
        params->enabled = v4->grbitEnabledProtocols;
        return SEC_E_OK;
    case SCH_CREDENTIALS_VERSION:
        params->flags = v5->dwFlags;
        params->cert_count = v5->cCreds;
        params->certs = v5->paCred;
        /* TLS_PARAMETERS name what is disabled; the first entry applies to every peer. */
        if (v5->cTlsParameters && v5->pTlsParameters)
            params->enabled = SUPPORTED_PROTOCOLS & ~v5->pTlsParameters[0].grbitDisabledProtocols;
        return SEC_E_OK;
    default:
        WARN("unknown credential version %lu\n", v4->dwVersion);
        return SEC_E_INTERNAL_ERROR;
    }
}

static DWORD side_protocols(DWORD enabled, ULONG use)
{
    DWORD side = use == SECPKG_CRED_INBOUND ? SERVER_PROTOCOLS : CLIENT_PROTOCOLS;

    if (!(enabled & SUPPORTED_PROTOCOLS & side)) enabled = DEFAULT_PROTOCOLS;
    return enabled & SUPPORTED_PROTOCOLS & side;
}

static BOOL set_certificate(struct schan_credentials *creds, PCCERT_CONTEXT cert)
{
    struct tls_blob leaf = { cert->pbCertEncoded, cert->cbCertEncoded };
    struct cert_key key;
    BOOL ok;

    if (!cert_export_private_key(cert, &key)) return FALSE;
    ok = tls_credentials_set_certificate(creds->tls, &leaf, 1, &key.key);
    cert_free_private_key(&key);
    if (ok) creds->cert = CertDuplicateCertificateContext(cert);
    return ok;
}

SECURITY_STATUS schan_acquire_credentials(const WCHAR *principal, ULONG use, void *auth_data, void **cred,
                                          TimeStamp *expiry)
{
    struct schan_credentials *creds;
    struct cred_params params;
    SECURITY_STATUS status;

    TRACE("%#lx %p\n", use, auth_data);
    if ((status = read_params(auth_data, &params)) != SEC_E_OK) return status;
    if (use != SECPKG_CRED_INBOUND && use != SECPKG_CRED_OUTBOUND) return SEC_E_NO_CREDENTIALS;
    if (use == SECPKG_CRED_INBOUND && !params.cert_count) return SEC_E_NO_CREDENTIALS;
    if (params.cert_count && !params.certs) return SEC_E_INVALID_PARAMETER;

    if (!(creds = sspi_alloc(sizeof(*creds)))) return SEC_E_INSUFFICIENT_MEMORY;
    creds->refs = 1;
    creds->use = use;
    creds->flags = params.flags;
    creds->protocols = side_protocols(params.enabled, use);
    if (!(creds->tls = tls_credentials_create()))
    {
        sspi_free(creds);
        return SEC_E_INTERNAL_ERROR;
    }
    if (params.cert_count && !set_certificate(creds, params.certs[0]))
    {
        schan_credentials_release(creds);
        return SEC_E_NO_CREDENTIALS;
    }
    TRACE("credentials %p: protocols %#lx, flags %#lx\n", creds, creds->protocols, creds->flags);
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
    if (creds->cert) CertFreeCertificateContext(creds->cert);
    tls_credentials_free(creds->tls);
    sspi_free(creds);
}

/* The handle is gone; contexts made with these credentials keep them alive. */
void schan_free_credentials(void *cred)
{
    schan_credentials_release(cred);
}

SECURITY_STATUS schan_query_credentials_attributes(void *cred, ULONG attr, void *buffer, BOOL unicode)
{
    struct schan_credentials *creds = cred;

    switch (attr)
    {
    case SECPKG_ATTR_SUPPORTED_PROTOCOLS:
        if (!buffer) return SEC_E_INVALID_PARAMETER;
        ((SecPkgCred_SupportedProtocols *)buffer)->grbitProtocol = creds->protocols;
        return SEC_E_OK;
    default:
        FIXME("attribute %lu not supported\n", attr);
        return SEC_E_UNSUPPORTED_FUNCTION;
    }
}
