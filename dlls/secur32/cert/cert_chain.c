/*
 * Certificates the peer sent, as Windows hands them out: a context for the leaf whose hCertStore
 * is a memory store holding the whole chain.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "cert_bridge.h"
#include "sspi_debug.h"

DEFAULT_DEBUG_CHANNEL(cert);

PCCERT_CONTEXT cert_context_from_chain(const struct tls_blob *chain, unsigned count)
{
    PCCERT_CONTEXT leaf = NULL;
    HCERTSTORE store;
    unsigned i;

    if (!count) return NULL;
    if (!(store = CertOpenStore(CERT_STORE_PROV_MEMORY, 0, 0, CERT_STORE_CREATE_NEW_FLAG, NULL))) return NULL;
    for (i = 0; i < count; i++)
    {
        if (!CertAddEncodedCertificateToStore(store, X509_ASN_ENCODING, chain[i].data, chain[i].size,
                                              CERT_STORE_ADD_ALWAYS, i ? NULL : &leaf))
            WARN("certificate %u of the chain not added (%lu)\n", i, GetLastError());
    }
    /* The leaf context keeps the store alive. */
    CertCloseStore(store, 0);
    return leaf;
}

unsigned cert_chain_to_send(PCCERT_CONTEXT cert, struct tls_blob *chain, unsigned max, PCCERT_CHAIN_CONTEXT *held)
{
    CERT_CHAIN_PARA para = { sizeof(para) };
    const CERT_SIMPLE_CHAIN *simple;
    unsigned count = 0, i;

    chain[0].data = cert->pbCertEncoded;
    chain[0].size = cert->cbCertEncoded;
    *held = NULL;
    if (!CertGetCertificateChain(NULL, cert, NULL, cert->hCertStore, &para, 0, NULL, held))
    {
        WARN("no chain for the certificate (%#lx)\n", GetLastError());
        return 1;
    }
    simple = (*held)->rgpChain[0];
    count = simple->cElement;
    /* The peer has the root already, or it would not trust it. */
    if (count > 1 && simple->rgpElement[count - 1]->TrustStatus.dwInfoStatus & CERT_TRUST_IS_SELF_SIGNED) count--;
    for (i = 0; i < count && i < max; i++)
    {
        chain[i].data = simple->rgpElement[i]->pCertContext->pbCertEncoded;
        chain[i].size = simple->rgpElement[i]->pCertContext->cbCertEncoded;
    }
    TRACE("sending %u certificates\n", i);
    return i;
}
