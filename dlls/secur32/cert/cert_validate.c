/*
 * The peer's certificate chain judged as Windows judges it: built by the Windows chain engine from
 * the certificates the peer sent and the system stores, and checked with the SSL chain policy.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define CERT_CHAIN_PARA_HAS_EXTRA_FIELDS     /* dwUrlRetrievalTimeout */
#include "cert_bridge.h"
#include <wininet.h>                        /* SECURITY_FLAG_IGNORE_* */
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(cert);

#define REVOCATION_UNKNOWN (CERT_TRUST_REVOCATION_STATUS_UNKNOWN | CERT_TRUST_IS_OFFLINE_REVOCATION)

/* The chain's own trust errors, in the order the SSL policy reports them.  Wine's policy passes some
 * of them (an unknown root there is a partial chain that the policy accepts), so they are checked
 * after the policy call as well. */
static const struct
{
    DWORD status;
    HRESULT error;
} trust_errors[] =
{
    { CERT_TRUST_IS_UNTRUSTED_ROOT, CERT_E_UNTRUSTEDROOT },
    { CERT_TRUST_IS_PARTIAL_CHAIN | CERT_TRUST_IS_CYCLIC, CERT_E_CHAINING },
    { CERT_TRUST_IS_NOT_SIGNATURE_VALID, TRUST_E_CERT_SIGNATURE },
    { CERT_TRUST_IS_NOT_TIME_VALID, CERT_E_EXPIRED },
    { CERT_TRUST_INVALID_BASIC_CONSTRAINTS, TRUST_E_BASIC_CONSTRAINTS },
    { CERT_TRUST_IS_NOT_VALID_FOR_USAGE, CERT_E_WRONG_USAGE },
    { CERT_TRUST_IS_REVOKED, CRYPT_E_REVOKED },
    { CERT_TRUST_IS_OFFLINE_REVOCATION, CRYPT_E_REVOCATION_OFFLINE },
    { CERT_TRUST_REVOCATION_STATUS_UNKNOWN, CRYPT_E_NO_REVOCATION_CHECK },
};

static HRESULT trust_error(DWORD status)
{
    unsigned i;

    for (i = 0; i < ARRAYSIZE(trust_errors); i++)
        if (status & trust_errors[i].status) return trust_errors[i].error;
    return S_OK;
}

/* The revocation errors the caller chose to ignore, as chain status bits. */
static DWORD ignored_revocation(const CERT_CHAIN_CONTEXT *chain, const struct cert_validation *validation)
{
    DWORD status = chain->TrustStatus.dwErrorStatus;
    BOOL offline = !!(status & CERT_TRUST_IS_OFFLINE_REVOCATION);

    if (!(status & REVOCATION_UNKNOWN)) return 0;
    if (offline ? validation->ignore_revocation_offline : validation->ignore_no_revocation_check)
        return REVOCATION_UNKNOWN;
    return 0;
}

static HRESULT check_policy(const CERT_CHAIN_CONTEXT *chain, const struct cert_validation *validation)
{
    SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl = { { sizeof(ssl) } };
    CERT_CHAIN_POLICY_PARA para = { sizeof(para) };
    CERT_CHAIN_POLICY_STATUS status = { sizeof(status) };
    DWORD ignored = ignored_revocation(chain, validation);

    ssl.dwAuthType = validation->peer_is_server ? AUTHTYPE_SERVER : AUTHTYPE_CLIENT;
    ssl.pwszServerName = (WCHAR *)validation->name;
    if (!validation->name) ssl.fdwChecks |= SECURITY_FLAG_IGNORE_CERT_CN_INVALID;
    if (validation->skip_usage) ssl.fdwChecks |= SECURITY_FLAG_IGNORE_WRONG_USAGE;
    if (ignored) para.dwFlags |= CERT_CHAIN_POLICY_IGNORE_ALL_REV_UNKNOWN_FLAGS;
    para.pvExtraPolicyPara = &ssl;
    if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, chain, &para, &status))
        return HRESULT_FROM_WIN32(GetLastError());
    /* Wine's policy says CERT_E_REVOCATION_FAILURE where Windows' tells offline from unknown: the
     * chain's status decides. */
    if (status.dwError && status.dwError != CERT_E_REVOCATION_FAILURE) return status.dwError;
    return trust_error(chain->TrustStatus.dwErrorStatus & ~ignored);
}

HRESULT cert_validate_chain(const struct tls_blob *chain, unsigned count, const struct cert_validation *validation)
{
    static char *server_usage[] = { (char *)szOID_PKIX_KP_SERVER_AUTH };
    static char *client_usage[] = { (char *)szOID_PKIX_KP_CLIENT_AUTH };
    CERT_CHAIN_PARA para = { sizeof(para) };
    PCCERT_CHAIN_CONTEXT context;
    PCCERT_CONTEXT leaf;
    HRESULT error;

    if (!(leaf = cert_context_from_chain(chain, count))) return HRESULT_FROM_WIN32(GetLastError());
    if (!validation->skip_usage)
    {
        para.RequestedUsage.dwType = USAGE_MATCH_TYPE_AND;
        para.RequestedUsage.Usage.cUsageIdentifier = 1;
        para.RequestedUsage.Usage.rgpszUsageIdentifier = validation->peer_is_server ? server_usage : client_usage;
    }
    para.dwUrlRetrievalTimeout = validation->url_timeout;
    /* The peer's other certificates, in the leaf's memory store, may be the intermediates. */
    if (!CertGetCertificateChain(NULL, leaf, NULL, leaf->hCertStore, &para, validation->chain_flags, NULL, &context))
    {
        error = HRESULT_FROM_WIN32(GetLastError());
        WARN("no chain (%#lx)\n", error);
    }
    else
    {
        error = check_policy(context, validation);
        TRACE("chain of %lu, trust %#lx/%#lx: %#lx\n", context->rgpChain[0]->cElement,
              context->TrustStatus.dwErrorStatus, context->TrustStatus.dwInfoStatus, error);
        CertFreeCertificateChain(context);
    }
    CertFreeCertificateContext(leaf);
    return error;
}
