/*
 * sspi-tls: the certificates the peer sent, and the tool's own validation of them through
 * CertGetCertificateChain and CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL).
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <windows.h>
#include <wincrypt.h>
#include <schannel.h>

#include "chain.h"

static void add_names(PCCERT_CONTEXT cert, struct peer_chain *chain)
{
    CertNameToStrA(X509_ASN_ENCODING, &cert->pCertInfo->Subject, CERT_X500_NAME_STR,
                   chain->subject[chain->count], sizeof(chain->subject[0]));
    CertNameToStrA(X509_ASN_ENCODING, &cert->pCertInfo->Issuer, CERT_X500_NAME_STR,
                   chain->issuer[chain->count], sizeof(chain->issuer[0]));
    chain->count++;
}

/* The leaf, then the rest of the store the package put it in, in store order. */
static void list_certificates(PCCERT_CONTEXT leaf, struct peer_chain *chain)
{
    PCCERT_CONTEXT cert = NULL;

    add_names(leaf, chain);
    while (chain->count < CHAIN_MAX && (cert = CertEnumCertificatesInStore(leaf->hCertStore, cert)))
        if (!CertCompareCertificate(X509_ASN_ENCODING, leaf->pCertInfo, cert->pCertInfo)) add_names(cert, chain);
    if (cert) CertFreeCertificateContext(cert);
}

static void validate(PCCERT_CONTEXT leaf, const char *name, struct peer_chain *chain)
{
    WCHAR nameW[256] = L"";
    CERT_CHAIN_PARA para = { sizeof(para) };
    SSL_EXTRA_CERT_CHAIN_POLICY_PARA ssl = { { sizeof(ssl) } };
    CERT_CHAIN_POLICY_PARA policy = { sizeof(policy) };
    CERT_CHAIN_POLICY_STATUS status = { sizeof(status) };
    PCCERT_CHAIN_CONTEXT context;

    if (name) MultiByteToWideChar(CP_UTF8, 0, name, -1, nameW, ARRAYSIZE(nameW));
    if (!CertGetCertificateChain(NULL, leaf, NULL, leaf->hCertStore, &para, 0, NULL, &context))
    {
        chain->validation = HRESULT_FROM_WIN32(GetLastError());
        return;
    }
    ssl.dwAuthType = name ? AUTHTYPE_SERVER : AUTHTYPE_CLIENT;
    ssl.pwszServerName = name ? nameW : NULL;
    policy.pvExtraPolicyPara = &ssl;
    if (!CertVerifyCertificateChainPolicy(CERT_CHAIN_POLICY_SSL, context, &policy, &status))
        status.dwError = HRESULT_FROM_WIN32(GetLastError());
    chain->validation = status.dwError;
    /* Some chain engines (Wine 8's) pass the policy for an unknown root yet flag the chain: the
     * tool reports both, so neither hides the other. */
    chain->trust_errors = context->TrustStatus.dwErrorStatus;
    CertFreeCertificateChain(context);
}

void chain_inspect(CtxtHandle *ctx, const char *name, struct peer_chain *chain)
{
    PCCERT_CONTEXT leaf = NULL;

    memset(chain, 0, sizeof(*chain));
    chain->status = QueryContextAttributesA(ctx, SECPKG_ATTR_REMOTE_CERT_CONTEXT, &leaf);
    if (chain->status != SEC_E_OK || !leaf) return;
    list_certificates(leaf, chain);
    validate(leaf, name, chain);
    CertFreeCertificateContext(leaf);
}
