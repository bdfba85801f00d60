/*
 * The certificate bridge: Windows certificate contexts and their keys, in the TLS engine's terms.
 *
 * Copyright 2026 The secur32-schannel authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#ifndef CERT_BRIDGE_H
#define CERT_BRIDGE_H

#include <windows.h>
#include <wincrypt.h>

#include "tls/tls_engine.h"

/* The signer of CERT's private key, which stays in its provider (cert_keys.c).  FALSE when the
 * certificate has no key we can reach. */
BOOL cert_get_signer(PCCERT_CONTEXT cert, struct tls_signer *signer);
/* TRUE when CERT names a private key (its provider and container), whether or not it can be opened. */
BOOL cert_names_key(PCCERT_CONTEXT cert);

/* A context for the chain's leaf in a memory store that holds the whole chain (cert_chain.c). */
PCCERT_CONTEXT cert_context_from_chain(const struct tls_blob *chain, unsigned count);
/* What this side sends: CERT and the intermediates the chain engine finds for it (in CERT's own store
 * and the system stores), the root left out.  The blobs stay valid until CertFreeCertificateChain(*held)
 * (*held may be NULL: then CERT alone is in CHAIN).  Returns the count, at least 1. */
unsigned cert_chain_to_send(PCCERT_CONTEXT cert, struct tls_blob *chain, unsigned max, PCCERT_CHAIN_CONTEXT *held);

/* How to judge a peer's chain (cert_validate.c). */
struct cert_validation
{
    BOOL peer_is_server;        /* SSL policy for a server (server-auth usage, name) or for a client */
    const WCHAR *name;          /* the name a server's certificate must carry; NULL: not checked */
    DWORD chain_flags;          /* CertGetCertificateChain flags (CERT_CHAIN_REVOCATION_CHECK_*) */
    DWORD url_timeout;          /* ms for revocation retrieval; 0: the engine's default */
    BOOL ignore_no_revocation_check;    /* CRYPT_E_NO_REVOCATION_CHECK is no failure */
    BOOL ignore_revocation_offline;     /* nor CRYPT_E_REVOCATION_OFFLINE */
    BOOL skip_usage;            /* no TLS usage (extended key usage) is required */
};

/* Builds the chain of the peer's certificates (DER, leaf first; the others serve as an additional
 * store) with the Windows chain engine, so it trusts what Windows trusts, and checks it with the SSL
 * policy.  S_OK, or the CryptoAPI verdict: CERT_E_*, CRYPT_E_*, TRUST_E_*. */
HRESULT cert_validate_chain(const struct tls_blob *chain, unsigned count, const struct cert_validation *validation);

#endif /* CERT_BRIDGE_H */
